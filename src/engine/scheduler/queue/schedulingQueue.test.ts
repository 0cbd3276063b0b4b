import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Sim } from '../../sim/sim';
import { ClusterEvents, type ClusterEvent } from '../framework/events';
import { newFramework } from '../plugins/registry';
import { Names } from '../plugins/names';
import { makeNode, makePod } from '../testing/wrappers';
import { SchedulingQueue, type QueueingHint, type QueuedPodInfo } from './schedulingQueue';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));

function setup() {
  const sim = new Sim('queue', yieldToHost);
  const fwk = newFramework(sim.rng.fork('fwk'));
  const hints: QueueingHint[] = [];
  for (const [pluginName, events] of fwk.enqueueExtensions) for (const e of events) hints.push({ pluginName, ...e });
  const q = new SchedulingQueue(sim.clock, sim.timers, hints);
  const queueOf = (name: string) => q.pendingPods().find((p) => p.pod.metadata!.name === name)?.queue;
  const fail = (qp: QueuedPodInfo, ...plugins: string[]) => {
    qp.unschedulablePlugins = new Set(plugins);
    q.addUnschedulableIfNotPresent(qp);
  };
  return { sim, q, queueOf, fail, t0: sim.clock.now() };
}

describe('SchedulingQueue', () => {
  it('pops by priority, then by the time pods were queued', async () => {
    const { sim, q } = setup();
    q.add(makePod('low-early', { priority: 0 }));
    await sim.advance(10);
    q.add(makePod('high', { priority: 100 }));
    q.add(makePod('low-late', { priority: 0 }));
    expect([q.pop(), q.pop(), q.pop()].map((p) => p?.podInfo.pod.metadata!.name)).toEqual(['high', 'low-early', 'low-late']);
    expect(q.pop()).toBeUndefined();
  });

  it('backs off 1s doubling up to 10s per attempt', () => {
    const { q } = setup();
    q.add(makePod('p'));
    const qp = q.pop()!;
    const got: number[] = [];
    for (let i = 1; i <= 6; i++) {
      qp.attempts = i;
      got.push(q.backoffDuration(qp));
    }
    expect(got).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('retries a pod that failed with an error after its backoff, on the 1s flush', async () => {
    const { sim, q, queueOf } = setup();
    q.add(makePod('p'));
    const qp = q.pop()!;
    await sim.advance(300);
    q.addUnschedulableIfNotPresent(qp);
    expect(queueOf('p')).toBe('backoffQ');
    await sim.advance(999);
    expect(queueOf('p')).toBe('backoffQ');
    // Backoff ends at 1300ms; the flush runs on whole seconds, so the pod moves at 2000ms.
    await sim.advance(699);
    expect(queueOf('p')).toBe('backoffQ');
    await sim.advance(2);
    expect(queueOf('p')).toBe('activeQ');
  });

  it('keeps an unschedulable pod until an event its rejecting plugin cares about', async () => {
    const { q, queueOf, fail } = setup();
    const woken: string[] = [];
    q.onActive = () => woken.push('active');
    q.add(makePod('big', { cpu: '8' }));
    fail(q.pop()!, Names.NodeResourcesFit);
    expect(queueOf('big')).toBe('unschedulablePods');
    // A node too small for the pod does not help; a label change is not an event NodeResourcesFit registers.
    q.moveAllToActiveOrBackoffQueue(ClusterEvents.NodeAdd, null, makeNode('small', { cpu: '2' }));
    const labelChange: ClusterEvent = { resource: 'Node', actionType: 8, label: 'NodeUpdate' };
    q.moveAllToActiveOrBackoffQueue(labelChange, makeNode('x'), makeNode('x'));
    expect(queueOf('big')).toBe('unschedulablePods');
    woken.length = 0;
    q.moveAllToActiveOrBackoffQueue(ClusterEvents.NodeAdd, null, makeNode('large', { cpu: '16' }));
    // Still inside its 1s backoff from the failure just now: backoffQ, and the loop is not woken.
    expect(queueOf('big')).toBe('backoffQ');
    expect(woken).toEqual([]);
  });

  it('moves an unschedulable pod straight to activeQ when its backoff is over', async () => {
    const { sim, q, queueOf, fail } = setup();
    q.add(makePod('p', { cpu: '1' }));
    fail(q.pop()!, Names.NodeResourcesFit);
    await sim.advance(5000);
    q.moveAllToActiveOrBackoffQueue(ClusterEvents.AssignedPodDelete, makePod('gone', { nodeName: 'n' }), null);
    expect(queueOf('p')).toBe('activeQ');
  });

  it('flushes pods unschedulable for more than five minutes on the 30s tick', async () => {
    const { sim, q, queueOf, fail } = setup();
    q.add(makePod('p'));
    fail(q.pop()!, Names.TaintToleration);
    await sim.advance(300_000);
    expect(queueOf('p')).toBe('unschedulablePods');
    await sim.advance(29_999);
    expect(queueOf('p')).toBe('unschedulablePods');
    await sim.advance(1);
    expect(queueOf('p')).toBe('activeQ');
  });

  it('requeues a pod whose own update may fix its rejection (tolerations added)', () => {
    const { q, queueOf, fail } = setup();
    const pod = makePod('p');
    q.add(pod);
    fail(q.pop()!, Names.TaintToleration);
    const statusOnly: Pod = { ...pod, metadata: { ...pod.metadata, resourceVersion: '2' }, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] } };
    q.update(pod, statusOnly);
    expect(queueOf('p')).toBe('unschedulablePods');
    const tolerant: Pod = { ...statusOnly, spec: { ...statusOnly.spec!, tolerations: [{ operator: 'Exists' }] } };
    q.update(statusOnly, tolerant);
    expect(queueOf('p')).toBe('backoffQ');
  });

  it('holds gated pods until their scheduling gates are removed', () => {
    const { q, queueOf } = setup();
    const gated: Pod = { ...makePod('g'), spec: { ...makePod('g').spec!, schedulingGates: [{ name: 'example.com/wait' }] } };
    q.add(gated);
    expect(q.pendingPods()).toEqual([{ pod: gated, queue: 'unschedulablePods', gated: true }]);
    q.moveAllToActiveOrBackoffQueue(ClusterEvents.NodeAdd, null, makeNode('n'));
    expect(queueOf('g')).toBe('unschedulablePods');
    q.update(gated, { ...gated, spec: { ...gated.spec!, schedulingGates: [] } });
    expect(queueOf('g')).toBe('activeQ');
  });

  it('forgets deleted pods wherever they wait', () => {
    const { q, fail } = setup();
    const a = makePod('a');
    const b = makePod('b');
    q.add(a);
    q.add(b);
    fail(q.pop()!, Names.NodeAffinity);
    q.delete(a);
    q.delete(b);
    expect(q.pendingPods()).toEqual([]);
  });
});
