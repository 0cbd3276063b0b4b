// resource.Quantity parsing (canonical printing is in quantityFormat.ts), after
// k8s.io/apimachinery/pkg/api/resource/quantity.go and suffix.go (v1.32).

/** QuantityFormat is resource.Format: how a quantity is printed back. */
export const QuantityFormat = {
  DecimalExponent: 'DecimalExponent',
  BinarySI: 'BinarySI',
  DecimalSI: 'DecimalSI',
} as const;
export type QuantityFormat = (typeof QuantityFormat)[keyof typeof QuantityFormat];

// Error texts of resource.ErrFormatWrong, ErrSuffix and ErrNumeric (quantity.go, v1.32).
export const ErrQuantityFormatWrong =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ErrQuantitySuffix = "unable to parse quantity's suffix";
export const ErrQuantityNumeric = 'unable to parse numeric part of quantity';

/** QuantityFormatError is a quantity the apiserver would fail to decode (a 400, not a 422). */
export class QuantityFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityFormatError';
  }
}

/** QuantityParts is a parsed quantity: sign, the integer digits of num+denom, and the suffix. */
export interface QuantityParts {
  negative: boolean;
  /** num and denom are the digits before and after the point, num without leading zeros ("0" if none). */
  num: string;
  denom: string;
  /** base is 10 or 2, exponent the power of base the suffix stands for ("Mi" → 2, 20; "m" → 10, -3). */
  base: 10 | 2;
  exponent: number;
  format: QuantityFormat;
}

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const suffixChars = 'eEinumkKMGTP';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** parseQuantityParts splits a quantity string as resource.ParseQuantity does, or throws QuantityFormatError. */
export function parseQuantityParts(str: string): QuantityParts {
  if (str.length === 0) throw new QuantityFormatError(ErrQuantityFormatWrong);
  let pos = 0;
  const end = str.length;
  let negative = false;
  if (str[0] === '-') {
    negative = true;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  let i = pos;
  while (i < end && isDigit(str.charCodeAt(i))) i++;
  const num = i > pos ? str.slice(pos, i) : '0';
  pos = i;
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str.charCodeAt(i))) i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  while (pos < end && suffixChars.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str.charCodeAt(pos))) pos++;
  if (pos < end) throw new QuantityFormatError(ErrQuantityFormatWrong);
  const suffix = str.slice(suffixStart);
  const s = interpretSuffix(suffix);
  if (!s) throw new QuantityFormatError(ErrQuantitySuffix);
  return { negative, num, denom, ...s };
}

function interpretSuffix(suffix: string): Pick<QuantityParts, 'base' | 'exponent' | 'format'> | undefined {
  const dec = decimalSuffixes[suffix];
  if (dec !== undefined) return { base: 10, exponent: dec, format: QuantityFormat.DecimalSI };
  const bin = binarySuffixes[suffix];
  if (bin !== undefined) return { base: 2, exponent: bin, format: QuantityFormat.BinarySI };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    if (!/^[-+]?[0-9]+$/.test(rest)) return undefined;
    const exp = Number(rest);
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 2147483647) return undefined;
    return { base: 10, exponent: exp, format: QuantityFormat.DecimalExponent };
  }
  return undefined;
}

function partsValue(p: QuantityParts): number {
  const digits = Number(p.num + p.denom);
  let v: number;
  if (p.base === 2) {
    v = (digits * 2 ** p.exponent) / 10 ** p.denom.length;
  } else {
    // Multiplying or dividing an exact integer by an exact power of ten rounds once, so "0.1" is 0.1.
    const scale = p.exponent - p.denom.length;
    v = scale >= 0 ? digits * 10 ** scale : digits / 10 ** -scale;
  }
  return p.negative ? -v : v;
}

const cache = new Map<string, number | undefined>();
const cacheLimit = 4096;

/**
 * parseQuantity returns a quantity's value in base units ("100m" → 0.1, "128Mi" → 134217728), or
 * undefined when it does not parse. Numbers (YAML `cpu: 1`) are taken as their JSON text.
 */
export function parseQuantity(s: string | number | undefined | null): number | undefined {
  if (s === undefined || s === null) return undefined;
  if (typeof s === 'number') return Number.isFinite(s) ? s : undefined;
  let v = cache.get(s);
  if (v !== undefined || cache.has(s)) return v;
  try {
    v = partsValue(parseQuantityParts(s.trim()));
  } catch {
    v = undefined;
  }
  // Callers parse the same few strings ("100m", "128Mi") for every pod: a small cache pays off.
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(s, v);
  return v;
}

/** parseQuantityMilli returns a quantity in milli-units rounded up, as Quantity.MilliValue does ("0.1" → 100). */
export function parseQuantityMilli(s: string | number | undefined | null): number | undefined {
  const v = parseQuantity(s);
  if (v === undefined) return undefined;
  // Round away float noise first (0.1 * 1000 = 100.00000000000001) and then up, as ScaledValue does.
  const m = v * 1000;
  const r = Math.round(m);
  return Math.abs(m - r) < 1e-6 * Math.max(1, Math.abs(m)) ? r : Math.ceil(m);
}

/** isValidQuantity reports whether s parses as a resource.Quantity. */
export function isValidQuantity(s: unknown): boolean {
  if (typeof s === 'number') return Number.isFinite(s);
  return typeof s === 'string' && parseQuantity(s) !== undefined;
}
