import { describe, expect, it } from 'vitest';
import { Clock, formatTime } from './clock';

describe('Clock.uniqueNanos', () => {
  it('increases strictly at one simulated instant and follows the clock', () => {
    const c = new Clock(1_735_689_600_000);
    const a = c.uniqueNanos();
    const b = c.uniqueNanos();
    expect(b - a).toBe(1n);
    c.set(1_735_689_600_001);
    expect(c.uniqueNanos()).toBe(1_735_689_600_001_000_000n);
  });

  it('keeps the fraction of a millisecond a real-time driver sets (Event names depend on it)', () => {
    const c = new Clock(1_735_689_600_000);
    c.set(1_735_689_600_000.25);
    expect(c.uniqueNanos()).toBe(1_735_689_600_000_250_000n);
  });
});

describe('formatTime', () => {
  it('renders metav1.Time with second precision', () => {
    expect(formatTime(Date.UTC(2025, 0, 1, 12, 30, 5, 999))).toBe('2025-01-01T12:30:05Z');
  });
});
