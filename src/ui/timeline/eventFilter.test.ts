import { describe, expect, it } from 'vitest';
import { filterEvents } from './eventFilter';
import { makeEvent, viewOf } from './eventFixture';

const view = viewOf({
  'default/a': makeEvent('a', { rv: 1, reason: 'Scheduled' }),
  'default/b': makeEvent('b', { rv: 2, reason: 'FailedScheduling', type: 'Warning' }),
  'default/c': makeEvent('c', { rv: 3, reason: 'NodeReady', kind: 'Node', object: 'worker-1' }),
  'kube-system/d': makeEvent('d', { rv: 4, reason: 'Pulled', namespace: 'kube-system' }),
});
const names = (f: Parameters<typeof filterEvents>[1]) => filterEvents(view.newestFirst, f).map((e) => e.event.metadata?.name);

describe('filterEvents', () => {
  it.each([
    ['no filter keeps everything', {}, ['d', 'c', 'b', 'a']],
    ['type keeps Warnings only', { type: 'Warning' as const }, ['b']],
    ['reason matches part of a reason, any case', { reason: 'schedul' }, ['b', 'a']],
    ['kind is the involved object’s kind', { kind: 'Node' }, ['c']],
    ['namespace is the Event’s namespace', { namespace: 'kube-system' }, ['d']],
    ['filters combine', { type: 'Normal' as const, namespace: 'default', reason: 'sched' }, ['a']],
  ])('%s', (_name, filter, want) => {
    expect(names(filter)).toEqual(want);
  });

  it('returns the same list when nothing filters', () => {
    expect(filterEvents(view.newestFirst, { reason: '  ' })).toBe(view.newestFirst);
  });
});
