import { canonicalQuantity } from '../validation/quantityFormat';

/**
 * setDefaultsResourceList is SetDefaults_ResourceList (pkg/apis/core/v1/defaults.go, v1.32): every
 * value is rounded up to milli precision and, as decoding and re-encoding does, printed canonically
 * ("1024Mi" → "1Gi", 0.5 → "500m"). It throws QuantityFormatError for a value that does not decode.
 */
export function setDefaultsResourceList(list: Record<string, unknown> | undefined | null): void {
  if (!list) return;
  for (const k of Object.keys(list)) {
    const v = list[k];
    if (typeof v === 'string' || typeof v === 'number') list[k] = canonicalQuantity(v, -3);
  }
}

/** canonicalizeQuantityField rewrites obj[key] canonically when it is set (a Quantity outside a ResourceList). */
export function canonicalizeQuantityField(obj: Record<string, unknown> | undefined | null, key: string): void {
  if (!obj) return;
  const v = obj[key];
  if (typeof v === 'string' || typeof v === 'number') obj[key] = canonicalQuantity(v);
}
