import { newBadRequest, newUnsupportedMediaType } from '../errors';

// Kubernetes' protobuf encoding (k8s.io/apimachinery/pkg/runtime/serializer/protobuf): the magic
// "k8s\0" and a runtime.Unknown envelope {typeMeta: {apiVersion, kind}, raw}. client-go's typed
// clients send some bodies this way (kubectl drain's Eviction, DeleteOptions), so the engine
// decodes the few messages those carry; field numbers from k8s.io/api generated.proto (v1.32).

type FieldSpec = [name: string, kind: 'string' | 'int' | 'bool' | 'strings' | Msg];
interface Msg {
  [field: number]: FieldSpec;
}

const Preconditions: Msg = { 1: ['uid', 'string'], 2: ['resourceVersion', 'string'] };
const DeleteOptions: Msg = {
  1: ['gracePeriodSeconds', 'int'],
  2: ['preconditions', Preconditions],
  3: ['orphanDependents', 'bool'],
  4: ['propagationPolicy', 'string'],
  5: ['dryRun', 'strings'],
};
const ObjectMeta: Msg = { 1: ['name', 'string'], 2: ['generateName', 'string'], 3: ['namespace', 'string'], 5: ['uid', 'string'], 6: ['resourceVersion', 'string'] };
const ObjectReference: Msg = { 1: ['kind', 'string'], 2: ['namespace', 'string'], 3: ['name', 'string'], 4: ['uid', 'string'], 5: ['apiVersion', 'string'] };

const messages: Record<string, Msg> = {
  'policy/v1 Eviction': { 1: ['metadata', ObjectMeta], 2: ['deleteOptions', DeleteOptions] },
  'v1 DeleteOptions': DeleteOptions,
  'meta.k8s.io/v1 DeleteOptions': DeleteOptions,
  'v1 Binding': { 1: ['metadata', ObjectMeta], 2: ['target', ObjectReference] },
};

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): number {
    let result = 0;
    let shift = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw newBadRequest('proto: unexpected end of message');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * shift;
      if (b < 0x80) return result;
      shift *= 128;
    }
  }
  bytes(): Uint8Array {
    const n = this.varint();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw newBadRequest(`proto: illegal wireType ${wire}`);
  }
}

const utf8 = new TextDecoder();

function decodeMessage(buf: Uint8Array, spec: Msg): Record<string, unknown> {
  const r = new Reader(buf);
  const out: Record<string, unknown> = {};
  while (!r.done) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    const f = spec[field];
    if (!f) {
      r.skip(wire);
      continue;
    }
    const [name, kind] = f;
    if (kind === 'int') out[name] = r.varint();
    else if (kind === 'bool') out[name] = r.varint() !== 0;
    else if (kind === 'string') out[name] = utf8.decode(r.bytes());
    else if (kind === 'strings') ((out[name] ??= []) as string[]).push(utf8.decode(r.bytes()));
    else out[name] = decodeMessage(r.bytes(), kind);
  }
  return out;
}

/** decodeProtobuf decodes a Kubernetes protobuf body into its JSON form, for the messages listed above. */
export function decodeProtobuf(body: Uint8Array): Record<string, unknown> {
  if (body.length < 4 || body[0] !== 0x6b || body[1] !== 0x38 || body[2] !== 0x73 || body[3] !== 0) {
    throw newBadRequest('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  }
  const unknown = decodeMessage(body.subarray(4), { 1: ['typeMeta', { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] }] });
  const env = new Reader(body.subarray(4));
  let raw: Uint8Array | undefined;
  while (!env.done) {
    const tag = env.varint();
    if (tag >> 3 === 2 && (tag & 7) === 2) raw = env.bytes();
    else env.skip(tag & 7);
  }
  const tm = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const spec = messages[`${tm.apiVersion} ${tm.kind}`];
  if (!spec || !raw) {
    throw newUnsupportedMediaType(
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`,
    );
  }
  return { apiVersion: tm.apiVersion, kind: tm.kind, ...decodeMessage(raw, spec) };
}
