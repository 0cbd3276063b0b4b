/**
 * formatGoDuration renders whole milliseconds as Go's time.Duration String does after
 * Truncate(time.Millisecond): "0s", "313ms", "1.2s", "1m20s", "5m0s", "1h0m0s". Kubelet messages
 * ("Successfully pulled image ... in 1.2s", "back-off 40s restarting ...") print durations this way.
 */
export function formatGoDuration(ms: number): string {
  ms = Math.max(0, Math.trunc(ms));
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const secs = s.toFixed(3).replace(/\.?0+$/, '');
  return (h > 0 ? `${h}h` : '') + (h > 0 || m > 0 ? `${m}m` : '') + `${secs}s`;
}
