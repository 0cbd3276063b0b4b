import type { Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from '../framework/cycleState';
import type { ScorePlugin } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import { balancedResourceScore } from './resourceAllocation';
import { Names } from './names';

// From pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go (v1.32). It scores
// with real requests (useRequested), not the 100m/200Mi defaults LeastAllocated uses.

/** balancedAllocation prefers nodes whose cpu and memory would be used in equal proportion. */
export const balancedAllocation = {
  name: Names.NodeResourcesBalancedAllocation,

  score(state: CycleState, _pod: Pod, node: NodeInfo): number {
    const req = state.podInfo.requests;
    return balancedResourceScore(node.reqMilliCPU + req.milliCPU, node.allocMilliCPU, node.reqMemory + req.memory, node.allocMemory);
  },

  scoreNodes(state: CycleState, _pod: Pod, nodes: readonly NodeInfo[], slots: Int32Array, out: Float64Array): void {
    const cpu = state.podInfo.requests.milliCPU;
    const mem = state.podInfo.requests.memory;
    const { reqMilliCPU, allocMilliCPU, reqMemory, allocMemory } = state.snapshot.table;
    for (let i = 0; i < nodes.length; i++) {
      const j = slots[i];
      out[i] = balancedResourceScore(reqMilliCPU[j] + cpu, allocMilliCPU[j], reqMemory[j] + mem, allocMemory[j]);
    }
  },
} satisfies ScorePlugin;
