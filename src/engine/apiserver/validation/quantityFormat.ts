import { parseQuantityParts, QuantityFormat, type QuantityParts } from './quantity';

// The canonical form a v1.32 apiserver prints a quantity in once it has decoded it: Quantity.String()
// → CanonicalizeBytes (k8s.io/apimachinery/pkg/api/resource/quantity.go, amount.go). A write of
// `memory: 1024Mi` reads back as `1Gi`, `cpu: 0.5` as `500m` and `cpu: 1` (a JSON number) as "1".

const decimalSuffixOf: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const binarySuffixOf = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const maxInt64 = 9223372036854775807n;
const nanoScale = -9;

/**
 * canonicalQuantity returns the string a v1.32 apiserver stores for a quantity written as s, or
 * throws QuantityFormatError when it would not decode. minScale rounds up to a power of ten first,
 * as Quantity.RoundUp does (-3 for resource lists).
 */
export function canonicalQuantity(s: string | number, minScale = nanoScale): string {
  const str = typeof s === 'number' ? numberText(s) : s.trim();
  const p = parseQuantityParts(str);
  if (keepsOriginal(p, minScale)) return str;
  return canonicalize(p, p.format, minScale);
}

/** formatQuantity prints a value in base units canonically: formatQuantity(0.25, 'DecimalSI') → "250m". */
export function formatQuantity(value: number, format: QuantityFormat): string {
  const p = parseQuantityParts(numberText(value));
  return canonicalize(p, p.format === QuantityFormat.DecimalExponent ? QuantityFormat.DecimalExponent : format);
}

// Go decodes a JSON number from its text; JS gives back the shortest text that round-trips.
function numberText(v: number): string {
  if (!Number.isFinite(v)) return 'NaN';
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return BigInt(v).toString();
  const t = String(v);
  return t.includes('e') ? v.toFixed(20) : t;
}

// ParseQuantity remembers the input string when its int64 fast path finds it already canonical.
function keepsOriginal(p: QuantityParts, minScale: number): boolean {
  const shifted = p.num + p.denom;
  if (p.format === QuantityFormat.BinarySI) {
    if (p.denom.length > 0) return false;
    const precision = 15 - p.num.length - Math.trunc((p.exponent * 3) / 10) - 1;
    if (precision < 0) return false;
    const value = BigInt(shifted);
    if ((value << BigInt(p.exponent)) > maxInt64) return false;
    return (value & 7n) !== 0n;
  }
  const precision = 18 - shifted.length;
  const scale = p.exponent - p.denom.length;
  if (precision < 0 || scale < nanoScale || scale < minScale) return false;
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

function canonicalize(p: QuantityParts, requested: QuantityFormat, minScale = nanoScale): string {
  // The amount is n × 10^scale, exactly.
  let n = BigInt(p.num + p.denom);
  let scale = -p.denom.length;
  if (p.base === 10) scale += p.exponent;
  else n <<= BigInt(p.exponent);
  const floor = Math.max(nanoScale, minScale);
  if (scale < floor) {
    // Non-zero amounts round up (away from zero), so that asking for a little gets a little.
    const div = 10n ** BigInt(floor - scale);
    const q = n / div;
    n = q * div === n ? q : q + 1n;
    scale = floor;
  }
  if (n === 0n) return '0';
  const sign = p.negative ? '-' : '';
  let format = requested;
  if (format === QuantityFormat.BinarySI) {
    const integer = scale >= 0 ? n * 10n ** BigInt(scale) : n % 10n ** BigInt(-scale) === 0n ? n / 10n ** BigInt(-scale) : undefined;
    // Small or fractional binary amounts print as decimal, to avoid rounding.
    if (integer === undefined || integer < 1024n) format = QuantityFormat.DecimalSI;
    else return sign + base1024(integer);
  }
  while (n % 10n === 0n) {
    n /= 10n;
    scale++;
  }
  const r = ((scale % 3) + 3) % 3;
  if (r !== 0) {
    n *= 10n ** BigInt(r);
    scale -= r;
  }
  let suffix: string;
  if (format === QuantityFormat.DecimalExponent) suffix = scale === 0 ? '' : `e${scale}`;
  else suffix = decimalSuffixOf[scale] ?? `e${scale}`;
  return sign + n.toString() + suffix;
}

function base1024(n: bigint): string {
  let k = 0;
  while (k < binarySuffixOf.length - 1 && n % 1024n === 0n) {
    n /= 1024n;
    k++;
  }
  return n.toString() + binarySuffixOf[k];
}
