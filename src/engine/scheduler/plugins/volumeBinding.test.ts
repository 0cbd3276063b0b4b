import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { describe, expect, it } from 'vitest';
import { SchedulerCache, noListers } from '../cache/cache';
import { VolumeAssumeCache } from '../cache/volumeAssumeCache';
import { CycleState } from '../framework/cycleState';
import { newPodInfo } from '../framework/podInfo';
import { Code } from '../framework/status';
import { makeNode, makePod } from '../testing/wrappers';
import { ErrReasonBindConflict, ErrReasonNodeConflict, ErrReasonPVNotExist, ErrUnboundImmediateClaims, volumeBinding } from './volumeBinding';

const wffc: StorageClass = { metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };
const immediate: StorageClass = { metadata: { name: 'immediate' }, provisioner: 'example.com/x', volumeBindingMode: 'Immediate' };
const manual: StorageClass = { metadata: { name: 'manual' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' };

function pvc(name: string, o: { class?: string; volumeName?: string; bound?: boolean; annotations?: Record<string, string>; storage?: string } = {}): PersistentVolumeClaim {
  const annotations = { ...o.annotations, ...(o.bound ? { 'pv.kubernetes.io/bind-completed': 'yes' } : {}) };
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '10', annotations },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: o.storage ?? '1Gi' } }, storageClassName: o.class ?? 'standard', volumeName: o.volumeName },
    status: { phase: o.bound ? 'Bound' : 'Pending' },
  };
}

function pv(name: string, o: { class?: string; node?: string; storage?: string; claim?: string } = {}): PersistentVolume {
  return {
    metadata: { name, resourceVersion: '5' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: o.storage ?? '1Gi' },
      storageClassName: o.class ?? 'standard',
      hostPath: { path: `/tmp/${name}` },
      claimRef: o.claim ? { namespace: 'default', name: o.claim, uid: `uid-${o.claim}` } : undefined,
      nodeAffinity: o.node ? { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [o.node] }] }] } } : undefined,
    },
    status: { phase: o.claim ? 'Bound' : 'Available' },
  };
}

function podWith(...claims: string[]): Pod {
  const p = makePod('p');
  p.spec!.volumes = claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } }));
  return p;
}

function setup(claims: PersistentVolumeClaim[], volumes: PersistentVolume[], classes = [wffc, immediate, manual]) {
  const cache = new SchedulerCache(
    noListers,
    new VolumeAssumeCache({
      claim: (ns, name) => claims.find((c) => c.metadata?.namespace === ns && c.metadata?.name === name),
      volume: (name) => volumes.find((v) => v.metadata?.name === name),
      volumes: () => volumes,
      storageClass: (name) => classes.find((c) => c.metadata?.name === name),
    }),
  );
  for (const n of ['n1', 'n2']) cache.addNode(makeNode(n));
  return cache;
}

describe('VolumeBinding PreFilter', () => {
  it.each([
    { name: 'skips a pod without claims', claims: [] as PersistentVolumeClaim[], uses: [] as string[], code: Code.Skip, reason: undefined },
    { name: 'rejects a pod whose claim is missing', claims: [], uses: ['x'], code: Code.UnschedulableAndUnresolvable, reason: 'persistentvolumeclaim "x" not found' },
    { name: 'rejects a pod with an unbound Immediate claim', claims: [pvc('x', { class: 'immediate' })], uses: ['x'], code: Code.UnschedulableAndUnresolvable, reason: ErrUnboundImmediateClaims },
    { name: 'treats a claim of a missing class as Immediate', claims: [pvc('x', { class: 'fast' })], uses: ['x'], code: Code.UnschedulableAndUnresolvable, reason: ErrUnboundImmediateClaims },
    {
      name: 'rejects a pod whose claim is being deleted',
      claims: [{ ...pvc('x'), metadata: { ...pvc('x').metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } }],
      uses: ['x'],
      code: Code.UnschedulableAndUnresolvable,
      reason: 'persistentvolumeclaim "x" is being deleted',
    },
    { name: 'accepts a WaitForFirstConsumer claim', claims: [pvc('x')], uses: ['x'], code: undefined, reason: undefined },
  ])('$name', ({ claims, uses, code, reason }) => {
    const cache = setup(claims, []);
    const pod = podWith(...uses);
    const s = volumeBinding.preFilter(new CycleState(newPodInfo(pod), cache), pod);
    expect(s?.code).toBe(code);
    if (reason) expect(s?.reasons).toEqual([reason]);
  });
});

