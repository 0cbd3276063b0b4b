import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate';

describe('aggregate', () => {
  it('is nothing for no errors, the error for one, and a bracketed list for several, as utilerrors.NewAggregate prints', () => {
    expect(aggregate([undefined, null])).toBeUndefined();
    const one = new Error('pods "a" not found');
    expect(aggregate([undefined, one])).toBe(one);
    expect(aggregate([one, 'conflict'])?.message).toBe('[pods "a" not found, conflict]');
  });
});
