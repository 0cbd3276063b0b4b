import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { SimEpoch } from '../../sim/clock';
import { allowsSurge, findUpdatedPodsOnNode, planRollingUpdate, surgeCount, unavailableCount, updatedDesiredNodeCounts } from './rollingUpdate';
import { newDaemonPod, newDaemonSet } from './testing';

type IntOrString = number | string;

const withStrategy = (maxUnavailable: IntOrString, maxSurge: IntOrString = 0, minReadySeconds?: number) =>
  newDaemonSet((ds) => {
    ds.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge } };
    ds.spec!.minReadySeconds = minReadySeconds;
  });

// Pods of revision h1 are old, h2 new; the DaemonSet's generation annotation (1) matches neither.
const oldPod = (node: string, o: Parameters<typeof newDaemonPod>[1] = {}) => newDaemonPod(`old-${node}`, { node, hash: 'h1', generation: '0', ...o });
const newPodOn = (node: string, o: Parameters<typeof newDaemonPod>[1] = {}) => newDaemonPod(`new-${node}`, { node, hash: 'h2', generation: '0', ...o });

function plan(ds: DaemonSet, pods: Pod[], wantToRun: string[], notRunning: string[] = []) {
  const nodeToDaemonPods = new Map<string, Pod[]>();
  for (const p of pods) nodeToDaemonPods.set(p.spec!.nodeName!, [...(nodeToDaemonPods.get(p.spec!.nodeName!) ?? []), p]);
  const counts = updatedDesiredNodeCounts(ds, wantToRun, nodeToDaemonPods);
  return planRollingUpdate({ ds, nodeToDaemonPods, counts, hash: 'h2', nowMs: SimEpoch, shouldRun: (n) => !notRunning.includes(n) });
}

