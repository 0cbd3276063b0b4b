// Helpers over decoded JSON values (what encoding/json yields as interface{} in Go).

/** JsonObject is a decoded JSON object (Go's map[string]interface{}). */
export type JsonObject = { [key: string]: unknown };

/** isJsonObject reports whether v is a JSON object: not null, not an array. */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** hasKey reports whether o has its own member k; prototype names like "constructor" are not members. */
export function hasKey(o: JsonObject, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** setKey sets o[k], defining "__proto__" as an own member instead of replacing the prototype. */
export function setKey(o: JsonObject, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

export { deepCopy } from '../../api/deepCopy';
