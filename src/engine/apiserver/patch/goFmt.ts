import { isJsonObject } from './jsonValue';

// Patch error messages embed decoded JSON values the way Go's fmt prints an interface{} holding
// them. The apiserver decodes patches preserving integers (int64) and everything else as float64.

/** goValue renders v as fmt's %v does: map[k:v ...] with sorted keys, [a b], <nil>. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isJsonObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** goTypeName renders reflect.TypeOf(v) as %s does ("map[string]interface {}", "int64", ...). */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** goJsonKind names a JSON value the way encoding/json's UnmarshalTypeError does ("object", "array", ...). */
export function goJsonKind(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'object') return 'object';
  return typeof v; // "string" or "number"
}

// Integers print in decimal (int64); other numbers use %g's shortest form with a two-digit exponent.
function goNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(n);
}
