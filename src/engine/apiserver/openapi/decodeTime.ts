import { utf8Bytes } from './decodeBytes';

// time.Parse (Go 1.23 time/format.go) for the two layouts metav1.Time and metav1.MicroTime decode
// with, reduced to what decides its error: the layout is walked chunk by chunk, a literal that does
// not match gives `cannot parse "<rest>" as "<literal>"`, a malformed element `cannot parse "<rest>" as
// "<element>"`, an out-of-range one `<what> out of range`.

type Chunk = { literal: string } | { element: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'frac6' | 'zone'; text: string };

const rfc3339Chunks: Chunk[] = [
  { element: 'year', text: '2006' },
  { literal: '-' },
  { element: 'month', text: '01' },
  { literal: '-' },
  { element: 'day', text: '02' },
  { literal: 'T' },
  { element: 'hour', text: '15' },
  { literal: ':' },
  { element: 'minute', text: '04' },
  { literal: ':' },
  { element: 'second', text: '05' },
];

const layouts: Record<string, Chunk[]> = {
  '2006-01-02T15:04:05Z07:00': [...rfc3339Chunks, { element: 'zone', text: 'Z07:00' }],
  '2006-01-02T15:04:05.000000Z07:00': [...rfc3339Chunks, { element: 'frac6', text: '.000000' }, { element: 'zone', text: 'Z07:00' }],
};

/** goQuote is time's quote(): ASCII kept (with \" and \\ escaped), other bytes as \xNN. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c >= 0x80) for (const b of utf8Bytes(ch)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
  }
  return `${out}"`;
}

const isDigit = (s: string, i: number) => i < s.length && s[i] >= '0' && s[i] <= '9';

/** getnum reads one or two digits (exactly two when fixed), as time.getnum does. */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Nearly every timestamp the engine sees is one it wrote: a cheap check that accepts only values
// the layout certainly parses (days up to 28 need no calendar) spares the full parser. Go's
// RFC 3339 layout takes any fraction after the seconds; MicroTime's needs exactly six digits.
const plainPrefix = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\\d|2[0-8])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d';
const plainZone = '(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$';
const plainLayouts: Record<string, RegExp> = {
  '2006-01-02T15:04:05Z07:00': new RegExp(`${plainPrefix}(\\.\\d{1,9})?${plainZone}`),
  '2006-01-02T15:04:05.000000Z07:00': new RegExp(`${plainPrefix}\\.\\d{6}${plainZone}`),
};
function plainlyValid(layout: string, value: string): boolean {
  return value.length <= 35 && (plainLayouts[layout]?.test(value) ?? false);
}

/** timeParseError returns the error time.Parse(layout, value) gives, or undefined when it parses. */
export function timeParseError(layout: string, value: string): string | undefined {
  if (plainlyValid(layout, value)) return undefined;
  const chunks = layouts[layout];
  if (!chunks) throw new Error(`unsupported time layout ${layout}`);
  const cannotParse = (rest: string, elem: string) =>
    `parsing time ${goQuote(value)} as ${goQuote(layout)}: cannot parse ${goQuote(rest)} as ${goQuote(elem)}`;
  const outOfRange = (what: string) => `parsing time ${goQuote(value)}: ${what} out of range`;
  let rest = value;
  let year = 0;
  let month = 0;
  let day = 0;
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    if ('literal' in chunk) {
      if (!rest.startsWith(chunk.literal)) return cannotParse(rest, chunk.literal);
      rest = rest.slice(chunk.literal.length);
      continue;
    }
    const hold = rest;
    const bad = () => cannotParse(hold, chunk.text);
    switch (chunk.element) {
      case 'year': {
        if (rest.length < 4 || !/^[0-9]{4}/.test(rest)) return bad();
        year = Number(rest.slice(0, 4));
        rest = rest.slice(4);
        break;
      }
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
      case 'second': {
        const n = getnum(rest, chunk.element !== 'hour');
        if (!n) return bad();
        rest = n[1];
        const v = n[0];
        if (chunk.element === 'month') {
          if (v <= 0 || v > 12) return outOfRange('month');
          month = v;
        } else if (chunk.element === 'day') day = v;
        else if (chunk.element === 'hour' && v >= 24) return outOfRange('hour');
        else if (chunk.element === 'minute' && v >= 60) return outOfRange('minute');
        else if (chunk.element === 'second') {
          if (v >= 60) return outOfRange('second');
          // A fraction the layout does not spell out is accepted (time.Parse's stdSecond special case).
          const next = chunks[i + 1];
          if ((rest[0] === '.' || rest[0] === ',') && isDigit(rest, 1) && !('element' in next && next.element === 'frac6')) {
            let n2 = 2;
            while (isDigit(rest, n2)) n2++;
            rest = rest.slice(n2);
          }
        }
        break;
      }
      case 'frac6':
        if (rest.length < 7 || (rest[0] !== '.' && rest[0] !== ',') || !/^[0-9]{6}/.test(rest.slice(1))) return bad();
        rest = rest.slice(7);
        break;
      case 'zone': {
        if (rest[0] === 'Z') {
          rest = rest.slice(1);
          break;
        }
        if (rest.length < 6 || rest[3] !== ':') return bad();
        const hh = getnum(rest.slice(1, 3), true);
        const mm = getnum(rest.slice(4, 6), true);
        if (!hh || !mm || (rest[0] !== '+' && rest[0] !== '-')) return bad();
        if (hh[0] > 24) return outOfRange('time zone offset hour');
        if (mm[0] > 60) return outOfRange('time zone offset minute');
        rest = rest.slice(6);
        break;
      }
    }
  }
  if (rest.length > 0) return `parsing time ${goQuote(value)}: extra text: ${goQuote(rest)}`;
  if (day < 1 || day > daysIn(month, year)) return outOfRange('day');
  return undefined;
}
