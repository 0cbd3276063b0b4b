import type { Event, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/object';
import { ApiClient } from '../client/apiClient';
import { Sim } from '../sim/sim';
import { eventToCore } from '../apiserver/registry/eventsV1';
import { Scheduler } from './scheduler';
import { conflict, FakeApiServer } from './testing/fakeApiServer';
import { controlPlaneTaint, makeNode, makePod } from './testing/wrappers';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));

async function setup(nodes = [makeNode('control-plane', { taints: [controlPlaneTaint] }), makeNode('worker-1', { cpu: '2' })]) {
  const api = new FakeApiServer();
  api.seed('nodes', nodes as KubeObject[]);
  const sim = new Sim(1, yieldToHost);
  const scheduler = new Scheduler(new ApiClient(api, 'kube-scheduler/v1.32'), sim);
  await scheduler.start();
  const addPod = async (pod: Pod) => {
    api.emit('pods', 'ADDED', pod as KubeObject);
    await sim.settle(5);
  };
  const bindings = () => api.writes().filter((r) => r.path.endsWith('/binding'));
  // kube-scheduler writes events.k8s.io/v1 Events; compare them in the core/v1 shape they are stored in.
  const events = () => api.writes().filter((r) => r.path.endsWith('/events')).map((r) => eventToCore(r.body as KubeObject) as unknown as Event);
  return { api, sim, scheduler, addPod, bindings, events };
}

