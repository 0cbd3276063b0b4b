import { describe, expect, it } from 'vitest';
import { addQuantity, cmpQuantity, parseQuantity, quantityString, roundUpToUnits, subQuantity } from './quantity';

const q = (s: string) => parseQuantity(s)!;

describe('quota quantities', () => {
  it.each([
    ['100m', '200m', '300m'],
    ['600Mi', '100Mi', '700Mi'],
    ['512Mi', '512Mi', '1Gi'],
    ['1', '500m', '1500m'],
    ['0', '512Mi', '512Mi'],
    ['1Gi', '1G', '2073741824'],
    ['1G', '1Gi', '2073741824'],
    ['1.5', '0.25', '1750m'],
    ['1n', '1', '1000000001n'],
  ])('%s + %s prints as %s (the receiver keeps its format unless it is zero)', (a, b, sum) => {
    expect(quantityString(addQuantity(q(a), q(b)))).toBe(sum);
  });

  it('compares, subtracts and rounds up exactly', () => {
    expect(cmpQuantity(q('1Gi'), q('1024Mi'))).toBe(0);
    expect(cmpQuantity(q('1G'), q('1Gi'))).toBe(-1);
    expect(quantityString(subQuantity(q('1Gi'), q('512Mi')))).toBe('512Mi');
    expect(quantityString(roundUpToUnits(q('1500m')))).toBe('2');
    expect(quantityString(q('0'))).toBe('0');
    expect(parseQuantity('bogus')).toBeUndefined();
  });
});
