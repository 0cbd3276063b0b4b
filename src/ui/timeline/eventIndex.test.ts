import { describe, expect, it } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1';
import { EventIndex } from './eventIndex';
import { makeEvent, viewOf } from './eventFixture';

const names = (entries: readonly { event: Event }[]) => entries.map((e) => e.event.metadata?.name);

describe('EventIndex', () => {
  const a = makeEvent('a', { at: '2025-01-01T00:00:01Z', rv: 1 });
  const b = makeEvent('b', { at: '2025-01-01T00:00:05Z', rv: 2, kind: 'Node', object: 'worker-1' });
  const c = makeEvent('c', { at: '2025-01-01T00:00:05Z', rv: 3, object: 'web-2' });

  it('lists events last seen first, a later write first within one second', () => {
    const view = viewOf({ 'default/a': a, 'default/b': b, 'default/c': c });
    expect(names(view.newestFirst)).toEqual(['c', 'b', 'a']);
    expect(view.kinds).toEqual(['Node', 'Pod']);
  });

  it('keeps its view and tells no one when a batch changes nothing', () => {
    const index = new EventIndex();
    index.apply([['default/a', a]]);
    const view = index.view;
    let told = 0;
    index.subscribe(() => told++);
    index.apply([['default/a', a], ['default/gone', null]]);
    expect(index.view).toBe(view);
    expect(told).toBe(0);
    index.apply([['default/b', b]]);
    expect(told).toBe(1);
    expect(names(index.view.newestFirst)).toEqual(['b', 'a']);
  });

  it('moves an aggregated event to the top when its count is bumped, and drops deleted events', () => {
    const index = new EventIndex();
    index.apply(Object.entries({ 'default/a': a, 'default/b': b, 'default/c': c }));
    expect(names(index.view.newestFirst)).toEqual(['c', 'b', 'a']);
    const bumped = { ...a, count: 2, lastTimestamp: '2025-01-01T00:00:09Z', metadata: { ...a.metadata, resourceVersion: '4' } };
    index.apply([['default/a', bumped], ['default/b', null]]);
    const view = index.view;
    expect(names(view.newestFirst)).toEqual(['a', 'c']);
    expect(view.newestFirst[0].event.count).toBe(2);
    expect(view.kinds).toEqual(['Pod']);
  });

  it('merges batches that come between two views, an event replaced or deleted before it was ever shown included', () => {
    const index = new EventIndex();
    index.apply([['default/b', b]]);
    expect(names(index.view.newestFirst)).toEqual(['b']);
    index.apply([['default/c', c], ['default/a', a]]);
    index.apply([['default/c', null], ['default/a', { ...a, lastTimestamp: '2025-01-01T00:00:09Z' }]]);
    expect(names(index.view.newestFirst)).toEqual(['a', 'b']);
  });

  it('finds the events about one object', () => {
    const a2 = makeEvent('a2', { at: '2025-01-01T00:00:07Z', rv: 5 });
    const view = viewOf({ 'default/a': a, 'default/a2': a2, 'default/b': b, 'default/c': c });
    expect(names(view.involving('Pod', 'default', 'web-1'))).toEqual(['a2', 'a']);
    expect(names(view.involving('Node', undefined, 'worker-1'))).toEqual(['b']);
    expect(view.involving('Pod', 'other', 'web-1')).toEqual([]);
  });
});
