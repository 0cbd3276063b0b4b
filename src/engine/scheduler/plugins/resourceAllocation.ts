import { MaxNodeScore } from '../framework/interface';

// Resource scorers of pkg/scheduler/framework/plugins/noderesources (v1.32): least_allocated.go
// and balanced_allocation.go, for cpu and memory with weight 1 each (the defaults).

/** leastRequestedScore is ((capacity - requested) * 100) / capacity in integers; 0 when over capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MaxNodeScore) / capacity);
}

/** leastAllocatedScore averages the cpu and memory scores, skipping a resource the node has none of. */
export function leastAllocatedScore(cpuRequested: number, cpuAlloc: number, memRequested: number, memAlloc: number): number {
  // The common case in integer arithmetic (each score is within [0, 100]): it runs for every scored node.
  if (cpuAlloc !== 0 && memAlloc !== 0 && cpuRequested <= cpuAlloc && memRequested <= memAlloc) {
    const cpu = (((cpuAlloc - cpuRequested) * MaxNodeScore) / cpuAlloc) | 0;
    const mem = (((memAlloc - memRequested) * MaxNodeScore) / memAlloc) | 0;
    return (cpu + mem) >> 1;
  }
  let score = 0;
  let weightSum = 0;
  if (cpuAlloc !== 0) {
    score += leastRequestedScore(cpuRequested, cpuAlloc);
    weightSum++;
  }
  if (memAlloc !== 0) {
    score += leastRequestedScore(memRequested, memAlloc);
    weightSum++;
  }
  return weightSum === 0 ? 0 : Math.trunc(score / weightSum);
}

/**
 * balancedResourceScore is balancedResourceScorer: 100 × (1 − std) of the requested fractions,
 * which for two resources is |cpuFraction − memFraction| / 2.
 */
export function balancedResourceScore(cpuRequested: number, cpuAlloc: number, memRequested: number, memAlloc: number): number {
  // Written out for the two resources to stay allocation-free: it runs for every scored node. The
  // score is within [50, 100], so | 0 truncates as int64() does.
  if (cpuAlloc === 0 || memAlloc === 0) return MaxNodeScore;
  const cpu = Math.min(1, cpuRequested / cpuAlloc);
  const mem = Math.min(1, memRequested / memAlloc);
  return ((1 - Math.abs((cpu - mem) / 2)) * MaxNodeScore) | 0;
}
