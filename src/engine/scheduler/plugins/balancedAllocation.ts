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

  scoreNodes(state: CycleState, _pod: Pod, nodes: readonly NodeInfo[], out: Float64Array): void {
    const req = state.podInfo.requests;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      out[i] = balancedResourceScore(n.reqMilliCPU + req.milliCPU, n.allocMilliCPU, n.reqMemory + req.memory, n.allocMemory);
    }
  },
} satisfies ScorePlugin;
