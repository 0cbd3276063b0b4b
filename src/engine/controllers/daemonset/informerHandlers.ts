import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, NodeCondition } from 'kubernetes-types/core/v1';
import { semanticDeepEqual } from '../../apiserver/registry/strategyHelpers';
import { nodeShouldRunDaemonPod } from './nodeShouldRunDaemonPod';

// What the DaemonSet controller's node informer handlers decide: nodeInSameCondition and
// shouldIgnoreNodeUpdate of pkg/controller/daemon/daemon_controller.go (v1.32).

/** nodeInSameCondition is true when the same condition types are True on both sides. */
export function nodeInSameCondition(old: readonly NodeCondition[] | undefined, cur: readonly NodeCondition[] | undefined): boolean {
  const trueTypes = (cs: readonly NodeCondition[] | undefined) => new Set((cs ?? []).filter((c) => c.status === 'True').map((c) => c.type));
  const a = trueTypes(old);
  const b = trueTypes(cur);
  return a.size === b.size && [...a].every((t) => b.has(t));
}

/**
 * shouldIgnoreNodeUpdate is true for a node update that changed nothing but its resourceVersion and
 * its conditions' details (heartbeats), with the same conditions True as before.
 */
export function shouldIgnoreNodeUpdate(old: Node, cur: Node): boolean {
  if (!nodeInSameCondition(old.status?.conditions, cur.status?.conditions)) return false;
  const normalized: Node = {
    ...old,
    metadata: { ...old.metadata, resourceVersion: cur.metadata?.resourceVersion },
    status: { ...old.status, conditions: cur.status?.conditions },
  };
  return semanticDeepEqual(normalized, cur);
}

/** placementChanged is true when a node update changed whether the DaemonSet should run or keep a pod there. */
export function placementChanged(old: Node, cur: Node, ds: DaemonSet): boolean {
  const a = nodeShouldRunDaemonPod(old, ds);
  const b = nodeShouldRunDaemonPod(cur, ds);
  return a.shouldRun !== b.shouldRun || a.shouldContinueRunning !== b.shouldContinueRunning;
}