describe('VolumeBinding Filter', () => {
  it.each([
    { name: 'a bound volume pinned to n1 conflicts with n2', claims: [pvc('x', { volumeName: 'v', bound: true })], volumes: [pv('v', { node: 'n1', claim: 'x' })], want: { n1: null, n2: ErrReasonNodeConflict } },
    { name: 'a claim bound to a missing volume fits nowhere', claims: [pvc('x', { volumeName: 'v', bound: true })], volumes: [], want: { n1: ErrReasonPVNotExist, n2: ErrReasonPVNotExist } },
    { name: 'a WaitForFirstConsumer claim can be provisioned anywhere', claims: [pvc('x')], volumes: [], want: { n1: null, n2: null } },
    { name: 'a claim whose node was selected fits only there', claims: [pvc('x', { annotations: { 'volume.kubernetes.io/selected-node': 'n2' } })], volumes: [], want: { n1: ErrReasonBindConflict, n2: null } },
    { name: 'a no-provisioner claim needs a matching local volume', claims: [pvc('x', { class: 'manual' })], volumes: [pv('local', { class: 'manual', node: 'n2' })], want: { n1: ErrReasonBindConflict, n2: null } },
    { name: 'a too small volume does not match', claims: [pvc('x', { class: 'manual', storage: '2Gi' })], volumes: [pv('local', { class: 'manual' })], want: { n1: ErrReasonBindConflict, n2: ErrReasonBindConflict } },
  ])('$name', ({ claims, volumes, want }) => {
    const cache = setup(claims, volumes);
    const pod = podWith('x');
    const state = new CycleState(newPodInfo(pod), cache);
    expect(volumeBinding.preFilter(state, pod)).toBeNull();
    for (const [node, reason] of Object.entries(want)) {
      const s = volumeBinding.filter(state, pod, cache.get(node)!);
      if (reason === null) expect(s, node).toBeNull();
      else expect(s?.reasons, node).toEqual([reason]);
    }
  });
});

describe('VolumeBinding Reserve', () => {
  it('assumes the selected node on a claim to provision, and unreserve forgets it', () => {
    const cache = setup([pvc('x')], []);
    const pod = podWith('x');
    const state = new CycleState(newPodInfo(pod), cache);
    volumeBinding.preFilter(state, pod);
    volumeBinding.filter(state, pod, cache.get('n1')!);
    expect(volumeBinding.reserve(state, pod, 'n1')).toBeNull();
    expect(cache.volumes.claim('default', 'x')?.metadata?.annotations?.['volume.kubernetes.io/selected-node']).toBe('n1');
    // Another pod's cycle now sees the claim as provisioned on n1.
    const other = new CycleState(newPodInfo(pod), cache);
    volumeBinding.preFilter(other, pod);
    expect(volumeBinding.filter(other, pod, cache.get('n2')!)?.reasons).toEqual([ErrReasonBindConflict]);
    volumeBinding.unreserve(state, pod, 'n1');
    expect(cache.volumes.claim('default', 'x')?.metadata?.annotations?.['volume.kubernetes.io/selected-node']).toBeUndefined();
  });

  it('pre-binds the smallest matching volume to the claim', () => {
    const cache = setup([pvc('x', { class: 'manual' })], [pv('big', { class: 'manual', storage: '10Gi' }), pv('small', { class: 'manual', storage: '2Gi' })]);
    const pod = podWith('x');
    const state = new CycleState(newPodInfo(pod), cache);
    volumeBinding.preFilter(state, pod);
    volumeBinding.filter(state, pod, cache.get('n1')!);
    volumeBinding.reserve(state, pod, 'n1');
    const assumed = cache.volumes.volume('small');
    expect(assumed?.spec?.claimRef).toMatchObject({ name: 'x', namespace: 'default', uid: 'uid-x' });
    expect(assumed?.metadata?.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect(cache.volumes.volume('big')?.spec?.claimRef).toBeUndefined();
  });
});

describe('VolumeBinding queueing hints', () => {
  const events = volumeBinding.eventsToRegister();
  const pvcHint = events.find((e) => e.event.resource === 'PersistentVolumeClaim')!.hint!;
  it('requeues a pod only for its own claims', () => {
    const pod = podWith('x');
    expect(pvcHint(pod, null, pvc('x'))).toBe(true);
    expect(pvcHint(pod, null, pvc('y'))).toBe(false);
    expect(pvcHint(pod, null, { ...pvc('x'), metadata: { ...pvc('x').metadata, namespace: 'other' } })).toBe(false);
  });
});
