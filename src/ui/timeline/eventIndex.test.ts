import { describe, expect, it } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1';
import { EventIndex } from './eventIndex';
import { makeEvent } from './eventFixture';

const names = (entries: readonly { event: Event }[]) => entries.map((e) => e.event.metadata?.name);

describe('EventIndex', () => {
  const a = makeEvent('a', { at: '2025-01-01T00:00:01Z', rv: 1 });
  const b = makeEvent('b', { at: '2025-01-01T00:00:05Z', rv: 2, kind: 'Node', object: 'worker-1' });
  const c = makeEvent('c', { at: '2025-01-01T00:00:05Z', rv: 3, object: 'web-2' });

  it('lists events last seen first, a later write first within one second', () => {
    const view = new EventIndex().update({ 'default/a': a, 'default/b': b, 'default/c': c });
    expect(names(view.newestFirst)).toEqual(['c', 'b', 'a']);
    expect(view.kinds).toEqual(['Node', 'Pod']);
  });

  it('returns the same view for the same or an unchanged map', () => {
    const index = new EventIndex();
    const map = { 'default/a': a };
    const view = index.update(map);
    expect(index.update(map)).toBe(view);
    expect(index.update({ ...map })).toBe(view);
  });

  it('moves an aggregated event to the top when its count is bumped, and drops deleted events', () => {
    const index = new EventIndex();
    index.update({ 'default/a': a, 'default/b': b, 'default/c': c });
    const bumped = { ...a, count: 2, lastTimestamp: '2025-01-01T00:00:09Z', metadata: { ...a.metadata, resourceVersion: '4' } };
    const view = index.update({ 'default/a': bumped, 'default/c': c });
    expect(names(view.newestFirst)).toEqual(['a', 'c']);
    expect(view.newestFirst[0].event.count).toBe(2);
    expect(view.kinds).toEqual(['Pod']);
  });

  it('finds the events about one object', () => {
    const a2 = makeEvent('a2', { at: '2025-01-01T00:00:07Z', rv: 5 });
    const view = new EventIndex().update({ 'default/a': a, 'default/a2': a2, 'default/b': b, 'default/c': c });
    expect(names(view.involving('Pod', 'default', 'web-1'))).toEqual(['a2', 'a']);
    expect(names(view.involving('Node', undefined, 'worker-1'))).toEqual(['b']);
    expect(view.involving('Pod', 'other', 'web-1')).toEqual([]);
  });
});
