import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, Position, type EdgeProps } from '@xyflow/react';
import type { PodEdge as PodEdgeType } from '../flowElements';

/**
 * PodEdge ends inside its target shape: at the target's corner handle plus the offset the layout
 * gives the pod chip (or ReplicaSet) it points at. Aggregated edges carry a pod count.
 */
export const PodEdge = memo(function PodEdge({ id, sourceX, sourceY, targetX, targetY, data }: EdgeProps<PodEdgeType>) {
  const tx = targetX + (data?.offset.x ?? 0);
  const ty = targetY + (data?.offset.y ?? 0);
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition: Position.Right,
    targetX: tx,
    targetY: ty,
    targetPosition: data?.count ? Position.Top : Position.Left,
  });
  return (
    <>
      <BaseEdge id={id} path={path} className={`pod-edge edge-${data?.kind ?? 'ready'}`} />
      {data?.count && data.count > 1 && (
        <EdgeLabelRenderer>
          <span className="edge-count" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {data.count}
          </span>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
