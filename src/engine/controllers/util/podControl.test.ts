import { describe, expect, it } from 'vitest';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { Resources } from '../../apiserver/registry/resources';
import { EventRecorder } from '../../client/eventRecorder';
import { newControllerRef } from './controllerRef';
import { getPodFromTemplate, PodControl } from './podControl';
import { newControllerFixture } from './recordingClient';

const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'default', uid: 'rs-uid' } };
const template: PodTemplateSpec = {
  metadata: { labels: { app: 'web' }, annotations: { note: 'x' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
};
const ref = newControllerRef(rs, { apiVersion: 'apps/v1', kind: 'ReplicaSet' });

describe('getPodFromTemplate', () => {
  it('names the pod after its controller and copies the template', () => {
    expect(getPodFromTemplate(template, rs, ref)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'web-abc-',
        labels: { app: 'web' },
        annotations: { note: 'x' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-uid', controller: true, blockOwnerDeletion: true },
        ],
      },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    });
  });
  it('does not share the spec with the template', () => {
    const pod = getPodFromTemplate(template, rs, ref);
    pod.spec!.containers[0].image = 'changed';
    expect(template.spec!.containers[0].image).toBe('nginx');
  });
});

describe('PodControl', () => {
  function setup() {
    const fx = newControllerFixture();
    return { fx, pc: new PodControl(fx.ctx.client, new EventRecorder(fx.ctx.client, fx.sim, 'replicaset-controller')) };
  }

  it('creates the pod and records SuccessfulCreate', async () => {
    const { fx, pc } = setup();
    const created = await pc.createPods('default', template, rs, ref);
    expect(fx.transport.writes.map((w) => `${w.method} ${w.path}`)).toEqual(['POST /api/v1/namespaces/default/pods']);
    expect((fx.transport.writes[0].body as Pod).metadata?.namespace).toBe('default');
    expect(fx.transport.events).toEqual([
      { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${created.metadata?.name}` },
    ]);
  });

  it('records FailedCreate with the API error', async () => {
    const { fx, pc } = setup();
    const message = 'pods "web-abc-x" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2';
    fx.transport.respond = (req) =>
      req.path.endsWith('/pods')
        ? { status: 403, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message } }
        : undefined;
    await expect(pc.createPods('default', template, rs, ref)).rejects.toThrow(message);
    expect(fx.transport.events).toEqual([{ type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${message}` }]);
  });

  it('refuses a template without labels', async () => {
    const { fx, pc } = setup();
    await expect(pc.createPods('default', { spec: { containers: [] } }, rs, ref)).rejects.toThrow('unable to create pods, no labels');
    expect(fx.transport.requests).toEqual([]);
  });

  it('deletes the pod and records SuccessfulDelete', async () => {
    const { fx, pc } = setup();
    await pc.deletePod('default', 'web-abc-x', rs);
    expect(fx.transport.writes.map((w) => `${w.method} ${w.path}`)).toEqual([`DELETE /api/v1/namespaces/default/pods/web-abc-x`]);
    expect(fx.transport.events).toEqual([{ type: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted pod: web-abc-x' }]);
    expect(Resources.pods.resource).toBe('pods');
  });
});
