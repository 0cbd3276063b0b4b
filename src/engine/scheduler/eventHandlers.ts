import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { Informer } from '../client/informer';
import type { SchedulerCache } from './cache/cache';
import { ClusterEvents, nodeUpdateEvent, podSchedulingPropertiesChange } from './framework/events';
import { podKey } from './framework/podInfo';
import type { SchedulingQueue } from './queue/schedulingQueue';

// The informer handlers of pkg/scheduler/eventhandlers.go (v1.32): assigned pods feed the cache,
// unassigned pods of this scheduler feed the queue, nodes feed the cache, and every change that
// may help an unschedulable pod (storage objects included) is passed to the queue as a cluster event.

/** DefaultSchedulerName is the scheduler name pods get when they name none. */
export const DefaultSchedulerName = 'default-scheduler';

function assigned(pod: Pod): boolean {
  return !!pod.spec?.nodeName;
}

/** terminal pods (Succeeded, Failed) are invisible to the scheduler: upstream's informers filter them out. */
function terminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** addAllEventHandlers wires the pod and node informers to the cache and the queue. */
export function addAllEventHandlers(
  cache: SchedulerCache,
  queue: SchedulingQueue,
  pods: Informer<Pod>,
  nodes: Informer<Node>,
  schedulerName = DefaultSchedulerName,
): void {
  const responsible = (pod: Pod) => (pod.spec?.schedulerName || DefaultSchedulerName) === schedulerName;

  const addAssigned = (pod: Pod) => {
    cache.addPod(pod);
    queue.moveAllToActiveOrBackoffQueue(ClusterEvents.AssignedPodAdd, null, pod);
  };
  const deleteAssigned = (pod: Pod) => {
    cache.removePod(pod);
    queue.moveAllToActiveOrBackoffQueue(ClusterEvents.AssignedPodDelete, pod, null);
  };

  pods.addEventHandler({
    onAdd(pod) {
      if (terminal(pod)) return;
      if (assigned(pod)) addAssigned(pod);
      else if (responsible(pod)) queue.add(pod);
    },
    onUpdate(oldPod, newPod) {
      if (oldPod.metadata?.resourceVersion === newPod.metadata?.resourceVersion) return;
      const wasVisible = !terminal(oldPod);
      if (!assigned(newPod)) {
        if (!responsible(newPod) || terminal(newPod)) queue.delete(newPod);
        else if (!cache.isAssumedPod(podKey(newPod))) queue.update(oldPod, newPod);
        return;
      }
      if (terminal(newPod)) {
        if (wasVisible && assigned(oldPod)) deleteAssigned(oldPod);
        else if (wasVisible) queue.delete(oldPod);
        return;
      }
      if (!assigned(oldPod) || !wasVisible) {
        // Bound since the last event: out of the queue, into the cache (confirming an assumed pod).
        queue.delete(oldPod);
        addAssigned(newPod);
        return;
      }
      cache.updatePod(newPod);
      for (const ev of podSchedulingPropertiesChange(newPod, oldPod)) queue.moveAllToActiveOrBackoffQueue(ev, oldPod, newPod);
    },
    onDelete(pod) {
      if (assigned(pod)) {
        if (!terminal(pod)) deleteAssigned(pod);
      } else queue.delete(pod);
    },
  });

  nodes.addEventHandler({
    onAdd(node) {
      cache.addNode(node);
      queue.moveAllToActiveOrBackoffQueue(ClusterEvents.NodeAdd, null, node);
    },
    onUpdate(oldNode, newNode) {
      cache.updateNode(oldNode, newNode);
      const ev = nodeUpdateEvent(oldNode, newNode);
      if (ev) queue.moveAllToActiveOrBackoffQueue(ev, oldNode, newNode);
    },
    onDelete(node) {
      cache.removeNode(node);
      queue.moveAllToActiveOrBackoffQueue(ClusterEvents.NodeDelete, node, null);
    },
  });
}

/** addStorageEventHandlers requeues pods on changes to claims, volumes and storage classes (VolumeBinding's events). */
export function addStorageEventHandlers(
  queue: SchedulingQueue,
  claims: Informer<PersistentVolumeClaim>,
  volumes: Informer<PersistentVolume>,
  classes: Informer<StorageClass>,
): void {
  claims.addEventHandler({
    onAdd: (c) => queue.moveAllToActiveOrBackoffQueue(ClusterEvents.PvcAdd, null, c),
    onUpdate: (o, c) => queue.moveAllToActiveOrBackoffQueue(ClusterEvents.PvcUpdate, o, c),
  });
  volumes.addEventHandler({
    onAdd: (v) => queue.moveAllToActiveOrBackoffQueue(ClusterEvents.PvAdd, null, v),
    onUpdate: (o, v) => queue.moveAllToActiveOrBackoffQueue(ClusterEvents.PvUpdate, o, v),
  });
  classes.addEventHandler({
    onAdd: (sc) => queue.moveAllToActiveOrBackoffQueue(ClusterEvents.StorageClassAdd, null, sc),
    onUpdate: (o, sc) => queue.moveAllToActiveOrBackoffQueue(ClusterEvents.StorageClassUpdate, o, sc),
  });
}
