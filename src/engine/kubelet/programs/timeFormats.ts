// Timestamp layouts of the programs whose logs are simulated.

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');

const parts = (ms: number) => {
  const d = new Date(ms);
  return {
    Y: d.getUTCFullYear(),
    M: d.getUTCMonth(),
    D: d.getUTCDate(),
    W: d.getUTCDay(),
    hms: `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`,
    ms: d.getUTCMilliseconds(),
  };
};

/** goLogTime is "2025/01/01 00:00:00": Go's log package, and nginx's error log, write it. */
export function goLogTime(ms: number): string {
  const t = parts(ms);
  return `${t.Y}/${p2(t.M + 1)}/${p2(t.D)} ${t.hms}`;
}

/** accessLogTime is the common log format's "[01/Jan/2025:00:00:10 +0000]". */
export function accessLogTime(ms: number): string {
  const t = parts(ms);
  return `[${p2(t.D)}/${months[t.M]}/${t.Y}:${t.hms} +0000]`;
}

/** redisTime is "01 Jan 2025 00:00:00.123". */
export function redisTime(ms: number): string {
  const t = parts(ms);
  return `${p2(t.D)} ${months[t.M]} ${t.Y} ${t.hms}.${p3(t.ms)}`;
}

/** postgresTime is "2025-01-01 00:00:00.123 UTC". */
export function postgresTime(ms: number): string {
  const t = parts(ms);
  return `${t.Y}-${p2(t.M + 1)}-${p2(t.D)} ${t.hms}.${p3(t.ms)} UTC`;
}

/** httpdTime is "[Wed Jan 01 00:00:00.123000 2025]". */
export function httpdTime(ms: number): string {
  const t = parts(ms);
  return `[${days[t.W]} ${months[t.M]} ${p2(t.D)} ${t.hms}.${p3(t.ms)}000 ${t.Y}]`;
}

/**
 * goTimeString is Go's time.Now().String(): "2025-01-01 00:00:00.123 +0000 UTC m=+1.500000001",
 * the fraction without trailing zeros and the monotonic reading in seconds since the process began.
 */
export function goTimeString(ms: number, sinceStartMs: number): string {
  const t = parts(ms);
  const frac = t.ms ? `.${p3(t.ms)}`.replace(/0+$/, '') : '';
  return `${t.Y}-${p2(t.M + 1)}-${p2(t.D)} ${t.hms}${frac} +0000 UTC m=+${(sinceStartMs / 1000).toFixed(9)}`;
}
