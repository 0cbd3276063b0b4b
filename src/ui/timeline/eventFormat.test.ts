import { describe, expect, it } from 'vitest';
import { describeEventAge, eventCount, eventFrom, lastSeen, lastSeenAge } from './eventFormat';
import { makeEvent } from './eventFixture';

const now = Date.parse('2025-01-01T00:10:00Z');

describe('event formatting', () => {
  it('prints describe’s Age: the first time for a single event', () => {
    expect(describeEventAge(makeEvent('e', { at: '2025-01-01T00:09:15Z' }), now)).toBe('45s');
  });

  it('prints "last (xN over first)" for an aggregated event', () => {
    const ev = makeEvent('e', { first: '2025-01-01T00:00:00Z', at: '2025-01-01T00:07:00Z', count: 5 });
    expect(describeEventAge(ev, now)).toBe('3m (x5 over 10m)');
    expect(lastSeenAge(ev, now)).toBe('3m');
    expect(eventCount(ev)).toBe(5);
  });

  it('reads events.k8s.io series and eventTime', () => {
    const ev = { ...makeEvent('e'), firstTimestamp: undefined, lastTimestamp: undefined, count: undefined, eventTime: '2025-01-01T00:01:00.000000Z', series: { count: 3, lastObservedTime: '2025-01-01T00:09:00.000000Z' } };
    expect(describeEventAge(ev, now)).toBe('60s (x3 over 9m)');
    expect(lastSeen(ev)).toBe(Date.parse('2025-01-01T00:09:00Z'));
    expect(eventCount(ev)).toBe(3);
  });

  it('names the reporting component', () => {
    expect(eventFrom(makeEvent('e'))).toBe('default-scheduler');
    expect(eventFrom({ ...makeEvent('e'), source: undefined, reportingComponent: 'kubelet' })).toBe('kubelet');
  });
});
