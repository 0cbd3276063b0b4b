import { memo, useMemo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { Node } from 'kubernetes-types/core/v1';
import { useClusterStore } from '../../state/clusterStore';
import { selectPlacement, useCanvasStore } from '../canvasStore';
import type { ShapeNode } from '../flowElements';
import { componentOffset, podOffset } from '../layout';
import { selectHandlers, useDetail, useIsSelected } from '../useCanvasView';
import { nodeUsage, nodeView, phaseCounts } from '../viewModel';
import { ComponentBox } from './ComponentBox';
import { CornerHandle } from './CornerHandle';
import { NodeHeader } from './NodeHeader';
import { NodeOutline } from './NodeOutline';
import { NodeSummary } from './NodeSummary';
import { PodChip } from './PodChip';
import { WritePath } from './WritePath';

/**
 * KubeNodeCard draws one Node with its pods inside: static pods as components, other pods as
 * chips. Zoomed out it collapses to a summary, then to an outline of a few boxes, so a 500-node
 * view paints 500 small cards rather than thousands of chips.
 */
export const KubeNodeCard = memo(function KubeNodeCard({ data }: NodeProps<ShapeNode>) {
  const node = useClusterStore((s) => s.objects.nodes[data.name] as Node | undefined);
  const placed = useCanvasStore(useMemo(() => selectPlacement(data.name), [data.name]));
  const detail = useDetail();
  const selected = useIsSelected({ resource: 'nodes', name: data.name });
  const view = node && nodeView(node);
  const usage = useMemo(() => view && nodeUsage(view, placed.requests), [view, placed.requests]);
  if (!view || !usage) return null;
  return (
    <div
      className={`kube-node detail-${detail} status-${view.status}${view.unschedulable ? ' cordoned' : ''}${selected ? ' selected' : ''}`}
      data-kind="Node"
      data-name={view.name}
      data-status={view.status}
      data-unschedulable={view.unschedulable ? 'true' : undefined}
      {...selectHandlers({ resource: 'nodes', name: view.name })}
      aria-pressed={selected}
      aria-label={`node ${view.name}`}
    >
      <CornerHandle />
      {detail === 'pods' ? (
        <>
          <NodeHeader view={view} usage={usage} />
          {placed.components.length > 0 && <WritePath />}
          {placed.components.map((p, i) => {
            const o = componentOffset(i);
            return <ComponentBox key={p.metadata?.uid ?? p.metadata?.name} pod={p} x={o.x} y={o.y} />;
          })}
          {placed.pods.map((p, i) => {
            const o = podOffset(placed.components.length, i);
            return <PodChip key={p.metadata?.uid ?? `${p.metadata?.namespace}/${p.metadata?.name}`} pod={p} x={o.x} y={o.y} />;
          })}
        </>
      ) : detail === 'summary' ? (
        <NodeSummary view={view} usage={usage} phases={phaseCounts(placed.pods)} />
      ) : (
        <NodeOutline usage={usage} phases={phaseCounts(placed.pods)} />
      )}
    </div>
  );
});
