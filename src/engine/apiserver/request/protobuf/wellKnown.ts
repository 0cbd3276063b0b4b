import { newBadRequest } from '../../errors';
import { Reader } from './wire';

// The apimachinery messages whose Go types marshal their own JSON, so that their protobuf fields
// say nothing about their JSON form; each is decoded by hand as the Go type's MarshalJSON writes it.

type Decoder = (buf: Uint8Array) => unknown;

/** formatTime renders seconds since the epoch as metav1.Time's JSON (RFC 3339, whole seconds, UTC). */
function formatTime(seconds: number, nanos?: number): string {
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (nanos === undefined) return `${iso}Z`;
  return `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

/** readTimestamp reads {seconds int64 = 1, nanos int32 = 2}; undefined for the empty (zero) time. */
function readTimestamp(buf: Uint8Array): { seconds: number; nanos: number } | undefined {
  if (buf.length === 0) return undefined;
  const r = new Reader(buf);
  let seconds = 0;
  let nanos = 0;
  while (!r.done) {
    const tag = r.varint();
    if (tag === 0x08) seconds = r.int64();
    else if (tag === 0x10) nanos = r.int64();
    else r.skip(tag & 7);
  }
  return { seconds, nanos };
}

/** singleBytesField reads field 1 of a message holding one string or bytes field. */
function singleBytesField(buf: Uint8Array): Uint8Array | undefined {
  const r = new Reader(buf);
  let value: Uint8Array | undefined;
  while (!r.done) {
    const tag = r.varint();
    if (tag === 0x0a) value = r.bytes();
    else r.skip(tag & 7);
  }
  return value;
}

const utf8 = new TextDecoder();

// Time and MicroTime: a zero time is sent as an empty message and marshals to null
// (apimachinery pkg/apis/meta/v1/time_proto.go, micro_time_proto.go). Time's JSON has whole
// seconds (RFC 3339); MicroTime's keeps microseconds ("2006-01-02T15:04:05.000000Z07:00").
function decodeTime(buf: Uint8Array): string | null {
  const t = readTimestamp(buf);
  return t ? formatTime(t.seconds) : null;
}

function decodeMicroTime(buf: Uint8Array): string | null {
  const t = readTimestamp(buf);
  return t ? formatTime(t.seconds, t.nanos) : null;
}

// Quantity is {string string = 1}; the zero Quantity marshals to "0".
function decodeQuantity(buf: Uint8Array): string {
  const s = singleBytesField(buf);
  return s && s.length > 0 ? utf8.decode(s) : '0';
}

// IntOrString is {type int64 = 1, intVal int32 = 2, strVal string = 3}; type 1 is a string.
function decodeIntOrString(buf: Uint8Array): number | string {
  const r = new Reader(buf);
  let type = 0;
  let intVal = 0;
  let strVal = '';
  while (!r.done) {
    const tag = r.varint();
    if (tag === 0x08) type = r.int64();
    else if (tag === 0x10) intVal = r.int64();
    else if (tag === 0x1a) strVal = r.string();
    else r.skip(tag & 7);
  }
  return type === 1 ? strVal : intVal;
}

// RawExtension {raw bytes = 1} and FieldsV1 {Raw bytes = 1} carry JSON text; empty is null.
function decodeRawJson(buf: Uint8Array): unknown {
  const raw = singleBytesField(buf);
  if (!raw || raw.length === 0) return null;
  try {
    return JSON.parse(utf8.decode(raw));
  } catch {
    throw newBadRequest('proto: embedded object is not JSON');
  }
}

// ExtraValue {repeated string items = 1} is a named []string: a plain array in JSON.
function decodeStringList(buf: Uint8Array): string[] {
  const r = new Reader(buf);
  const items: string[] = [];
  while (!r.done) {
    const tag = r.varint();
    if (tag === 0x0a) items.push(r.string());
    else r.skip(tag & 7);
  }
  return items;
}

/** specialMessages decodes the messages with hand-written JSON forms, keyed as messages.generated.ts keys them. */
export const specialMessages: Readonly<Record<string, Decoder>> = {
  'apis.meta.v1.Time': decodeTime,
  'apis.meta.v1.MicroTime': decodeMicroTime,
  'apis.meta.v1.FieldsV1': decodeRawJson,
  'api.resource.Quantity': decodeQuantity,
  'util.intstr.IntOrString': decodeIntOrString,
  'runtime.RawExtension': decodeRawJson,
  'authentication.v1.ExtraValue': decodeStringList,
  'authorization.v1.ExtraValue': decodeStringList,
  'certificates.v1.ExtraValue': decodeStringList,
};
