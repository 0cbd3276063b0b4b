import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { describe, expect, it } from 'vitest';
import { Resources } from '../../apiserver/registry/resources';
import { newControllerFixture } from '../util/recordingClient';
import { msgExternalProvisioning, msgWaitForFirstConsumer, PersistentVolumeController } from './persistentVolumeController';

const standard: StorageClass = { metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Delete' };

function claim(o: { class?: string; annotations?: Record<string, string>; phase?: string } = {}): PersistentVolumeClaim {
  return {
    metadata: { name: 'data', namespace: 'default', uid: 'uid-data', resourceVersion: '2', annotations: o.annotations },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: o.class ?? '' },
    status: { phase: o.phase ?? 'Pending' },
  };
}

function volume(o: { claimRef?: boolean; phase?: string; policy?: string } = {}): PersistentVolume {
  return {
    metadata: { name: 'pv1', resourceVersion: '3' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '2Gi' },
      hostPath: { path: '/tmp/pv1' },
      persistentVolumeReclaimPolicy: o.policy ?? 'Retain',
      claimRef: o.claimRef ? { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: 'uid-data' } : undefined,
    },
    status: { phase: o.phase ?? 'Available' },
  };
}

function setup(claims: PersistentVolumeClaim[], volumes: PersistentVolume[] = []) {
  const fx = newControllerFixture(1);
  const c = new PersistentVolumeController(fx.ctx);
  fx.add(Resources.storageclasses, standard);
  fx.add(Resources.persistentvolumeclaims, ...claims);
  fx.add(Resources.persistentvolumes, ...volumes);
  return { fx, c };
}

const pvPath = '/api/v1/persistentvolumes/pv1';
const pvcPath = '/api/v1/namespaces/default/persistentvolumeclaims/data';

describe('PersistentVolumeController', () => {
  it('binds a Pending claim to an Available volume in the binder\'s four writes', async () => {
    const { fx, c } = setup([claim()], [volume()]);
    await c.sync('default/data');
    expect(fx.transport.writes.map((w) => `${w.method} ${w.path}`)).toEqual([`PUT ${pvPath}`, `PUT ${pvPath}/status`, `PUT ${pvcPath}`, `PUT ${pvcPath}/status`]);
    const [pv, pvStatus, pvc, pvcStatus] = fx.transport.writes.map((w) => w.body as PersistentVolume & PersistentVolumeClaim);
    expect(pv.spec?.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: 'uid-data' });
    expect(pv.metadata?.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(pvStatus.status?.phase).toBe('Bound');
    expect(pvc.spec?.volumeName).toBe('pv1');
    expect(pvc.metadata?.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes', 'pv.kubernetes.io/bind-completed': 'yes' });
    expect(pvcStatus.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
  });

  it('does nothing for a claim and volume already bound', async () => {
    const bound = claim({ phase: 'Bound', annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' } });
    const boundClaim = { ...bound, spec: { ...bound.spec, volumeName: 'pv1' }, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } } };
    const boundVolume = { ...volume({ claimRef: true, phase: 'Bound' }), metadata: { name: 'pv1', resourceVersion: '3', annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' } } };
    const { fx, c } = setup([boundClaim], [boundVolume]);
    await c.sync('default/data');
    await c.sync('pv1');
    expect(fx.transport.writes).toEqual([]);
  });

  it('waits for the first consumer of a WaitForFirstConsumer claim', async () => {
    const { fx, c } = setup([claim({ class: 'standard' })]);
    await c.sync('default/data');
    await fx.sim.settle();
    expect(fx.transport.writes).toEqual([]);
    expect(fx.transport.events).toEqual([{ type: 'Normal', reason: 'WaitForFirstConsumer', message: msgWaitForFirstConsumer }]);
  });

  it('asks the external provisioner once the scheduler selected a node', async () => {
    const { fx, c } = setup([claim({ class: 'standard', annotations: { 'volume.kubernetes.io/selected-node': 'worker-1' } })]);
    await c.sync('default/data');
    await fx.sim.settle();
    expect(fx.transport.writes.map((w) => `${w.method} ${w.path}`)).toEqual([`PUT ${pvcPath}`]);
    expect((fx.transport.writes[0].body as PersistentVolumeClaim).metadata?.annotations).toEqual({
      'volume.kubernetes.io/selected-node': 'worker-1',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    });
    expect(fx.transport.events).toEqual([{ type: 'Normal', reason: 'ExternalProvisioning', message: msgExternalProvisioning('rancher.io/local-path') }]);
  });

  it('releases the volume of a deleted claim and keeps it under Retain', async () => {
    const { fx, c } = setup([], [volume({ claimRef: true, phase: 'Bound' })]);
    fx.transport.respond = (req) => (req.method === 'GET' ? { status: 404, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' } } : undefined);
    await c.sync('pv1');
    expect(fx.transport.writes.map((w) => `${w.method} ${w.path}`)).toEqual([`PUT ${pvPath}/status`]);
    expect((fx.transport.writes[0].body as PersistentVolume).status?.phase).toBe('Released');
  });

  it('fails a hostPath volume outside /tmp under Delete, as the hostPath deleter refuses it', async () => {
    const v = volume({ claimRef: true, phase: 'Released', policy: 'Delete' });
    const outside = { ...v, spec: { ...v.spec, hostPath: { path: '/data/pv1' } } };
    const { fx, c } = setup([], [outside]);
    await c.sync('pv1');
    await fx.sim.settle();
    expect((fx.transport.writes[0].body as PersistentVolume).status).toMatchObject({ phase: 'Failed', message: 'host_path deleter only supports /tmp/.+ but received provided /data/pv1' });
    expect(fx.transport.events.map((e) => e.reason)).toEqual(['VolumeFailedDelete']);
  });
});
