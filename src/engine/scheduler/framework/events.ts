import type { Node, NodeCondition, Pod } from 'kubernetes-types/core/v1';

// Cluster events that requeue unschedulable pods, after pkg/scheduler/framework/events.go and
// types.go (v1.32): an ActionType bit set per resource, and per plugin a QueueingHint deciding
// whether one event can make a pod that plugin rejected schedulable.

/** ActionType is framework.ActionType, a bit set. */
export const ActionType = {
  Add: 1 << 0,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  UpdatePodScaleDown: 1 << 8,
  UpdatePodTolerations: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  UpdatePodOther: 1 << 11,
  All: (1 << 12) - 1,
  Update: ((1 << 12) - 1) & ~3,
} as const;

/** EventResource names what changed: assigned pods, the unscheduled pod itself, nodes, storage objects, or anything. */
export const EventResource = {
  Pod: 'Pod',
  AssignedPod: 'AssignedPod',
  Node: 'Node',
  PersistentVolume: 'PersistentVolume',
  PersistentVolumeClaim: 'PersistentVolumeClaim',
  StorageClass: 'StorageClass',
  WildCard: '*',
} as const;
export type EventResource = (typeof EventResource)[keyof typeof EventResource];

/** ClusterEvent is framework.ClusterEvent; label is what upstream logs and counts ("NodeAdd"). */
export interface ClusterEvent {
  resource: EventResource;
  actionType: number;
  label: string;
}

/** QueueingHintFn says whether an event may make pod schedulable (true = Queue, false = QueueSkip). */
export type QueueingHintFn = (pod: Pod, oldObj: unknown, newObj: unknown) => boolean;

/** ClusterEventWithHint is what EnqueueExtensions register; no hint means always Queue. */
export interface ClusterEventWithHint {
  event: ClusterEvent;
  hint?: QueueingHintFn;
}

/** Events the scheduler raises itself, with upstream's labels. */
export const ClusterEvents = {
  NodeAdd: { resource: EventResource.Node, actionType: ActionType.Add, label: 'NodeAdd' },
  NodeDelete: { resource: EventResource.Node, actionType: ActionType.Delete, label: 'NodeDelete' },
  AssignedPodAdd: { resource: EventResource.AssignedPod, actionType: ActionType.Add, label: 'AssignedPodAdd' },
  AssignedPodUpdate: { resource: EventResource.AssignedPod, actionType: ActionType.Update, label: 'AssignedPodUpdate' },
  AssignedPodDelete: { resource: EventResource.AssignedPod, actionType: ActionType.Delete, label: 'AssignedPodDelete' },
  PvAdd: { resource: EventResource.PersistentVolume, actionType: ActionType.Add, label: 'PvAdd' },
  PvUpdate: { resource: EventResource.PersistentVolume, actionType: ActionType.Update, label: 'PvUpdate' },
  PvcAdd: { resource: EventResource.PersistentVolumeClaim, actionType: ActionType.Add, label: 'PvcAdd' },
  PvcUpdate: { resource: EventResource.PersistentVolumeClaim, actionType: ActionType.Update, label: 'PvcUpdate' },
  StorageClassAdd: { resource: EventResource.StorageClass, actionType: ActionType.Add, label: 'StorageClassAdd' },
  StorageClassUpdate: { resource: EventResource.StorageClass, actionType: ActionType.Update, label: 'StorageClassUpdate' },
  UnschedulableTimeout: { resource: EventResource.WildCard, actionType: ActionType.All, label: 'UnschedulableTimeout' },
  ForceActivate: { resource: EventResource.WildCard, actionType: ActionType.All, label: 'ForceActivate' },
} as const satisfies Record<string, ClusterEvent>;

/** eventMatches is ClusterEvent.Match: same resource (or a wildcard) and a shared action bit. */
export function eventMatches(registered: ClusterEvent, ev: ClusterEvent): boolean {
  if (ev.resource === EventResource.WildCard) return true;
  if (registered.resource !== EventResource.WildCard && registered.resource !== ev.resource) return false;
  return (registered.actionType & ev.actionType) !== 0;
}

/** nodeUpdateEvent is NodeSchedulingPropertiesChange folded into one event; null if nothing relevant changed. */
export function nodeUpdateEvent(oldNode: Node, newNode: Node): ClusterEvent | null {
  let action = 0;
  if (!!oldNode.spec?.unschedulable !== !!newNode.spec?.unschedulable) action |= ActionType.UpdateNodeTaint;
  if (!shallowMapEqual(oldNode.status?.allocatable, newNode.status?.allocatable)) action |= ActionType.UpdateNodeAllocatable;
  if (!shallowMapEqual(oldNode.metadata?.labels, newNode.metadata?.labels)) action |= ActionType.UpdateNodeLabel;
  if (JSON.stringify(oldNode.spec?.taints ?? []) !== JSON.stringify(newNode.spec?.taints ?? [])) action |= ActionType.UpdateNodeTaint;
  if (conditionsKey(oldNode.status?.conditions) !== conditionsKey(newNode.status?.conditions)) action |= ActionType.UpdateNodeCondition;
  if (!shallowMapEqual(oldNode.metadata?.annotations, newNode.metadata?.annotations)) action |= ActionType.UpdateNodeAnnotation;
  if (action === 0) return null;
  return { resource: EventResource.Node, actionType: action, label: 'NodeUpdate' };
}

function conditionsKey(cs: NodeCondition[] | undefined): string {
  // Heartbeat times change every few seconds and mean nothing to scheduling.
  return (cs ?? []).map((c) => `${c.type}=${c.status}`).join(',');
}

/** shallowMapEqual compares two string maps (labels, annotations, resource lists). */
export function shallowMapEqual(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  if (a === b) return true;
  const ka = a ? Object.keys(a) : [];
  const kb = b ? Object.keys(b) : [];
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a![k] !== b?.[k]) return false;
  return true;
}

/**
 * podSchedulingPropertiesChange is framework.PodSchedulingPropertiesChange: the events one pod
 * update amounts to. Resource scale-down is not detected: in-place resize is off in v1.32.
 */
export function podSchedulingPropertiesChange(newPod: Pod, oldPod: Pod): ClusterEvent[] {
  const resource = newPod.spec?.nodeName ? EventResource.AssignedPod : EventResource.Pod;
  const label = resource === EventResource.AssignedPod ? 'AssignedPodUpdate' : 'UnscheduledPodUpdate';
  const events: ClusterEvent[] = [];
  const add = (actionType: number) => events.push({ resource, actionType, label });
  if (!shallowMapEqual(oldPod.metadata?.labels, newPod.metadata?.labels)) add(ActionType.UpdatePodLabel);
  if ((oldPod.spec?.schedulingGates?.length ?? 0) > 0 && (newPod.spec?.schedulingGates?.length ?? 0) === 0) {
    add(ActionType.UpdatePodSchedulingGatesEliminated);
  }
  if (JSON.stringify(oldPod.spec?.tolerations ?? []) !== JSON.stringify(newPod.spec?.tolerations ?? [])) add(ActionType.UpdatePodTolerations);
  if (events.length === 0) add(ActionType.UpdatePodOther);
  return events;
}
