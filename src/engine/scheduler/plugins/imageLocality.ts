import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from '../framework/cycleState';
import { MaxNodeScore, type PreScorePlugin, type ScorePlugin, type Snapshot } from '../framework/interface';
import { skipStatus, type Status } from '../framework/status';
import type { ImageStateSummary, NodeInfo } from '../framework/nodeInfo';
import { Names } from './names';

// From pkg/scheduler/framework/plugins/imagelocality/image_locality.go (v1.32).

const mb = 1024 * 1024;
/** minThreshold and maxContainerThreshold bound the image bytes that count (23MB, 1000MB per container). */
const minThreshold = 23 * mb;
const maxContainerThreshold = 1000 * mb;

/** normalizedImageName appends ":latest" when the name has no tag, as the kubelet reports images. */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return name + ':latest';
  return name;
}

/** scaledImageScore weighs an image's size by the fraction of nodes that have it, so spread images count. */
function scaledImageScore(state: ImageStateSummary, totalNumNodes: number): number {
  return Math.trunc(state.size * (state.nodes.size / totalNumNodes));
}

/** calculatePriority maps the summed image bytes onto [0, 100] between the thresholds. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = maxContainerThreshold * numContainers;
  if (sumScores < minThreshold) sumScores = minThreshold;
  else if (sumScores > maxThreshold) sumScores = maxThreshold;
  return Math.trunc((MaxNodeScore * (sumScores - minThreshold)) / (maxThreshold - minThreshold));
}

/** anyImageOnNodes reports whether some node has the image of one of the containers. */
function anyImageOnNodes(snapshot: Snapshot, containers: readonly Container[] | undefined): boolean {
  for (const c of containers ?? []) if (c.image && snapshot.imageNumNodes(normalizedImageName(c.image)) > 0) return true;
  return false;
}

/** imageLocality prefers nodes that already have the pod's images. */
export const imageLocality = {
  name: Names.ImageLocality,

  // Upstream has no PreScore here. When no node has any of the pod's images every score is 0, so
  // skipping is exact and spares a lookup per node and container.
  preScore(state: CycleState, pod: Pod): Status | null {
    const spec = pod.spec;
    return anyImageOnNodes(state.snapshot, spec?.initContainers) || anyImageOnNodes(state.snapshot, spec?.containers) ? null : skipStatus;
  },

  score(state: CycleState, pod: Pod, node: NodeInfo): number {
    const spec = pod.spec;
    const numContainers = (spec?.initContainers?.length ?? 0) + (spec?.containers?.length ?? 0);
    if (node.imageStates.size === 0) return calculatePriority(0, numContainers);
    const total = state.snapshot.list().length;
    let sum = 0;
    for (const list of [spec?.initContainers, spec?.containers]) {
      for (const c of list ?? []) {
        const s = c.image ? node.imageStates.get(normalizedImageName(c.image)) : undefined;
        if (s) sum += scaledImageScore(s, total);
      }
    }
    return calculatePriority(sum, numContainers);
  },
} satisfies PreScorePlugin & ScorePlugin;
