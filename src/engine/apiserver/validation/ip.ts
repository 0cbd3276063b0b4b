import { fieldError, type FieldError } from '../fieldErrors';

// IP helpers for validation and the ClusterIP allocator (k8s.io/utils/net ParseIPSloppy, v1.32).

/** parseIPv4 returns a dotted-quad address as a 32-bit unsigned number, or undefined. Leading zeros are allowed (sloppy). */
export function parseIPv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

/** formatIPv4 renders a 32-bit number as a dotted quad. */
export function formatIPv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** isIPv6 reports whether s is an IPv6 address (with an optional embedded IPv4 tail). */
export function isIPv6(s: string): boolean {
  if (!s.includes(':') || s.includes('%')) return false;
  let tail = s;
  let groupsForV4 = 0;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    if (parseIPv4(s.slice(lastColon + 1)) === undefined) return false;
    tail = `${s.slice(0, lastColon + 1)}0`;
    groupsForV4 = 1;
  }
  const halves = tail.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const all = halves.flatMap(groups);
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = all.length + groupsForV4;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** isIP reports whether s parses as an IPv4 or IPv6 address. */
export function isIP(s: string): boolean {
  return parseIPv4(s) !== undefined || isIPv6(s);
}

/** validateIP is validation.IsValidIP: one Invalid error unless value is an IP address. */
export function validateIP(path: string, value: string): FieldError[] {
  return isIP(value) ? [] : [fieldError.invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** CIDRv4 is a parsed IPv4 network. */
export interface CIDRv4 {
  base: number;
  bits: number;
  size: number;
}

/** parseCIDRv4 parses "10.96.0.0/12" into its base address and size. */
export function parseCIDRv4(s: string): CIDRv4 | undefined {
  const [ip, len] = s.split('/');
  const base = parseIPv4(ip ?? '');
  const bits = Number(len);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  return { base: base - (base % size), bits, size };
}

/** cidrContains reports whether the IPv4 address n lies in the network. */
export function cidrContains(c: CIDRv4, n: number): boolean {
  return n >= c.base && n < c.base + c.size;
}
