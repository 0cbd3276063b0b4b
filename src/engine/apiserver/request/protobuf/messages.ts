import { newBadRequest } from '../../errors';
import { encodeBase64 } from '../../registry/base64';
import { protobufKinds, protobufMessages } from './messages.generated';
import { specialMessages } from './wellKnown';
import { Reader, WireType } from './wire';

// Decodes Kubernetes protobuf messages into the JSON the API accepts, driven by the generated
// table. A field reads "<number> <jsonName> <type><suffix>": type is string, bool, int32, int64,
// bytes or a message key; the suffix is "[]" (repeated), "{}" (map<string, type>), "^" (a Go
// `json:",inline"` struct: its fields land in the parent) or "?" (a non-pointer omitempty scalar).
//
// go-to-protobuf writes every non-pointer scalar, zero or not, while Go's JSON encoder drops the
// zeros of omitempty fields; "?" fields are therefore dropped when zero, so that an empty
// generateName or a false hostNetwork reads as absent, exactly as the JSON kubectl would send.

type Cardinality = 'single' | 'repeated' | 'map' | 'inline';

/** FieldSpec is one decoded table entry. */
export interface FieldSpec {
  name: string;
  type: string;
  cardinality: Cardinality;
  omitZero: boolean;
}

type MessageSpec = readonly (FieldSpec | undefined)[];

const parsed = new Map<string, MessageSpec>();

/** messageSpec returns the fields of a table message by number, parsed once. */
export function messageSpec(key: string): MessageSpec | undefined {
  const cached = parsed.get(key);
  if (cached) return cached;
  const text = protobufMessages[key];
  if (text === undefined) return undefined;
  const spec: (FieldSpec | undefined)[] = [];
  for (const token of text.split(',')) {
    if (token === '') continue;
    const [num, name, typed] = token.split(' ');
    const m = /^([\w.]+)(\[\]|\{\}|\^|\?)?$/.exec(typed);
    if (!m) throw new Error(`protobuf table: bad field ${key} ${token}`);
    const suffix = m[2];
    spec[Number(num)] = {
      name,
      type: m[1],
      cardinality: suffix === '[]' ? 'repeated' : suffix === '{}' ? 'map' : suffix === '^' ? 'inline' : 'single',
      omitZero: suffix === '?',
    };
  }
  parsed.set(key, spec);
  return spec;
}

/** messageForKind names the message of an envelope's apiVersion and kind, if the engine decodes it. */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  return protobufKinds[`${apiVersion} ${kind}`];
}

const utf8 = new TextDecoder();

/** decodeMessage decodes one message into `out` (a fresh object unless merging an inlined struct). */
export function decodeMessage(buf: Uint8Array, key: string, out: Record<string, unknown> = {}): Record<string, unknown> {
  const spec = messageSpec(key);
  if (!spec) throw new Error(`protobuf table: no message ${key}`);
  const r = new Reader(buf);
  while (!r.done) {
    const tag = r.varint();
    const number = Math.floor(tag / 8);
    const wire = tag & 7;
    const f = spec[number];
    if (!f) {
      r.skip(wire);
      continue;
    }
    if (f.cardinality === 'inline') {
      expectWire(wire, WireType.Bytes, f);
      decodeMessage(r.bytes(), f.type, out);
    } else if (f.cardinality === 'map') {
      expectWire(wire, WireType.Bytes, f);
      const map = (out[f.name] ??= {}) as Record<string, unknown>;
      decodeMapEntry(r.bytes(), f, map);
    } else if (f.cardinality === 'repeated') {
      const list = (out[f.name] ??= []) as unknown[];
      if (wire === WireType.Bytes && isVarintType(f.type)) {
        // A packed run of varints.
        const packed = new Reader(r.bytes());
        while (!packed.done) list.push(scalarFromVarint(packed, f.type));
      } else list.push(decodeValue(r, wire, f));
    } else {
      const v = decodeValue(r, wire, f);
      if (f.omitZero && (v === '' || v === 0 || v === false)) delete out[f.name];
      else out[f.name] = v;
    }
  }
  return out;
}

function decodeValue(r: Reader, wire: number, f: FieldSpec): unknown {
  if (isVarintType(f.type)) {
    expectWire(wire, WireType.Varint, f);
    return scalarFromVarint(r, f.type);
  }
  expectWire(wire, WireType.Bytes, f);
  const data = r.bytes();
  return valueFromBytes(data, f.type);
}

function valueFromBytes(data: Uint8Array, type: string): unknown {
  if (type === 'string') return utf8.decode(data);
  if (type === 'bytes') return encodeBase64(data);
  const special = specialMessages[type];
  if (special) return special(data);
  return decodeMessage(data, type);
}

function isVarintType(type: string): boolean {
  return type === 'int32' || type === 'int64' || type === 'bool';
}

function scalarFromVarint(r: Reader, type: string): number | boolean {
  return type === 'bool' ? r.varint() !== 0 : r.int64();
}

// A map entry is a message {key = 1, value = 2}; a missing value is the value type's zero.
function decodeMapEntry(buf: Uint8Array, f: FieldSpec, map: Record<string, unknown>): void {
  const r = new Reader(buf);
  let key = '';
  let value: unknown;
  while (!r.done) {
    const tag = r.varint();
    if (tag === 0x0a) key = r.string();
    else if (tag >>> 3 === 2) value = decodeValue(r, tag & 7, f);
    else r.skip(tag & 7);
  }
  if (value === undefined) value = isVarintType(f.type) ? (f.type === 'bool' ? false : 0) : valueFromBytes(new Uint8Array(0), f.type);
  // A "__proto__" label must stay a key, not become the map's prototype.
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

function expectWire(got: number, want: number, f: FieldSpec): void {
  if (got !== want) throw newBadRequest(`proto: wrong wireType = ${got} for field ${f.name}`);
}
