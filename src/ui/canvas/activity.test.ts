import { describe, expect, it } from 'vitest';
import { diffPods, nextActivity, PulseMs, type ActivityState } from './activity';
import { testPod } from './testPods';

const empty: ActivityState = { seq: 0, kubelets: {}, pods: {} };

describe('diffPods', () => {
  it('sees a new pod, a pod bound by the scheduler and a pod its kubelet started', () => {
    const prev = { 'default/b': testPod('default/b'), 'default/c': testPod('default/c', 'w1') };
    const next = {
      'default/a': testPod('default/a'),
      'default/b': testPod('default/b', 'w2'),
      'default/c': testPod('default/c', 'w1', { status: { phase: 'Running' } }),
    };
    expect(diffPods(prev, next)).toEqual([
      { key: 'default/a', kind: 'created', node: '' },
      { key: 'default/b', kind: 'bound', node: 'w2' },
      { key: 'default/c', kind: 'started', node: 'w1' },
    ]);
  });

  it('looks only at the keys it is given, deleted ones included', () => {
    const prev = { 'default/gone': testPod('default/gone') };
    const next = { 'default/a': testPod('default/a'), 'default/b': testPod('default/b') };
    expect(diffPods(prev, next, ['default/b', 'default/gone'])).toEqual([{ key: 'default/b', kind: 'created', node: '' }]);
  });

  it('ignores unchanged pods and changes that are none of these', () => {
    const a = testPod('default/a', 'w1');
    expect(diffPods({ 'default/a': a }, { 'default/a': a })).toEqual([]);
    expect(diffPods({ 'default/a': a }, { 'default/a': { ...a, metadata: { ...a.metadata, labels: { x: 'y' } } } })).toEqual([]);
  });
});

describe('nextActivity', () => {
  it('pulses the write path, kube-scheduler and the kubelet of the node', () => {
    const s = nextActivity(
      empty,
      true,
      [
        { key: 'default/a', kind: 'bound', node: 'w1' },
        { key: 'default/b', kind: 'started', node: 'w2' },
      ],
      1000,
    );
    expect(s.write?.at).toBe(1000);
    expect(s.bind?.at).toBe(1000);
    expect(Object.keys(s.kubelets)).toEqual(['w2']);
    expect(s.pods['default/a'].kind).toBe('bound');
    expect(new Set([s.write?.seq, s.bind?.seq, s.kubelets.w2.seq]).size).toBe(3);
  });

  it('does not restart a pulse that is still running', () => {
    const first = nextActivity(empty, true, [], 1000);
    expect(nextActivity(first, true, [], 1000 + PulseMs - 1)).toBe(first);
    expect(nextActivity(first, true, [], 1000 + PulseMs).write?.seq).toBeGreaterThan(first.write!.seq);
  });

  it('drops pod pulses once they have played', () => {
    const s = nextActivity(empty, false, [{ key: 'default/a', kind: 'created', node: '' }], 0);
    expect(nextActivity(s, false, [], PulseMs).pods).toEqual({});
  });

  it('returns the same state when nothing happened', () => {
    expect(nextActivity(empty, false, [], 0)).toBe(empty);
  });
});