describe('surge and unavailability', () => {
  it.each<[IntOrString, number, number]>([
    [1, 10, 1],
    [3, 2, 3],
    ['10%', 15, 2],
    ['50%', 3, 2],
    ['0%', 5, 0],
  ])('maxUnavailable %s of %i nodes is %i (rounded up)', (v, n, want) => {
    expect(unavailableCount(withStrategy(v), n)).toBe(want);
    expect(surgeCount(withStrategy(0, v), n)).toBe(want);
  });

  it('is zero for OnDelete and rejects a non-percentage string', () => {
    const onDelete = newDaemonSet((ds) => (ds.spec!.updateStrategy = { type: 'OnDelete' }));
    expect(unavailableCount(onDelete, 10)).toBe(0);
    expect(surgeCount(onDelete, 10)).toBe(0);
    expect(allowsSurge(onDelete)).toBe(false);
    expect(allowsSurge(withStrategy(0, '1%'))).toBe(true);
    expect(() => unavailableCount(withStrategy('two'), 10)).toThrow('invalid type: string is not a percentage');
  });

  it('falls back to one unavailable pod when neither is allowed, and lists nodes without pods', () => {
    const pods = new Map<string, Pod[]>([['n1', [oldPod('n1')]]]);
    expect(updatedDesiredNodeCounts(withStrategy('0%', '0%'), ['n1', 'n2'], pods)).toEqual({ maxSurge: 0, maxUnavailable: 1, desiredNumberScheduled: 2 });
    expect([...pods.keys()]).toEqual(['n1', 'n2']);
    expect(() => updatedDesiredNodeCounts(withStrategy('x%'), ['n1'], pods)).toThrow(/^couldn't get unavailable numbers: invalid value for MaxUnavailable: /);
  });
});

describe('findUpdatedPodsOnNode', () => {
  it('returns one new and one old pod, ignoring terminating ones, and gives up on duplicates', () => {
    const ds = withStrategy(1);
    const dying = newPodOn('n1', { deleting: true });
    expect(findUpdatedPodsOnNode(ds, [oldPod('n1'), dying], 'h2')).toEqual({ oldPod: oldPod('n1'), newPod: undefined, ok: true });
    expect(findUpdatedPodsOnNode(ds, [oldPod('n1'), oldPod('n1')], 'h2').ok).toBe(false);
  });
});

describe('planRollingUpdate without surge', () => {
  const nodes = ['n1', 'n2', 'n3', 'n4'];

  it('deletes one available old pod at a time with maxUnavailable 1', () => {
    expect(plan(withStrategy(1), nodes.map((n) => oldPod(n)), nodes)).toEqual({ podsToDelete: ['old-n1'], nodesToCreate: [] });
  });

  it('deletes as many as maxUnavailable allows', () => {
    expect(plan(withStrategy('50%'), nodes.map((n) => oldPod(n)), nodes).podsToDelete).toEqual(['old-n1', 'old-n2']);
  });

  it('waits while a new pod is not yet available', () => {
    const pods = [newPodOn('n1', { ready: false }), oldPod('n2'), oldPod('n3'), oldPod('n4')];
    expect(plan(withStrategy(1), pods, nodes).podsToDelete).toEqual([]);
  });

  it('counts minReadySeconds: a new pod ready for less is not available yet', () => {
    const pods = [newPodOn('n1', { readySince: SimEpoch - 5_000 }), oldPod('n2')];
    expect(plan(withStrategy(1, 0, 10), pods, ['n1', 'n2']).podsToDelete).toEqual([]);
    expect(plan(withStrategy(1, 0, 4), pods, ['n1', 'n2']).podsToDelete).toEqual(['old-n2']);
  });

  it('counts a node without a pod as unavailable', () => {
    expect(plan(withStrategy(1), [oldPod('n2'), oldPod('n3')], ['n1', 'n2', 'n3']).podsToDelete).toEqual([]);
  });

  it('always replaces old pods that are unavailable anyway', () => {
    const pods = [oldPod('n1', { ready: false }), oldPod('n2', { ready: false }), oldPod('n3'), oldPod('n4')];
    expect(plan(withStrategy(1), pods, nodes).podsToDelete).toEqual(['old-n1', 'old-n2']);
  });

  it('is done when every pod is new', () => {
    expect(plan(withStrategy(1), nodes.map((n) => newPodOn(n)), nodes)).toEqual({ podsToDelete: [], nodesToCreate: [] });
  });
});

describe('planRollingUpdate with surge', () => {
  const nodes = ['n1', 'n2', 'n3'];

  it('creates up to maxSurge new pods beside available old ones', () => {
    expect(plan(withStrategy(0, 1), nodes.map((n) => oldPod(n)), nodes)).toEqual({ podsToDelete: [], nodesToCreate: ['n1'] });
    expect(plan(withStrategy(0, 2), nodes.map((n) => oldPod(n)), nodes).nodesToCreate).toEqual(['n1', 'n2']);
  });

  it('deletes the old pod once the new one is available, and waits while it is not', () => {
    const pods = [oldPod('n1'), newPodOn('n1'), oldPod('n2'), newPodOn('n2', { ready: false }), oldPod('n3')];
    // The pending new pod on n2 uses up a surge of 1; a surge of 2 leaves room for n3.
    expect(plan(withStrategy(0, 1), pods, nodes)).toEqual({ podsToDelete: ['old-n1'], nodesToCreate: [] });
    expect(plan(withStrategy(0, 2), pods, nodes)).toEqual({ podsToDelete: ['old-n1'], nodesToCreate: ['n3'] });
  });

  it('replaces unavailable old pods at once, beyond maxSurge', () => {
    const pods = [oldPod('n1', { ready: false }), oldPod('n2', { ready: false }), oldPod('n3')];
    expect(plan(withStrategy(0, 1), pods, nodes).nodesToCreate).toEqual(['n1', 'n2', 'n3']);
  });

  it('removes a pod from a node leaving the schedule only while enough others are available', () => {
    const pods = [oldPod('n1'), oldPod('n2'), oldPod('n3')];
    // n3 should no longer run a pod: two nodes want one, three available pods are one more than needed.
    expect(plan(withStrategy(0, 1), pods, ['n1', 'n2'], ['n3']).podsToDelete).toEqual(['old-n3']);
    expect(plan(withStrategy(0, 1), [oldPod('n1', { ready: false }), oldPod('n2'), oldPod('n3')], ['n1', 'n2'], ['n3']).podsToDelete).toEqual([]);
  });
});
