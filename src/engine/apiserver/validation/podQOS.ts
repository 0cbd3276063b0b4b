import type { Pod } from 'kubernetes-types/core/v1';
import { parseQuantity } from './quantity';

// The QoS class of a Pod, as pkg/apis/core/helper/qos ComputePodQOS (v1.32) decides it from the
// cpu and memory requests and limits of its containers and init containers.

/** PodQOSClass lists the v1.PodQOSClass values. */
export const PodQOSClass = { Guaranteed: 'Guaranteed', Burstable: 'Burstable', BestEffort: 'BestEffort' } as const;
export type PodQOSClass = (typeof PodQOSClass)[keyof typeof PodQOSClass];

/** computePodQOS returns Guaranteed, Burstable or BestEffort for a pod's spec. */
export function computePodQOS(pod: Pod): PodQOSClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  const spec = pod.spec;
  for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
    for (const [name, q] of Object.entries(c.resources?.requests ?? {})) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const v = parseQuantity(q as string) ?? 0;
      if (v > 0) requests.set(name, (requests.get(name) ?? 0) + v);
    }
    const found = new Set<string>();
    for (const [name, q] of Object.entries(c.resources?.limits ?? {})) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const v = parseQuantity(q as string) ?? 0;
      if (v > 0) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0) + v);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return PodQOSClass.BestEffort;
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? PodQOSClass.Guaranteed : PodQOSClass.Burstable;
}
