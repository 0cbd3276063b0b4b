import { fieldError, type FieldError } from '../fieldErrors';

// IP and CIDR checks of k8s.io/apimachinery/pkg/util/validation/ip.go and the core
// ValidateNonSpecialIP (v1.32), over netutils.ParseIPSloppy (IPv4 octets may have leading zeros).

/** ParsedIP is an address as a 32- or 128-bit integer. */
export interface ParsedIP {
  family: 4 | 6;
  value: bigint;
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseIPv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const words: number[] = [];
  const all = [...head, ...tail];
  // An embedded IPv4 address may close the address ("::ffff:1.2.3.4").
  const last = all[all.length - 1];
  let v4: bigint | undefined;
  if (last?.includes('.')) {
    v4 = parseIPv4(last);
    if (v4 === undefined) return undefined;
    if (tail.length) tail.pop();
    else head.pop();
  }
  for (const g of [...head, ...tail]) if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
  const width = 8 - (v4 !== undefined ? 2 : 0);
  const present = head.length + tail.length;
  if (halves.length === 1 ? present !== width : present >= width) return undefined;
  words.push(...head.map((g) => parseInt(g, 16)));
  for (let i = present; i < width; i++) words.push(0);
  words.push(...tail.map((g) => parseInt(g, 16)));
  let v = 0n;
  for (const w of words) v = (v << 16n) | BigInt(w);
  if (v4 !== undefined) v = (v << 32n) | v4;
  return v;
}

/** parseIP is netutils.ParseIPSloppy: undefined when s is not an IP address. */
export function parseIP(s: string): ParsedIP | undefined {
  const v4 = parseIPv4(s);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = s.includes(':') ? parseIPv6(s) : undefined;
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

/** ParsedCIDR is a network: its address family, prefix length and masked base address. */
export interface ParsedCIDR {
  family: 4 | 6;
  prefix: number;
  base: bigint;
}

/** parseCIDR is netutils.ParseCIDRSloppy. */
export function parseCIDR(s: string): ParsedCIDR | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(s.slice(0, slash));
  const prefixText = s.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const bits = ip.family === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  return { family: ip.family, prefix, base: (ip.value >> hostBits) << hostBits };
}

/** cidrContains reports whether network a contains the base address of b. */
export function cidrContains(a: ParsedCIDR, b: ParsedCIDR): boolean {
  if (a.family !== b.family) return false;
  const hostBits = BigInt((a.family === 4 ? 32 : 128) - a.prefix);
  return b.base >> hostBits === a.base >> hostBits;
}

/** isValidIP is validation.IsValidIP. */
export function isValidIP(path: string, value: string): FieldError[] {
  return parseIP(value) ? [] : [fieldError.invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** isValidIPv4Address is validation.IsValidIPv4Address. */
export function isValidIPv4Address(path: string, value: string): FieldError[] {
  return parseIP(value)?.family === 4 ? [] : [fieldError.invalid(path, value, 'must be a valid IPv4 address')];
}

/** isValidIPv6Address is validation.IsValidIPv6Address. */
export function isValidIPv6Address(path: string, value: string): FieldError[] {
  return parseIP(value)?.family === 6 ? [] : [fieldError.invalid(path, value, 'must be a valid IPv6 address')];
}

/** isValidCIDR is validation.IsValidCIDR. */
export function isValidCIDR(path: string, value: string): FieldError[] {
  return parseCIDR(value) ? [] : [fieldError.invalid(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** validateNonSpecialIP is ValidateNonSpecialIP: no unspecified, loopback, link-local or link-local multicast address. */
export function validateNonSpecialIP(value: string, path: string): FieldError[] {
  const ip = parseIP(value);
  if (!ip) return [fieldError.invalid(path, value, 'must be a valid IP address')];
  const v = ip.value;
  const inNet = (base: bigint, prefix: number, bits: number) => v >> BigInt(bits - prefix) === base >> BigInt(bits - prefix);
  const v4Mapped = ip.family === 6 && v >> 32n === 0xffffn ? v & 0xffffffffn : undefined;
  const v4 = ip.family === 4 ? v : v4Mapped;
  if (v === 0n || v4 === 0n) return [fieldError.invalid(path, value, 'may not be unspecified (0.0.0.0)')];
  if ((v4 !== undefined && v4 >> 24n === 127n) || (ip.family === 6 && v === 1n)) {
    return [fieldError.invalid(path, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
  }
  if ((v4 !== undefined && v4 >> 16n === 0xa9fen) || (ip.family === 6 && inNet(0xfe80n << 112n, 10, 128))) {
    return [fieldError.invalid(path, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')];
  }
  if ((v4 !== undefined && v4 >> 8n === 0xe00000n) || (ip.family === 6 && inNet(0xff02n << 112n, 16, 128))) {
    return [fieldError.invalid(path, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')];
  }
  return [];
}
