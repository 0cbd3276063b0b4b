import { memo } from 'react';
import type { Pod } from 'kubernetes-types/core/v1';
import { Sizes } from '../layout';
import { selectHandlers, useIsSelected } from '../useCanvasView';
import { podAttributes, podView, shortName } from '../viewModel';
import { ContainerChips } from './ContainerChips';
import { PodPulse } from './PodPulse';

/** PodNameChars is how many characters of a pod's name fit on a chip. */
const PodNameChars = 18;

/** PodChip draws one pod inside its node: phase colour, containers, readiness and restarts. */
export const PodChip = memo(function PodChip({ pod, x, y }: { pod: Pod; x: number; y: number }) {
  const v = podView(pod);
  const selected = useIsSelected({ resource: 'pods', namespace: v.namespace, name: v.name });
  return (
    <div
      {...podAttributes(v)}
      className={`pod-chip phase-${v.phase}${v.status === 'Terminating' ? ' terminating' : ''}${selected ? ' selected' : ''}`}
      style={{ left: x, top: y, width: Sizes.podWidth, height: Sizes.podHeight }}
      {...selectHandlers({ resource: 'pods', namespace: v.namespace, name: v.name })}
      aria-pressed={selected}
      title={`pod ${v.namespace}/${v.name}: ${v.status}`}
    >
      <span className="pod-name">{shortName(v.name, PodNameChars)}</span>
      <span className="pod-status">{v.status}</span>
      <span className="pod-foot">
        <ContainerChips containers={v.containers} />
        <span className="pod-ready" title="ready containers">{v.ready}</span>
        {v.restarts > 0 && <span className="pod-restarts" title="restarts">↻{v.restarts}</span>}
      </span>
      <PodPulse podKey={v.key} />
    </div>
  );
});
