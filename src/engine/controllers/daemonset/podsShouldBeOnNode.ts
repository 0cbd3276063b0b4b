import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { parseTime } from '../../sim/clock';
import { isPodAvailable, isPodReady } from '../util/podUtil';
import { ControllerRevisionHashLabel } from './daemonPodTemplate';
import { nodeShouldRunDaemonPod } from './nodeShouldRunDaemonPod';
import { allowsSurge } from './rollingUpdate';

// podsShouldBeOnNode, podByCreationTimestampAndPhase and getUnscheduledPodsWithoutNode of
// pkg/controller/daemon/daemon_controller.go (v1.32): the manage loop's per-node decision.

/** FailedDaemonPodReason is the event reason when a daemon pod failed and is deleted. */
export const FailedDaemonPodReason = 'FailedDaemonPod';
/** SucceededDaemonPodReason is the event reason when a daemon pod succeeded and is deleted. */
export const SucceededDaemonPodReason = 'SucceededDaemonPod';

/** failedDaemonPodMessage is the FailedDaemonPod event message. */
export function failedDaemonPodMessage(pod: Pod, nodeName: string): string {
  return `Found failed daemon pod ${pod.metadata?.namespace}/${pod.metadata?.name} on node ${nodeName}, will try to kill it`;
}

/** succeededDaemonPodMessage is the SucceededDaemonPod event message. */
export function succeededDaemonPodMessage(pod: Pod, nodeName: string): string {
  return `Found succeeded daemon pod ${pod.metadata?.namespace}/${pod.metadata?.name} on node ${nodeName}, will try to delete it`;
}

/** byCreationTimestampAndPhase is podByCreationTimestampAndPhase: scheduled pods first, then oldest, then by name. */
export function byCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const as = !!a.spec?.nodeName;
  const bs = !!b.spec?.nodeName;
  if (as !== bs) return as ? -1 : 1;
  const ta = parseTime(a.metadata?.creationTimestamp);
  const tb = parseTime(b.metadata?.creationTimestamp);
  if (ta !== tb && !Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** NodeDecisionContext is what podsShouldBeOnNode needs of its controller for failed pods. */
export interface NodeDecisionContext {
  nowMs: number;
  /** failedPodAllowed is the failed-pods back-off: false while deleting on this node is held back. */
  failedPodAllowed(nodeName: string): boolean;
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/** NodeDecision is what the manage loop does on one node. */
export interface NodeDecision {
  /** needsPod: create a daemon pod on the node. */
  needsPod: boolean;
  podsToDelete: string[];
}

/**
 * podsShouldBeOnNode is podsShouldBeOnNode: a node that should run a pod and has none gets one; a node
 * that may keep its pods loses its failed and succeeded ones and all but the oldest running one (with
 * surge: the oldest old and oldest new, until the new one is available); any other node loses them all.
 */
export function podsShouldBeOnNode(node: Node, daemonPods: Pod[] | undefined, ds: DaemonSet, hash: string, ctx: NodeDecisionContext): NodeDecision {
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  const nodeName = node.metadata!.name!;
  const podsToDelete: string[] = [];
  if (shouldRun && !daemonPods) return { needsPod: true, podsToDelete };
  if (!shouldContinueRunning) {
    for (const pod of daemonPods ?? []) if (!pod.metadata?.deletionTimestamp) podsToDelete.push(pod.metadata!.name!);
    return { needsPod: false, podsToDelete };
  }
  const running: Pod[] = [];
  for (const pod of daemonPods ?? []) {
    if (pod.metadata?.deletionTimestamp) continue;
    const phase = pod.status?.phase;
    if (phase === 'Failed') {
      // The kubelet may keep rejecting the pod: back off instead of fighting it in a hot loop.
      if (!ctx.failedPodAllowed(nodeName)) continue;
      ctx.event('Warning', FailedDaemonPodReason, failedDaemonPodMessage(pod, nodeName));
      podsToDelete.push(pod.metadata!.name!);
    } else if (phase === 'Succeeded') {
      ctx.event('Normal', SucceededDaemonPodReason, succeededDaemonPodMessage(pod, nodeName));
      podsToDelete.push(pod.metadata!.name!);
    } else {
      running.push(pod);
    }
  }
  running.sort(byCreationTimestampAndPhase);
  if (!allowsSurge(ds)) {
    for (const pod of running.slice(1)) podsToDelete.push(pod.metadata!.name!);
    return { needsPod: false, podsToDelete };
  }
  if (running.length <= 1) return { needsPod: running.length === 0 && shouldRun, podsToDelete };
  // With surge a node holds the oldest new pod and, until that one is available, the oldest old one.
  let oldestNewPod: Pod | undefined;
  let oldestOldPod: Pod | undefined;
  for (const pod of running) {
    if (pod.metadata?.labels?.[ControllerRevisionHashLabel] === hash) {
      if (!oldestNewPod) {
        oldestNewPod = pod;
        continue;
      }
    } else if (!oldestOldPod) {
      oldestOldPod = pod;
      continue;
    }
    podsToDelete.push(pod.metadata!.name!);
  }
  if (oldestNewPod && oldestOldPod) {
    if (!isPodReady(oldestOldPod) || isPodAvailable(oldestNewPod, ds.spec?.minReadySeconds ?? 0, ctx.nowMs)) {
      podsToDelete.push(oldestOldPod.metadata!.name!);
    }
  }
  return { needsPod: false, podsToDelete };
}

/**
 * getUnscheduledPodsWithoutNode is getUnscheduledPodsWithoutNode: pending pods meant for nodes that
 * no longer exist. The scheduler can never place them and pod GC does not collect unbound pods.
 */
export function getUnscheduledPodsWithoutNode(nodes: readonly Node[], nodeToDaemonPods: Map<string, Pod[]>): string[] {
  const known = new Set(nodes.map((n) => n.metadata?.name));
  const out: string[] = [];
  for (const [nodeName, pods] of nodeToDaemonPods) {
    if (known.has(nodeName)) continue;
    for (const pod of pods) if (!pod.spec?.nodeName) out.push(pod.metadata!.name!);
  }
  return out;
}
