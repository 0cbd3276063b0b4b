// Human-readable durations, as k8s.io/apimachinery/pkg/util/duration (v1.32) prints them. Go truncates
// float seconds toward zero with int(), hence Math.trunc.

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/** shortHumanDuration renders a duration with one unit: "45s", "3m", "5h", "12d", "2y". */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / second);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / minute);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / hour);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** humanDuration renders a duration with 2-3 significant figures: "90s", "3m2s", "5h10m", "3d4h", "2y30d". */
export function humanDuration(ms: number): string {
  // Up to two seconds in the future counts as now: clocks of different machines drift.
  const seconds = Math.trunc(ms / second);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / minute);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / hour);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** zeroTime stands for Go's zero time.Time (an unset metav1.Time). */
export const zeroTime = Number.NEGATIVE_INFINITY;

/** parseTime turns an RFC 3339 metav1.Time or MicroTime into ms; unset or unparsable is zeroTime. */
export function parseTime(ts: string | null | undefined): number {
  if (!ts) return zeroTime;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? zeroTime : ms;
}

/** translateTimestampSince is the AGE cell: humanDuration(now - ts), "<unknown>" when unset. */
export function translateTimestampSince(ts: string | null | undefined, now: number): string {
  return translateTimeSince(parseTime(ts), now);
}

/** translateTimeSince is translateTimestampSince for an already parsed time. */
export function translateTimeSince(ms: number, now: number): string {
  return ms === zeroTime ? '<unknown>' : humanDuration(now - ms);
}
