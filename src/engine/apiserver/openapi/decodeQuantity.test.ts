import { describe, expect, it } from 'vitest';
import { QuantityErrors, quantityError } from './decodeQuantity';

describe('quantityError', () => {
  it.each(['0', '1', '100m', '0.5', '.5', '1.', '-1', '+2', '128Mi', '1Gi', '2Ki', '1E', '1e3', '1E-3', '1e+21', '1.5Gi', '12345678901234567890', '000'])(
    'accepts %s',
    (q) => {
      expect(quantityError(q)).toBeUndefined();
    },
  );

  it.each([
    ['', QuantityErrors.FormatWrong],
    ['500MB', QuantityErrors.FormatWrong],
    ['1 Gi', QuantityErrors.FormatWrong],
    ['abc', QuantityErrors.FormatWrong],
    ['true', QuantityErrors.FormatWrong],
    ['{"a":1}', QuantityErrors.FormatWrong],
    ['5mi', QuantityErrors.Suffix],
    ['1e', QuantityErrors.Suffix],
    ['1Gii', QuantityErrors.Suffix],
    ['Gi', QuantityErrors.Numeric],
    ['.', QuantityErrors.Numeric],
    ['-', QuantityErrors.Numeric],
  ])('rejects %j with resource.ParseQuantity\'s error', (q, want) => {
    expect(quantityError(q)).toBe(want);
  });
});
