import type { NodeInfo } from './nodeInfo';

/** NodeFlags are the bits of NodeTable.flags. */
export const NodeFlags = {
  /** Unschedulable is spec.unschedulable. */
  Unschedulable: 1,
  /** Tainted is set when the node has any taint. */
  Tainted: 2,
} as const;

/**
 * NodeTable holds the numbers Filter and Score plugins read for every node, one typed array per
 * field, indexed by NodeInfo.index (the node's slot). A cycle walks hundreds of nodes once per
 * plugin; adjacent slots in flat arrays stream through the CPU cache, where NodeInfo objects
 * spread over the heap (and their boxed doubles) cost cache misses on every visit. The cache's
 * NodeInfos write their fields through to it; NodeInfo stays the one source of truth.
 */
export class NodeTable {
  allocMilliCPU = new Float64Array(0);
  allocMemory = new Float64Array(0);
  allocEphemeralStorage = new Float64Array(0);
  allowedPodNumber = new Float64Array(0);
  reqMilliCPU = new Float64Array(0);
  reqMemory = new Float64Array(0);
  reqEphemeralStorage = new Float64Array(0);
  podCount = new Float64Array(0);
  nonZeroMilliCPU = new Float64Array(0);
  nonZeroMemory = new Float64Array(0);
  flags = new Uint8Array(0);

  /** write copies a node's fields into its slot. */
  write(ni: NodeInfo): void {
    const i = ni.index;
    if (i >= this.flags.length) this.grow(i + 1);
    this.allocMilliCPU[i] = ni.allocMilliCPU;
    this.allocMemory[i] = ni.allocMemory;
    this.allocEphemeralStorage[i] = ni.allocEphemeralStorage;
    this.allowedPodNumber[i] = ni.allowedPodNumber;
    this.reqMilliCPU[i] = ni.reqMilliCPU;
    this.reqMemory[i] = ni.reqMemory;
    this.reqEphemeralStorage[i] = ni.reqEphemeralStorage;
    this.podCount[i] = ni.podCount;
    this.nonZeroMilliCPU[i] = ni.nonZeroMilliCPU;
    this.nonZeroMemory[i] = ni.nonZeroMemory;
    this.flags[i] = (ni.unschedulable ? NodeFlags.Unschedulable : 0) | (ni.taints.length > 0 ? NodeFlags.Tainted : 0);
  }

  private grow(min: number): void {
    const n = Math.max(min, 2 * this.flags.length, 64);
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.allocMilliCPU = f64(this.allocMilliCPU);
    this.allocMemory = f64(this.allocMemory);
    this.allocEphemeralStorage = f64(this.allocEphemeralStorage);
    this.allowedPodNumber = f64(this.allowedPodNumber);
    this.reqMilliCPU = f64(this.reqMilliCPU);
    this.reqMemory = f64(this.reqMemory);
    this.reqEphemeralStorage = f64(this.reqEphemeralStorage);
    this.podCount = f64(this.podCount);
    this.nonZeroMilliCPU = f64(this.nonZeroMilliCPU);
    this.nonZeroMemory = f64(this.nonZeroMemory);
    const flags = new Uint8Array(n);
    flags.set(this.flags);
    this.flags = flags;
  }
}