describe('Scheduler', () => {
  it('binds a pod through pods/binding and records Scheduled', async () => {
    const { addPod, bindings, events } = await setup();
    await addPod(makePod('web-abc', { cpu: '500m' }));
    expect(bindings()).toEqual([
      {
        method: 'POST',
        path: '/api/v1/namespaces/default/pods/web-abc/binding',
        body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web-abc', namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: 'worker-1' } },
        userAgent: 'kube-scheduler/v1.32',
      },
    ]);
    expect(events()).toMatchObject([
      {
        type: 'Normal',
        reason: 'Scheduled',
        message: 'Successfully assigned default/web-abc to worker-1',
        action: 'Binding',
        reportingComponent: 'default-scheduler',
        reportingInstance: 'default-scheduler-control-plane',
        involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-abc', uid: 'uid-web-abc' },
      },
    ]);
  });

  it('records FailedScheduling and sets PodScheduled=False with the same message', async () => {
    const { api, sim, addPod, bindings, events } = await setup();
    await addPod(makePod('big', { cpu: '8' }));
    const msg =
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. ' +
      'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.';
    expect(bindings()).toEqual([]);
    expect(events()).toMatchObject([{ type: 'Warning', reason: 'FailedScheduling', action: 'Scheduling', message: msg, reportingComponent: 'default-scheduler' }]);
    const patch = {
      method: 'PATCH',
      path: '/api/v1/namespaces/default/pods/big/status',
      contentType: 'application/strategic-merge-patch+json',
      body: {
        status: {
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg, lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z' }],
        },
      },
      query: {},
      userAgent: 'kube-scheduler/v1.32',
    };
    const statusPatches = () => api.writes().filter((r) => r.path.endsWith('/status'));
    expect(statusPatches()).toEqual([patch]);
    // The API server echoes the patched pod through the watch.
    const patched = makePod('big', { cpu: '8' });
    api.emit('pods', 'MODIFIED', { ...patched, metadata: { ...patched.metadata, resourceVersion: '2' }, status: patch.body.status } as KubeObject);
    // Five and a half minutes later the pod is retried: the event refers to the pod at its new
    // resourceVersion, so it starts a new Event rather than a series; the unchanged condition is
    // not patched again.
    await sim.advance(330_000);
    expect(events().map((e) => [e.message, e.involvedObject.resourceVersion])).toEqual([
      [msg, '1'],
      [msg, '2'],
    ]);
    expect(statusPatches()).toEqual([patch]);
  });

  it('counts a pod on its node as soon as it is assumed, before any watch event', async () => {
    const { addPod, bindings, events } = await setup();
    await addPod(makePod('a', { cpu: '1500m' }));
    await addPod(makePod('b', { cpu: '1500m' }));
    expect(bindings().map((b) => b.path)).toEqual(['/api/v1/namespaces/default/pods/a/binding']);
    expect(events().map((e) => e.reason)).toEqual(['Scheduled', 'FailedScheduling']);
  });

  it('retries after a failed binding and stops once the pod shows up bound', async () => {
    const { api, sim, addPod, bindings, events } = await setup();
    const pod = makePod('web-abc', { cpu: '100m' });
    api.seed('pods', []);
    const detail = 'Operation cannot be fulfilled on pods/binding "web-abc": pod web-abc is already assigned to node "worker-9"';
    api.respond = (req) => (req.path.endsWith('/binding') ? conflict(detail) : undefined);
    await addPod(pod);
    expect(bindings()).toHaveLength(1);
    expect(events()).toMatchObject([{ reason: 'FailedScheduling', message: detail }]);
    // Requeued with a 1s backoff; the flush runs on whole seconds.
    await sim.advance(2000);
    expect(bindings()).toHaveLength(2);
    api.emit('pods', 'MODIFIED', { ...pod, metadata: { ...pod.metadata, resourceVersion: '5' }, spec: { ...pod.spec!, nodeName: 'worker-9' } } as KubeObject);
    await sim.advance(30_000);
    expect(bindings()).toHaveLength(2);
  });

  it('preempts a lower-priority pod, nominates the node and binds there once the victim is gone', async () => {
    const { api, sim, addPod, bindings, events } = await setup();
    const low = makePod('low', { nodeName: 'worker-1', cpu: '2', priority: 0 });
    await addPod(low);
    await addPod(makePod('high', { cpu: '1', priority: 1000 }));
    const writes = api.writes().map((r) => `${r.method} ${r.path}`);
    // Events go through the recorder's queue, so they are written after the cycle's own calls.
    expect(writes).toEqual([
      'PATCH /api/v1/namespaces/default/pods/low/status',
      'PATCH /api/v1/namespaces/default/pods/high/status',
      'POST /apis/events.k8s.io/v1/namespaces/default/events',
      'DELETE /api/v1/namespaces/default/pods/low',
      'POST /apis/events.k8s.io/v1/namespaces/default/events',
    ]);
    expect(api.writes()[0].body).toMatchObject({
      status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' }] },
    });
    expect(api.writes()[1].body).toMatchObject({ status: { nominatedNodeName: 'worker-1', conditions: [{ type: 'PodScheduled', reason: 'Unschedulable' }] } });
    expect(events().map((e) => [e.reason, e.message])).toEqual([
      ['FailedScheduling', '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.'],
      ['Preempted', 'Preempted by pod uid-high on node worker-1'],
    ]);
    api.emit('pods', 'DELETED', low as KubeObject);
    await sim.advance(2000);
    expect(bindings().map((b) => b.path)).toEqual(['/api/v1/namespaces/default/pods/high/binding']);
  });

  it('leaves alone pods that are bound already or belong to another scheduler', async () => {
    const { addPod, api } = await setup();
    await addPod(makePod('bound', { nodeName: 'worker-1' }));
    await addPod(makePod('other', { schedulerName: 'my-scheduler' }));
    expect(api.writes()).toEqual([]);
  });

  it('schedules a pod that was waiting as soon as a fitting node is added', async () => {
    const { api, sim, addPod, bindings } = await setup([]);
    await addPod(makePod('p', { cpu: '1' }));
    expect(bindings()).toEqual([]);
    api.emit('nodes', 'ADDED', makeNode('worker-2', { cpu: '2' }) as KubeObject);
    await sim.advance(1000);
    expect(bindings().map((b) => (b.body as { target: { name: string } }).target.name)).toEqual(['worker-2']);
  });
});
