import { describe, expect, it } from 'vitest';
import { makeEvent, viewOf } from '../timeline/eventFixture';
import { eventsAbout } from './objectEvents';

describe('eventsAbout', () => {
  const view = viewOf({
    'default/now': makeEvent('now', { rv: 3, uid: 'u-2' }),
    'default/before': makeEvent('before', { rv: 1, uid: 'u-1' }),
    'default/plain': makeEvent('plain', { rv: 2 }),
    'default/node': makeEvent('node', { rv: 4, kind: 'Node', object: 'worker-1', uid: 'worker-1' }),
  });
  const names = (entries: ReturnType<typeof eventsAbout>) => entries.map((e) => e.event.metadata?.name);

  it('keeps events of this incarnation and those without a uid, newest first', () => {
    expect(names(eventsAbout(view, 'Pod', 'default', 'web-1', 'u-2'))).toEqual(['now', 'plain']);
    expect(names(eventsAbout(view, 'Pod', 'default', 'web-1'))).toEqual(['now', 'plain', 'before']);
  });

  it('finds node events recorded with the node name as uid', () => {
    expect(names(eventsAbout(view, 'Node', undefined, 'worker-1', '6a1c-node-uid'))).toEqual(['node']);
  });
});
