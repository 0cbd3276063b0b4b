import { newBadRequest } from '../../errors';

// The protobuf wire format (protobuf.dev/programming-guides/encoding): a message is a run of
// (tag = field << 3 | wire type, value) pairs. Kubernetes' go-to-protobuf messages use only
// varints, 64-bit doubles and length-delimited bytes, strings and sub-messages.

/** WireType names the protobuf wire types. */
export const WireType = { Varint: 0, Fixed64: 1, Bytes: 2, Fixed32: 5 } as const;

const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();
const twoTo32 = 2 ** 32;

/** Reader walks one encoded message; malformed input is a 400 with the Go decoder's wording. */
export class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** varint reads an unsigned varint, exact up to 2^53 (tags and lengths). */
  varint(): number {
    return this.int64(false);
  }

  /**
   * int64 reads a varint as a two's complement 64-bit integer (int32 and int64 fields: a negative
   * int32 is sign-extended to ten bytes on the wire). Values past ±2^53 lose precision.
   */
  int64(signed = true): number {
    let lo = 0;
    let hi = 0;
    for (let shift = 0; ; shift += 7) {
      if (this.pos >= this.buf.length) throw newBadRequest('proto: unexpected end of message');
      if (shift > 63) throw newBadRequest('proto: integer overflow');
      const b = this.buf[this.pos++];
      const bits = b & 0x7f;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= bits << 28;
        hi |= bits >> 4;
      } else hi |= bits << (shift - 32);
      if (b < 0x80) break;
    }
    lo >>>= 0;
    hi >>>= 0;
    if (signed && hi & 0x80000000) return -((~hi >>> 0) * twoTo32 + (~lo >>> 0) + 1);
    return hi * twoTo32 + lo;
  }

  double(): number {
    this.need(8);
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).getFloat64(0, true);
    this.pos += 8;
    return v;
  }

  bytes(): Uint8Array {
    const n = this.varint();
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  string(): string {
    return utf8.decode(this.bytes());
  }

  skip(wire: number): void {
    if (wire === WireType.Varint) this.varint();
    else if (wire === WireType.Fixed64) this.advance(8);
    else if (wire === WireType.Bytes) this.bytes();
    else if (wire === WireType.Fixed32) this.advance(4);
    else throw newBadRequest(`proto: illegal wireType ${wire}`);
  }

  private advance(n: number): void {
    this.need(n);
    this.pos += n;
  }

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) throw newBadRequest('proto: unexpected end of message');
  }
}

/** Writer builds one message; sub-messages are separate Writers appended with their length. */
export class Writer {
  private buf = new Uint8Array(64);
  private len = 0;

  get length(): number {
    return this.len;
  }

  tag(field: number, wire: number): this {
    return this.uvarint(field * 8 + wire);
  }

  /** uvarint writes a non-negative integer below 2^53. */
  uvarint(n: number): this {
    this.reserve(10);
    while (n >= 0x80) {
      this.buf[this.len++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.len++] = n;
    return this;
  }

  /** int64 writes a signed integer as a two's complement varint (negatives take ten bytes). */
  int64(field: number, n: number): this {
    this.tag(field, WireType.Varint);
    if (n >= 0) return this.uvarint(n);
    let lo = n % twoTo32 >>> 0;
    let hi = Math.floor(n / twoTo32) >>> 0;
    this.reserve(10);
    for (let i = 0; i < 9; i++) {
      this.buf[this.len++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    this.buf[this.len++] = lo & 0x01;
    return this;
  }

  bool(field: number, b: boolean): this {
    return this.tag(field, WireType.Varint).uvarint(b ? 1 : 0);
  }

  double(field: number, n: number): this {
    this.tag(field, WireType.Fixed64).reserve(8);
    new DataView(this.buf.buffer, this.len, 8).setFloat64(0, n, true);
    this.len += 8;
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, utf8Encoder.encode(s));
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, WireType.Bytes).uvarint(data.length).reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  message(field: number, child: Writer): this {
    return this.bytes(field, child.finish());
  }

  /** finish returns the encoded bytes (a view, valid until the writer is written again). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  private reserve(n: number): this {
    if (this.len + n <= this.buf.length) return this;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    return this;
  }
}
