import { describe, expect, it } from 'vitest';
import { Clock } from '../../sim/clock';
import { ControllerExpectations, ExpectationsTimeoutMs } from './expectations';

describe('ControllerExpectations', () => {
  it('is satisfied for a key it never saw', () => {
    expect(new ControllerExpectations(new Clock()).satisfiedExpectations('ns/rs')).toBe(true);
  });
  it('waits for every expected creation', () => {
    const e = new ControllerExpectations(new Clock());
    e.expectCreations('ns/rs', 2);
    expect(e.satisfiedExpectations('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.satisfiedExpectations('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.satisfiedExpectations('ns/rs')).toBe(true);
  });
  it('counts each expected deletion once, by pod key', () => {
    const e = new ControllerExpectations(new Clock());
    e.expectDeletions('ns/rs', ['ns/a', 'ns/b']);
    e.deletionObserved('ns/rs', 'ns/a');
    e.deletionObserved('ns/rs', 'ns/a');
    e.deletionObserved('ns/rs', 'ns/other');
    expect(e.pending('ns/rs')).toEqual({ add: 0, del: 1 });
    e.deletionObserved('ns/rs', 'ns/b');
    expect(e.satisfiedExpectations('ns/rs')).toBe(true);
  });
  it('expires after five simulated minutes', () => {
    const clock = new Clock();
    const e = new ControllerExpectations(clock);
    e.expectCreations('ns/rs', 1);
    clock.set(clock.now() + ExpectationsTimeoutMs);
    expect(e.satisfiedExpectations('ns/rs')).toBe(false);
    clock.set(clock.now() + 1);
    expect(e.satisfiedExpectations('ns/rs')).toBe(true);
  });
  it('forgets deleted controllers', () => {
    const e = new ControllerExpectations(new Clock());
    e.expectCreations('ns/rs', 1);
    e.deleteExpectations('ns/rs');
    expect(e.satisfiedExpectations('ns/rs')).toBe(true);
  });
});
