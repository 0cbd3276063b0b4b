import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod, PodSpec, Taint } from 'kubernetes-types/core/v1';
import { NodeSelectorMatcher } from '../../scheduler/plugins/helper/nodeAffinity';
import { findMatchingUntoleratedTaint } from '../../scheduler/plugins/helper/taints';
import { addOrUpdateDaemonPodTolerations } from './daemonPodTemplate';

// NodeShouldRunDaemonPod, predicates and NewPod of pkg/controller/daemon/daemon_controller.go (v1.32).
// The node affinity and taint helpers are the scheduler's: upstream both use component-helpers.

/** NodePlacement says whether a node should get a daemon pod, and whether one already there may stay. */
export interface NodePlacement {
  /** shouldRun: a daemon pod should run on the node if none is there yet. */
  shouldRun: boolean;
  /** shouldContinueRunning: a daemon pod already on the node may keep running. */
  shouldContinueRunning: boolean;
}

/** newPod is NewPod: the pod the DaemonSet would run on nodeName, default tolerations included. */
export function newPod(ds: DaemonSet, nodeName: string): Pod {
  const t = ds.spec?.template ?? {};
  // A shallow copy will do: adding the tolerations replaces the list, never changes it.
  const spec: PodSpec = { ...(t.spec ?? { containers: [] }), nodeName };
  addOrUpdateDaemonPodTolerations(spec);
  return { metadata: { ...t.metadata, namespace: ds.metadata?.namespace }, spec };
}

const noScheduleOrNoExecute = (t: Taint) => t.effect === 'NoExecute' || t.effect === 'NoSchedule';
const noExecute = (t: Taint) => t.effect === 'NoExecute';

/**
 * nodeShouldRunDaemonPod is NodeShouldRunDaemonPod. A node outside the template's nodeName, node
 * selector or required node affinity gets no pod and keeps none. An untolerated NoSchedule or
 * NoExecute taint keeps a new pod off the node; only an untolerated NoExecute taint removes one.
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): NodePlacement {
  const nodeName = node.metadata?.name ?? '';
  const templateNodeName = ds.spec?.template?.spec?.nodeName;
  if (templateNodeName && templateNodeName !== nodeName) return { shouldRun: false, shouldContinueRunning: false };
  const pod = newPod(ds, nodeName);
  if (!requiredNodeAffinityMatches(pod, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints ?? [];
  if (findMatchingUntoleratedTaint(taints, pod.spec?.tolerations, noScheduleOrNoExecute)) {
    // A scheduled daemon pod keeps running while it tolerates every NoExecute taint.
    return { shouldRun: false, shouldContinueRunning: !findMatchingUntoleratedTaint(taints, pod.spec?.tolerations, noExecute) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** requiredNodeAffinityMatches is nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): nodeSelector AND the required terms. */
function requiredNodeAffinityMatches(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== v) return false;
  }
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return new NodeSelectorMatcher(required.nodeSelectorTerms ?? []).match(labels, node.metadata?.name ?? '');
}
