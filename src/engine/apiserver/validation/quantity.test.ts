import { describe, it, expect } from 'vitest';
import { parseQuantity, parseQuantityMilli, QuantityFormatError, ErrQuantityFormatWrong, ErrQuantitySuffix } from './quantity';
import { canonicalQuantity, formatQuantity } from './quantityFormat';

describe('parseQuantity', () => {
  it.each([
    ['100m', 0.1],
    ['1', 1],
    ['0.5', 0.5],
    ['128Mi', 134217728],
    ['1Gi', 1073741824],
    ['1.5Gi', 1610612736],
    ['1e3', 1000],
    ['1E', 1e18],
    ['2k', 2000],
    ['250u', 0.00025],
    ['-1', -1],
    ['.5', 0.5],
  ])('%s → %d', (s, v) => expect(parseQuantity(s)).toBe(v));
  it.each(['', 'abc', '1Mb', '1.2.3', '1 Gi', '1i'])('rejects %j', (s) => expect(parseQuantity(s)).toBeUndefined());
  it('takes a JSON number as is', () => expect(parseQuantity(2)).toBe(2));
  it('milli values are exact integers', () => {
    expect(parseQuantityMilli('0.1')).toBe(100);
    expect(parseQuantityMilli('100m')).toBe(100);
    expect(parseQuantityMilli('1.5')).toBe(1500);
    expect(parseQuantityMilli('0.0001')).toBe(1);
  });
});

describe('canonicalQuantity', () => {
  it.each([
    ['100m', '100m'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    ['1000m', '1'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Ki', '512'],
    ['128974848', '128974848'],
    ['1000', '1k'],
    ['1e3', '1e3'],
    ['1e2', '100'],
    ['500Mi', '500Mi'],
    ['0', '0'],
    ['0Mi', '0'],
    ['2000Mi', '2000Mi'],
  ])('%s is stored as %s', (s, c) => expect(canonicalQuantity(s)).toBe(c));
  it('turns JSON numbers into strings', () => {
    expect(canonicalQuantity(1)).toBe('1');
    expect(canonicalQuantity(0.25)).toBe('250m');
  });
  it('rounds resource lists up to milli precision', () => expect(canonicalQuantity('0.0001', -3)).toBe('1m'));
  it('throws the decode errors', () => {
    expect(() => canonicalQuantity('abc')).toThrow(new QuantityFormatError(ErrQuantityFormatWrong));
    expect(() => canonicalQuantity('1Mm')).toThrow(ErrQuantitySuffix);
  });
});

describe('formatQuantity', () => {
  it('prints cores in milli', () => expect(formatQuantity(0.25, 'DecimalSI')).toBe('250m'));
  it('prints bytes in binary units', () => expect(formatQuantity(2 * 1024 ** 3, 'BinarySI')).toBe('2Gi'));
  it('prints odd bytes plainly', () => expect(formatQuantity(1000, 'BinarySI')).toBe('1k'));
});
