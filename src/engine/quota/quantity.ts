import { parseQuantityParts, QuantityFormat } from '../apiserver/validation/quantity';
import { canonicalQuantity } from '../apiserver/validation/quantityFormat';

// Exact resource.Quantity arithmetic for quota accounting (k8s.io/apimachinery/pkg/api/resource,
// v1.32). Usage sums many small values ("100m" + "200m"): floats would drift, so an amount is an
// integer count of nano-units. Finer digits round up, as the apiserver already did when it stored them.

/** Quantity is a resource.Quantity: an exact amount and the format it prints in. */
export interface Quantity {
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

const nanosPerUnit = 1_000_000_000n;

function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d === n ? q : n > 0n ? q + 1n : q;
}

/** parseQuantity reads a quantity as the API stores it ("500m", "1Gi", 2); undefined if it does not parse. */
export function parseQuantity(s: string | number | undefined | null): Quantity | undefined {
  if (s === undefined || s === null) return undefined;
  let p;
  try {
    p = parseQuantityParts(String(s).trim());
  } catch {
    return undefined;
  }
  const n = BigInt(p.num + p.denom);
  const fraction = 10n ** BigInt(p.denom.length);
  let nanos: bigint;
  if (p.base === 2) {
    nanos = ceilDiv((n << BigInt(p.exponent)) * nanosPerUnit, fraction);
  } else {
    const scale = p.exponent - p.denom.length + 9;
    nanos = scale >= 0 ? n * 10n ** BigInt(scale) : ceilDiv(n, 10n ** BigInt(-scale));
  }
  if (p.negative) nanos = -nanos;
  return { nanos, format: p.format };
}

/** newQuantity is resource.NewQuantity(value, format). */
export function newQuantity(value: number, format: QuantityFormat = QuantityFormat.DecimalSI): Quantity {
  return { nanos: BigInt(value) * nanosPerUnit, format };
}

/** zeroQuantity is resource.Quantity{Format: DecimalSI}. */
export const zeroQuantity: Quantity = { nanos: 0n, format: QuantityFormat.DecimalSI };

/** addQuantity is Quantity.Add: a zero receiver takes the other's format, otherwise it keeps its own. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** subQuantity is Quantity.Sub, with the same format rule as Add. */
export function subQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** cmpQuantity is Quantity.Cmp: -1, 0 or 1. */
export function cmpQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** roundUpToUnits is Quantity.RoundUp(0): whole units, rounding away from zero. */
export function roundUpToUnits(q: Quantity): Quantity {
  return { nanos: ceilDiv(q.nanos, nanosPerUnit) * nanosPerUnit, format: q.format };
}

/** quantityString is Quantity.String(): the canonical text ("1500m", "1Gi", "700Mi"). */
export function quantityString(q: Quantity): string {
  if (q.format === QuantityFormat.BinarySI && q.nanos % nanosPerUnit === 0n) {
    const units = q.nanos / nanosPerUnit;
    const abs = units < 0n ? -units : units;
    // Small binary amounts print as decimal (CanonicalizeBytes).
    if (abs >= 1024n) return (units < 0n ? '-' : '') + base1024(abs);
  }
  return canonicalQuantity(q.format === QuantityFormat.DecimalExponent ? `${q.nanos}e-9` : `${q.nanos}n`);
}

function base1024(n: bigint): string {
  const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let k = 0;
  while (k < suffixes.length - 1 && n % 1024n === 0n) {
    n /= 1024n;
    k++;
  }
  return n.toString() + suffixes[k];
}
