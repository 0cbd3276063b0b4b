// How resource.ParseQuantity (apimachinery pkg/api/resource/quantity.go, v1.32) rejects a string, which
// Quantity.UnmarshalJSON returns as the decode error. Only validity is computed here, not the value.

/** QuantityErrors are resource.ErrFormatWrong, ErrNumeric and ErrSuffix (quantity.go, v1.32). */
export const QuantityErrors = {
  FormatWrong: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  Numeric: 'unable to parse numeric part of quantity',
  Suffix: "unable to parse quantity's suffix",
} as const;

const decimalSuffixes = new Set(['n', 'u', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E']);
const binarySuffixes = new Set(['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);
const suffixChars = 'eEinumkKMGTP';

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** validSuffix mirrors suffixHandler.interpret: a SI suffix, or e/E followed by a base-10 int64. */
function validSuffix(suffix: string): boolean {
  if (decimalSuffixes.has(suffix) || binarySuffixes.has(suffix)) return true;
  return suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]{1,18}$/.test(suffix.slice(1));
}

/** quantityError returns the error resource.ParseQuantity gives for str, or undefined when it parses. */
export function quantityError(str: string): string | undefined {
  if (str.length === 0) return QuantityErrors.FormatWrong;
  if (str === '0') return undefined;
  // parseQuantityString: sign, digits, optional "." and digits, then suffix characters, an optional
  // sign and digits. Leading zeros count as digits of the value but not of the numerator.
  let pos = 0;
  if (str[0] === '-' || str[0] === '+') pos++;
  const digitsStart = pos;
  while (isDigit(str[pos])) pos++;
  let digits = pos - digitsStart;
  if (str[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (isDigit(str[pos])) pos++;
    digits += pos - denomStart;
  }
  const suffixStart = pos;
  while (pos < str.length && suffixChars.includes(str[pos])) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) return QuantityErrors.FormatWrong;
  if (!validSuffix(str.slice(suffixStart))) return QuantityErrors.Suffix;
  // With no digit at all ("Gi", ".", "-") neither the int64 fast path nor inf.Dec can read a number.
  if (digits === 0) return QuantityErrors.Numeric;
  return undefined;
}
