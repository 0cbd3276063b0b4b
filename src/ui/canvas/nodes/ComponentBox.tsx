import { memo } from 'react';
import type { Pod } from 'kubernetes-types/core/v1';
import { useCanvasStore, type CanvasState } from '../canvasStore';
import { Sizes } from '../layout';
import { selectHandlers, useIsSelected } from '../useCanvasView';
import { podAttributes, podView } from '../viewModel';
import { ContainerChips } from './ContainerChips';

// Which pulse animates which control-plane component: every write passes kube-apiserver into
// etcd; kube-scheduler pulses when it binds a pod.
const pulseOf: Record<string, (s: CanvasState) => { seq: number } | undefined> = {
  'kube-apiserver': (s) => s.activity.write,
  etcd: (s) => s.activity.write,
  'kube-scheduler': (s) => s.activity.bind,
};
const none = () => undefined;

/** ComponentBox draws a static pod (kube-apiserver, etcd…) as the node component it is, from its mirror pod. */
export const ComponentBox = memo(function ComponentBox({ pod, x, y }: { pod: Pod; x: number; y: number }) {
  const v = podView(pod);
  const component = v.component ?? v.name;
  const pulse = useCanvasStore(pulseOf[component] ?? none);
  const selected = useIsSelected({ resource: 'pods', namespace: v.namespace, name: v.name });
  return (
    <div
      {...podAttributes(v)}
      data-component={component}
      className={`component-box phase-${v.phase}${selected ? ' selected' : ''}`}
      style={{ left: x, top: y, width: Sizes.componentWidth, height: Sizes.componentHeight }}
      {...selectHandlers({ resource: 'pods', namespace: v.namespace, name: v.name })}
      aria-pressed={selected}
      title={`static pod ${v.namespace}/${v.name}: ${v.status}`}
    >
      <span className="component-name">{component}</span>
      <span className="pod-status">{v.status}</span>
      <ContainerChips containers={v.containers} />
      {pulse && <span key={pulse.seq} className={`pulse pulse-component pulse-${component}`} aria-hidden="true" />}
    </div>
  );
});
