import { memo, useMemo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { Pod } from 'kubernetes-types/core/v1';
import { selectPlacement, useCanvasStore } from '../canvasStore';
import type { ShapeNode } from '../flowElements';
import { laneOffset, lanePods, Sizes } from '../layout';
import { Unscheduled } from '../podPlacement';
import { selectHandlers, useDetail, useIsSelected } from '../useCanvasView';
import { podAttributes, podView, schedulingMessage } from '../viewModel';
import { CornerHandle } from './CornerHandle';
import { PodPulse } from './PodPulse';

const selectUnscheduled = selectPlacement(Unscheduled);

const LaneChip = memo(function LaneChip({ pod, x, y }: { pod: Pod; x: number; y: number }) {
  const v = podView(pod);
  const selected = useIsSelected({ resource: 'pods', namespace: v.namespace, name: v.name });
  const reason = schedulingMessage(pod);
  return (
    <div
      {...podAttributes(v)}
      className={`lane-chip phase-${v.phase}${selected ? ' selected' : ''}`}
      style={{ left: x, top: y, width: Sizes.laneChipWidth, height: Sizes.laneChipHeight }}
      {...selectHandlers({ resource: 'pods', namespace: v.namespace, name: v.name })}
      aria-pressed={selected}
      title={reason}
    >
      <span className="pod-name">
        {v.namespace}/{v.name}
      </span>
      <span className="lane-reason">{reason}</span>
      <PodPulse podKey={v.key} />
    </div>
  );
});

/** LaneReasons is the lane from far away: how many pods wait for each reason. */
function LaneReasons({ pods }: { pods: readonly Pod[] }) {
  const reasons = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of pods) {
      const r = schedulingMessage(p);
      counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3);
  }, [pods]);
  return (
    <ul className="lane-reasons">
      {reasons.map(([reason, n]) => (
        <li key={reason}>
          <b>{n}</b> {reason}
        </li>
      ))}
    </ul>
  );
}

/**
 * UnscheduledLane holds the pods no node has been found for, each with the scheduler's reason.
 * It draws at most Sizes.laneChipCap chips, and zoomed out only the reasons, counted.
 */
export const UnscheduledLane = memo(function UnscheduledLane({ width }: NodeProps<ShapeNode>) {
  const { pods } = useCanvasStore(selectUnscheduled);
  const detail = useDetail();
  const w = width ?? Sizes.nodeWidth;
  const shown = lanePods(pods.length);
  return (
    <div className={`unscheduled-lane detail-${detail}`} data-lane="Unscheduled" aria-label="Unscheduled pods">
      <CornerHandle />
      <div className="lane-title">
        Unscheduled <span className="lane-count">{pods.length}</span>
        {pods.length === 0 && <span className="lane-empty"> every pod has a node</span>}
      </div>
      {detail === 'pods' ? (
        pods.slice(0, shown).map((p, i) => {
          const o = laneOffset(w, i);
          return <LaneChip key={p.metadata?.uid ?? p.metadata?.name} pod={p} x={o.x} y={o.y} />;
        })
      ) : (
        <LaneReasons pods={pods} />
      )}
      {detail === 'pods' && pods.length > shown && (
        <div className="lane-more" style={{ left: Sizes.pad, top: laneOffset(w, shown).y + Sizes.podGap }}>
          and {pods.length - shown} more pods waiting
        </div>
      )}
    </div>
  );
});
