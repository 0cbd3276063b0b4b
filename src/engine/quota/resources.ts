import { addQuantity, cmpQuantity, parseQuantity, quantityString, subQuantity, zeroQuantity, type Quantity } from './quantity';

// ResourceList helpers of k8s.io/apiserver/pkg/quota/v1/resources.go (v1.32).

/** ResourceList is a corev1.ResourceList with parsed quantities. */
export type ResourceList = Readonly<Record<string, Quantity>>;

/** fromApi parses a ResourceList as objects carry it; values that do not parse are left out. */
export function fromApi(list: Readonly<Record<string, unknown>> | undefined | null): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = typeof v === 'string' || typeof v === 'number' ? parseQuantity(v) : undefined;
    if (q) out[k] = q;
  }
  return out;
}

/** toApi prints a ResourceList as objects carry it. */
export function toApi(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(list).sort()) out[k] = quantityString(list[k]);
  return out;
}

/** add returns a + b for each named resource. */
export function add(a: ResourceList, b: ResourceList): ResourceList {
  const out: Record<string, Quantity> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in a ? addQuantity(a[k], v) : v;
  return out;
}

/** subtractWithNonNegativeResult returns a - b, with anything below zero (or only in b) as zero. */
export function subtractWithNonNegativeResult(a: ResourceList, b: ResourceList): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const [k, v] of Object.entries(a)) {
    const d = k in b ? subQuantity(v, b[k]) : v;
    out[k] = d.nanos > 0n ? d : zeroQuantity;
  }
  for (const k of Object.keys(b)) if (!(k in out)) out[k] = zeroQuantity;
  return out;
}

/** mask keeps only the named resources. */
export function mask(list: ResourceList, names: readonly string[]): ResourceList {
  const keep = new Set(names);
  const out: Record<string, Quantity> = {};
  for (const [k, v] of Object.entries(list)) if (keep.has(k)) out[k] = v;
  return out;
}

/** lessThanOrEqual reports whether a <= b for every key of b that a has, and the keys that exceed it. */
export function lessThanOrEqual(a: ResourceList, b: ResourceList): { ok: boolean; exceeded: string[] } {
  const exceeded = Object.keys(b).filter((k) => k in a && cmpQuantity(a[k], b[k]) > 0);
  return { ok: exceeded.length === 0, exceeded };
}

/** equals reports whether both lists name the same resources with equal amounts. */
export function equals(a: ResourceList, b: ResourceList): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => k in b && cmpQuantity(a[k], b[k]) === 0);
}

/** removeZeros drops the zero amounts. */
export function removeZeros(list: ResourceList): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const [k, v] of Object.entries(list)) if (v.nanos !== 0n) out[k] = v;
  return out;
}

/** isNegative returns the names of the negative amounts. */
export function isNegative(list: ResourceList): string[] {
  return Object.keys(list).filter((k) => list[k].nanos < 0n);
}

/** intersection returns the names in both a and b, deduplicated and sorted. */
export function intersection(a: readonly string[], b: readonly string[]): string[] {
  const inB = new Set(b);
  return [...new Set(a.filter((x) => inB.has(x)))].sort();
}

/** difference returns the names in a and not in b, deduplicated and sorted. */
export function difference(a: readonly string[], b: readonly string[]): string[] {
  const inB = new Set(b);
  return [...new Set(a.filter((x) => !inB.has(x)))].sort();
}

/** prettyPrint formats a list for quota errors: "limits.memory=1Gi,requests.memory=700Mi", sorted by name. */
export function prettyPrint(list: ResourceList): string {
  return Object.keys(list)
    .sort()
    .map((k) => `${k}=${quantityString(list[k])}`)
    .join(',');
}

/** prettyPrintResourceNames formats resource names for quota errors, sorted and comma-separated. */
export function prettyPrintResourceNames(names: readonly string[]): string {
  return [...names].sort().join(',');
}
