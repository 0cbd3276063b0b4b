const cache = new Map<number, string>();

/**
 * piDigits returns pi to n decimal places ("3.14159…"), for the Job tutorial's
 * `perl -Mbignum=bpi -wle 'print bpi(2000)'`. Machin's formula on BigInt fixed point.
 */
export function piDigits(n: number): string {
  n = Math.max(1, Math.min(10_000, Math.floor(n)));
  let s = cache.get(n);
  if (s) return s;
  const guard = 10n;
  const scale = 10n ** (BigInt(n) + guard);
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let k = 1n, sign = 1n; term !== 0n; k += 2n, sign = -sign) {
      sum += (sign * term) / k;
      term /= x2;
    }
    return sum;
  };
  // pi * 10^(n+guard); bpi(n) prints n significant digits, the last one rounded.
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  const shift = 10n ** (guard + 1n);
  const digits = ((pi + shift / 2n) / shift).toString();
  s = `${digits[0]}.${digits.slice(1, n)}`;
  cache.set(n, s);
  return s;
}
