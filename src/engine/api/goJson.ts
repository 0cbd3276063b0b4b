// goJson encodes a JSON value byte for byte as Go's encoding/json encodes the map[string]interface{}
// kubectl holds: object keys sorted, and <, >, &, U+2028 and U+2029 escaped as \u003c… (HTML-safe
// escaping is on by default). The last-applied-configuration annotation is this text, and "unchanged"
// depends on comparing it exactly; a ControllerRevision's data is hashed and compared as these bytes.

const goEscapes: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
  '\b': '\\u0008',
  '\f': '\\u000c',
};

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]|\\[bf]/g, (m) => goEscapes[m.length === 2 ? (m[1] === 'b' ? '\b' : '\f') : m]);
}

/** goJson renders a JSON value as Go's json.Marshal renders the same map[string]interface{}. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${goString(k)}:${goJson(obj[k])}`).join(',')}}`;
}
