/** speedChoices are the speed select's options (simulated seconds per real second). */
export const speedChoices = [0.5, 1, 2, 5, 10, 50] as const;

/** stepChoices are the step sizes in simulated seconds. */
export const stepChoices = [1, 10, 60] as const;

/** speedOptions lists speedChoices plus the current speed when it is another one (?speed=100). */
export function speedOptions(current: number | undefined): number[] {
  const options: number[] = [...speedChoices];
  if (current !== undefined && !options.includes(current)) options.push(current);
  return options.sort((a, b) => a - b);
}

/** formatSpeed is "0.5×", "10×". */
export function formatSpeed(speed: number): string {
  return `${speed}×`;
}

/** formatSimTime shows an RFC 3339 time as "2025-01-01 00:03:12" (UTC, like the API's timestamps). */
export function formatSimTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
}
