// Go's time.LoadLocation and time.In for IANA zones, answered by the host's Intl database. "Local"
// is UTC: the simulated control plane runs in UTC, as kube-controller-manager's container does.

/** isKnownTimeZone is time.LoadLocation succeeding. */
export function isKnownTimeZone(tz: string): boolean {
  if (tz === 'UTC' || tz === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(tz, f);
  }
  return f;
}

/** zoneOffsetMs is how far the wall clock of tz is ahead of UTC at the instant ms. */
export function zoneOffsetMs(tz: string | undefined, ms: number): number {
  if (!tz || tz === 'UTC' || tz === 'Local') return 0;
  const p: Record<string, number> = {};
  for (const part of formatFor(tz).formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * nextInZone runs next, a search over wall-clock times written as UTC, in the zone tz: it turns
 * the instant into tz's wall clock, searches, and turns the wall time found back into the first
 * instant after afterMs showing it. A wall time the clocks skip (when they go forward) is passed
 * over; one they show twice (when they go back) fires once, at its first instant.
 */
export function nextInZone(tz: string | undefined, afterMs: number, next: (wallMs: number) => number | undefined): number | undefined {
  let wall = next(afterMs + zoneOffsetMs(tz, afterMs));
  for (let tries = 0; wall !== undefined && tries < 3; tries++) {
    const w = wall;
    // The offsets in force half a day either side cover any transition near the wall time.
    const candidates = [w - zoneOffsetMs(tz, w - halfDayMs), w - zoneOffsetMs(tz, w + halfDayMs)]
      .filter((at) => at > afterMs && at + zoneOffsetMs(tz, at) === w)
      .sort((a, b) => a - b);
    if (candidates.length) return candidates[0];
    wall = next(wall);
  }
  return undefined;
}

const halfDayMs = 12 * 3_600_000;

/** formatRfc3339InZone is time.In(tz).Format(time.RFC3339): local wall time with its offset. */
export function formatRfc3339InZone(tz: string | undefined, ms: number): string {
  const off = zoneOffsetMs(tz, ms);
  const wall = new Date(Math.floor(ms / 1000) * 1000 + off).toISOString().slice(0, 19);
  if (off === 0) return `${wall}Z`;
  const abs = Math.abs(off) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${wall}${off < 0 ? '-' : '+'}${hh}:${mm}`;
}
