// cron.ParseStandard of github.com/robfig/cron/v3 (what v1.32 validates CronJob schedules with):
// five fields or a descriptor, with the library's error texts, and the next activation time.

/** CronSchedule is a parsed schedule: one bit set per allowed value of each field. */
export interface CronSchedule {
  minute: bigint;
  hour: bigint;
  dom: bigint;
  month: bigint;
  dow: bigint;
  /** everyMs is set for "@every <duration>" schedules instead of the fields. */
  everyMs?: number;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

// starBit marks a field written as "*" or "?": day-of-month and day-of-week then combine with AND.
const starBit = 1n << 63n;

const minutes: Bounds = { min: 0, max: 59 };
const hours: Bounds = { min: 0, max: 23 };
const dom: Bounds = { min: 1, max: 31 };
const months: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const dow: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** CronParseError carries the library's message, which v1.32 puts in the field error verbatim. */
export class CronParseError extends Error {}

function atoi(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new CronParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing "${expr}": invalid syntax`);
  const n = Number(expr);
  if (!Number.isSafeInteger(n)) throw new CronParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing "${expr}": value out of range`);
  if (n < 0) throw new CronParseError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function intOrName(expr: string, b: Bounds): number {
  const named = b.names?.[expr.toLowerCase()];
  return named !== undefined ? named : atoi(expr);
}

function bits(min: number, max: number, step: number): bigint {
  let out = 0n;
  for (let i = min; i <= max; i += step) out |= 1n << BigInt(i);
  return out;
}

function getRange(expr: string, b: Bounds): bigint {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let extra = 0n;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
    extra = starBit;
  } else {
    start = intOrName(lowAndHigh[0], b);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = intOrName(lowAndHigh[1], b);
    else throw new CronParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = atoi(rangeAndStep[1]);
    // "N/step" means "N-max/step".
    if (singleDigit) end = b.max;
    if (step > 1) extra = 0n;
  } else if (rangeAndStep.length > 2) {
    throw new CronParseError(`too many slashes: ${expr}`);
  }
  if (start < b.min) throw new CronParseError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronParseError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  return bits(start, end, step) | extra;
}

function getField(field: string, b: Bounds): bigint {
  let out = 0n;
  for (const expr of field.split(',').filter((e) => e !== '')) out |= getRange(expr, b);
  return out;
}

const durationUnits: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };

/** parseGoDuration is time.ParseDuration, returning milliseconds; it throws Go's messages. */
export function parseGoDuration(orig: string): number {
  const invalid = () => new CronParseError(`time: invalid duration "${orig}"`);
  let s = orig;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s[0] === '-' ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw invalid();
  let total = 0;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === '' || (m[1] === '' && (m[2] ?? '') === '')) throw invalid();
    s = s.slice(m[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === '') throw new CronParseError(`time: missing unit in duration "${orig}"`);
    const scale = durationUnits[unit];
    if (scale === undefined) throw new CronParseError(`time: unknown unit "${unit}" in duration "${orig}"`);
    total += Number(`${m[1] || '0'}.${m[2] ?? ''}0`) * scale;
    s = s.slice(unit.length);
  }
  return sign * total;
}

const descriptors: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/**
 * parseStandardCron is cron.ParseStandard. isKnownTimeZone decides a TZ=/CRON_TZ= prefix (the
 * library's time.LoadLocation); v1.32 rejects such prefixes separately anyway.
 */
export function parseStandardCron(spec: string, isKnownTimeZone: (tz: string) => boolean = () => true): CronSchedule {
  if (spec.length === 0) throw new CronParseError('empty spec string');
  let rest = spec;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const space = rest.indexOf(' ');
    const tz = rest.slice(rest.indexOf('=') + 1, space < 0 ? undefined : space);
    if (!isKnownTimeZone(tz)) throw new CronParseError(`provided bad location ${tz}: unknown time zone ${tz}`);
    rest = space < 0 ? '' : rest.slice(space).trim();
  }
  if (rest.startsWith('@')) {
    const fields = descriptors[rest];
    if (fields) return parseFields(fields.split(' '));
    if (rest.startsWith('@every ')) {
      try {
        return { minute: 0n, hour: 0n, dom: 0n, month: 0n, dow: 0n, everyMs: Math.max(1000, parseGoDuration(rest.slice(7))) };
      } catch (e) {
        throw new CronParseError(`failed to parse duration ${rest}: ${(e as Error).message}`);
      }
    }
    throw new CronParseError(`unrecognized descriptor: ${rest}`);
  }
  const fields = rest.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  return parseFields(fields);
}

function parseFields(f: string[]): CronSchedule {
  return {
    minute: getField(f[0], minutes),
    hour: getField(f[1], hours),
    dom: getField(f[2], dom),
    month: getField(f[3], months),
    dow: getField(f[4], dow),
  };
}

const has = (set: bigint, v: number) => ((set >> BigInt(v)) & 1n) === 1n;

function dayMatches(s: CronSchedule, d: Date): boolean {
  const domMatch = has(s.dom, d.getUTCDate());
  const dowMatch = has(s.dow, d.getUTCDay());
  if ((s.dom & starBit) !== 0n || (s.dow & starBit) !== 0n) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/**
 * nextCronTime is SpecSchedule.Next in UTC: the first activation strictly after afterMs, or
 * undefined when none falls within five years (e.g. "0 0 30 2 *").
 */
export function nextCronTime(s: CronSchedule, afterMs: number): number | undefined {
  if (s.everyMs !== undefined) return Math.floor((afterMs + s.everyMs) / 1000) * 1000;
  const t = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  const limit = t.getUTCFullYear() + 5;
  while (t.getUTCFullYear() <= limit) {
    if (!has(s.month, t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(s, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!has(s.hour, t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
    } else if (!has(s.minute, t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
    } else {
      return t.getTime();
    }
  }
  return undefined;
}
