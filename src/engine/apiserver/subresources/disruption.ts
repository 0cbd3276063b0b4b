import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';

/** podIsHealthy is the disruption controller's notion: Ready and not terminating. */
export function podIsHealthy(pod: Pod): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** pdbDesiredHealthy computes how many selected pods a budget wants healthy (minAvailable or maxUnavailable). */
export function pdbDesiredHealthy(pdb: PodDisruptionBudget, expected: number): number {
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined) {
    return Math.max(0, expected - scaled(spec.maxUnavailable, expected));
  }
  if (spec.minAvailable !== undefined) return scaled(spec.minAvailable, expected);
  return expected;
}

// Percentages round up for both fields, as the disruption controller's
// intstr.GetScaledValueFromIntOrPercent(..., roundUp=true) does.
function scaled(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  const m = v.match(/^(\d+)%$/);
  if (!m) return Number(v) || 0;
  return Math.ceil((Number(m[1]) * total) / 100);
}
