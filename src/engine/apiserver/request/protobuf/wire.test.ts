import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors';
import { Reader, Writer } from './wire';

describe('protobuf wire format', () => {
  it.each([
    [0, [0x00]],
    [1, [0x01]],
    [150, [0x96, 0x01]],
    [2 ** 31, [0x80, 0x80, 0x80, 0x80, 0x08]],
    [-1, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
    [-2, [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
    [-(2 ** 32) - 1, [0xff, 0xff, 0xff, 0xff, 0xef, 0xff, 0xff, 0xff, 0xff, 0x01]],
    [2 ** 40 + 5, [0x85, 0x80, 0x80, 0x80, 0x80, 0x20]],
  ])('encodes and decodes the int64 %d as a two’s complement varint', (n, bytes) => {
    const encoded = new Writer().int64(1, n).finish();
    expect([...encoded]).toEqual([0x08, ...bytes]);
    const r = new Reader(encoded);
    expect(r.varint()).toBe(0x08);
    expect(r.int64()).toBe(n);
    expect(r.done).toBe(true);
  });

  it('round-trips strings, bools, doubles and nested messages', () => {
    const w = new Writer().string(1, 'héllo').bool(2, true).double(3, 1.5).message(4, new Writer().string(1, 'inner'));
    const r = new Reader(w.finish());
    expect(r.varint()).toBe(0x0a);
    expect(r.string()).toBe('héllo');
    expect(r.varint()).toBe(0x10);
    expect(r.varint()).toBe(1);
    expect(r.varint()).toBe(0x19);
    expect(r.double()).toBe(1.5);
    expect(r.varint()).toBe(0x22);
    const inner = new Reader(r.bytes());
    expect(inner.varint()).toBe(0x0a);
    expect(inner.string()).toBe('inner');
    expect(r.done).toBe(true);
  });

  it('grows past its initial buffer', () => {
    const big = 'x'.repeat(1000);
    const r = new Reader(new Writer().string(7, big).string(7, big).finish());
    r.varint();
    expect(r.string()).toBe(big);
    r.varint();
    expect(r.string()).toBe(big);
  });

  it.each([
    ['a truncated varint', (r: Reader) => r.varint(), [0x80]],
    ['a length past the end', (r: Reader) => r.bytes(), [0x05, 0x61]],
    ['a truncated double', (r: Reader) => r.double(), [0x01, 0x02]],
  ])('rejects %s with a 400', (_name, read, bytes) => {
    let err: unknown;
    try {
      read(new Reader(Uint8Array.from(bytes)));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(400);
    expect((err as ApiError).message).toContain('proto: unexpected end of message');
  });

  it('skips every wire type and refuses group markers', () => {
    const r = new Reader(Uint8Array.from([0x96, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 0x61, 0x62, 1, 2, 3, 4]));
    r.skip(0);
    r.skip(1);
    r.skip(2);
    r.skip(5);
    expect(r.done).toBe(true);
    expect(() => new Reader(Uint8Array.from([0])).skip(3)).toThrow('proto: illegal wireType 3');
  });
});
