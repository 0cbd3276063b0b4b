import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { TypedObject } from '../api/object';
import { Resources } from '../apiserver/registry/resources';
import type { ApiClient } from '../client/apiClient';
import { EventType } from '../client/eventRecorder';
import type { EventsV1Recorder } from '../client/eventsV1Recorder';
import type { Lister } from '../client/lister';
import { formatTime } from '../sim/clock';
import type { Sim } from '../sim/sim';
import type { SchedulerCache } from './cache/cache';
import { CycleState } from './framework/cycleState';
import { ClusterEvents } from './framework/events';
import { FitError } from './framework/fitError';
import type { PostFilterResult } from './framework/interface';
import { newPodInfo } from './framework/podInfo';
import type { Framework } from './framework/runtime';
import { errorStatus, type ScheduleAlgorithm } from './framework/schedulePod';
import { asStatus, Code, Status } from './framework/status';
import type { QueuedPodInfo, SchedulingQueue } from './queue/schedulingQueue';

// One pod's way through the scheduler, after pkg/scheduler/schedule_one.go (v1.32): a synchronous
// scheduling cycle that ends by assuming the pod on its node, then an asynchronous binding cycle.

/** Event reasons of kube-scheduler. */
export const Scheduled = 'Scheduled';
export const FailedScheduling = 'FailedScheduling';
export const Preempted = 'Preempted';

/** PodReasonUnschedulable and PodReasonSchedulerError are the PodScheduled=False reasons. */
export const PodReasonUnschedulable = 'Unschedulable';
export const PodReasonSchedulerError = 'SchedulerError';

/** NoteLengthLimit is validation.NoteLengthLimit: event messages are cut to it. */
const NoteLengthLimit = 1024;

/** SchedulerCore is what a scheduling cycle needs from the Scheduler. */
export interface SchedulerCore {
  readonly client: ApiClient;
  readonly sim: Sim;
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  readonly fwk: Framework;
  readonly algorithm: ScheduleAlgorithm;
  readonly recorder: EventsV1Recorder;
  readonly podLister: Lister<Pod>;
}

/** The actions kube-scheduler's events.k8s.io Events name. */
const ActionScheduling = 'Scheduling';
const ActionBinding = 'Binding';
const ActionPreempting = 'Preempting';

/** truncateMessage cuts a message to the event note limit, ending it with " ...". */
export function truncateMessage(message: string): string {
  if (message.length <= NoteLengthLimit) return message;
  return message.slice(0, NoteLengthLimit - 4) + ' ...';
}

/** podRef is what an event needs of a pod: list items come without kind, involvedObject needs it. */
function podRef(pod: Pod): TypedObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata };
}

/** scheduleOne runs the scheduling cycle of one popped pod and starts its binding cycle. */
export function scheduleOne(core: SchedulerCore, q: QueuedPodInfo): void {
  const pi = q.podInfo;
  const pod = pi.pod;
  const m = pod.metadata!;
  if (m.deletionTimestamp) {
    core.recorder.eventf(podRef(pod), undefined, EventType.Warning, FailedScheduling, ActionScheduling, `skip schedule deleting pod: ${m.namespace}/${m.name}`);
    return;
  }
  if (core.cache.isAssumedPod(pi.key)) return;
  const state = new CycleState(pi, core.cache);
  let result;
  try {
    result = core.algorithm.schedulePod(state, pod);
  } catch (e) {
    result = errorStatus(e);
  }
  if (result instanceof FitError) {
    // Nobody fits: try preemption, which may nominate a node for a later cycle.
    let nominating: PostFilterResult | null = { nominatedNodeName: '' };
    if (core.fwk.postFilterPlugins.length > 0) {
      const pf = core.fwk.runPostFilterPlugins(state, pod, result.diagnosis.nodeToStatus);
      result.diagnosis.postFilterMsg = pf.status.message();
      nominating = pf.result;
      if (pf.result?.victims?.length) prepareCandidate(core, pod, pf.result);
    }
    handleSchedulingFailure(core, q, new Status(Code.Unschedulable, result.error()), result, nominating);
    return;
  }
  if (result instanceof Status) {
    handleSchedulingFailure(core, q, result, undefined, { nominatedNodeName: '' });
    return;
  }
  // Assume: the pod counts on its node from now on, so the next cycle sees it without waiting.
  const node = result.suggestedHost;
  const assumed = { ...pi, pod: { ...pod, spec: { ...pod.spec!, nodeName: node } } };
  try {
    core.cache.assumePod(assumed, node);
  } catch (e) {
    handleSchedulingFailure(core, q, asStatus(e), undefined, { nominatedNodeName: '' });
    return;
  }
  // Reserve: plugins hold what the pod needs on this node (VolumeBinding assumes its volumes).
  const reserved = core.fwk.runReservePluginsReserve(state, assumed.pod, node);
  if (reserved) {
    core.fwk.runReservePluginsUnreserve(state, assumed.pod, node);
    core.cache.forgetPod(pi.key);
    handleSchedulingFailure(core, q, reserved, undefined, { nominatedNodeName: '' });
    return;
  }
  core.queue.nominator.deleteNominatedPodIfExists(pi.key);
  void bindingCycle(core, q, state, assumed.pod, node);
}

/**
 * bindingCycle runs PreBind (which may wait, e.g. for volumes to be bound) and POSTs the Binding;
 * on failure it undoes Reserve, forgets the assumed pod and requeues it.
 */
async function bindingCycle(core: SchedulerCore, q: QueuedPodInfo, state: CycleState, assumed: Pod, node: string): Promise<void> {
  const { name, namespace } = assumed.metadata!;
  const key = q.podInfo.key;
  let failure = core.fwk.preBindPlugins.length > 0 ? await core.fwk.runPreBindPlugins(state, assumed, node, core) : null;
  if (!failure) {
    try {
      await core.client.createSubresource(Resources.pods, namespace, name!, 'binding', {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name, namespace },
        target: { apiVersion: 'v1', kind: 'Node', name: node },
      });
    } catch (err) {
      failure = asStatus(err);
    }
  }
  if (failure) {
    core.fwk.runReservePluginsUnreserve(state, assumed, node);
    core.cache.forgetPod(key);
    // Forgetting frees what the pod held on the node, like a deleted pod would.
    core.queue.moveAllToActiveOrBackoffQueue(ClusterEvents.AssignedPodDelete, assumed, null);
    handleSchedulingFailure(core, q, failure, undefined, { nominatedNodeName: '' });
    return;
  }
  core.cache.finishBinding(key);
  core.recorder.eventf(podRef(assumed), undefined, EventType.Normal, Scheduled, ActionBinding, `Successfully assigned ${namespace}/${name} to ${node}`);
}

/**
 * handleSchedulingFailure requeues the pod (unless it is gone or bound meanwhile), records the
 * FailedScheduling event and sets PodScheduled=False with the same message.
 */
export function handleSchedulingFailure(
  core: SchedulerCore,
  q: QueuedPodInfo,
  status: Status,
  fitError: FitError | undefined,
  nominating: PostFilterResult | null,
): void {
  const reason = status.isRejected() ? PodReasonUnschedulable : PodReasonSchedulerError;
  const pod = q.podInfo.pod;
  const errMsg = status.message();
  if (fitError) {
    q.unschedulablePlugins = fitError.diagnosis.unschedulablePlugins;
    q.pendingPlugins = fitError.diagnosis.pendingPlugins;
  }
  const cached = core.podLister.get(pod.metadata?.namespace, pod.metadata?.name ?? '');
  let current = pod;
  if (cached && !cached.spec?.nodeName) {
    q.podInfo = newPodInfo(cached);
    current = cached;
    core.queue.addUnschedulableIfNotPresent(q);
    // No PostFilter result keeps the pod's nomination as it is; a result overrides it ('' clears).
    if (nominating === null) core.queue.nominator.addNominatedPod(q.podInfo);
    else core.queue.nominator.addNominatedPod(q.podInfo, nominating.nominatedNodeName);
  }
  core.recorder.eventf(podRef(current), undefined, EventType.Warning, FailedScheduling, ActionScheduling, truncateMessage(errMsg));
  // Upstream would also mark an already bound pod PodScheduled=False; a bound pod keeps its condition here.
  if (!cached || cached.spec?.nodeName) return;
  void updatePodCondition(core, current, { type: 'PodScheduled', status: 'False', reason, message: errMsg }, nominating).catch(() => undefined);
}

/**
 * updatePodCondition is schedule_one.go's updatePod: a strategic merge patch of pods/status with
 * the condition and the nomination, sent only when something changed.
 */
async function updatePodCondition(core: SchedulerCore, pod: Pod, condition: PodCondition, nominating: PostFilterResult | null): Promise<void> {
  const old = pod.status?.conditions?.find((c) => c.type === condition.type);
  const conditionChanged = !old || old.status !== condition.status || old.reason !== condition.reason || old.message !== condition.message;
  const nnn = nominating?.nominatedNodeName;
  const nnnChanged = nnn !== undefined && (pod.status?.nominatedNodeName ?? '') !== nnn;
  if (!conditionChanged && !nnnChanged) return;
  const status: Record<string, unknown> = {};
  if (conditionChanged) {
    const lastTransitionTime = old && old.status === condition.status ? old.lastTransitionTime : formatTime(core.sim.clock.now());
    status.conditions = [{ ...condition, lastProbeTime: null, lastTransitionTime }];
  }
  if (nnnChanged) status.nominatedNodeName = nnn === '' ? null : nnn;
  const { namespace, name } = pod.metadata!;
  await core.client.patch(Resources.pods, namespace, name!, 'strategic', { status }, { subresource: 'status' });
}

/**
 * prepareCandidate evicts the victims preemption chose (marking each DisruptionTarget first, as
 * PreemptPod does) and clears the nominations of lower-priority pods on that node.
 */
function prepareCandidate(core: SchedulerCore, preemptor: Pod, r: PostFilterResult): void {
  const schedulerName = preemptor.spec?.schedulerName ?? 'default-scheduler';
  for (const victim of r.victims ?? []) {
    const { namespace, name } = victim.metadata!;
    const condition = {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'PreemptionByScheduler',
      message: `${schedulerName}: preempting to accommodate a higher priority pod`,
      lastTransitionTime: formatTime(core.sim.clock.now()),
    };
    void (async () => {
      try {
        await core.client.patch(Resources.pods, namespace, name!, 'strategic', { status: { conditions: [condition] } }, { subresource: 'status' });
        await core.client.delete(Resources.pods, namespace, name!);
      } catch {
        // The victim may be gone already; the next cycle re-evaluates.
        return;
      }
      core.recorder.eventf(podRef(victim), podRef(preemptor), EventType.Normal, Preempted, ActionPreempting, `Preempted by pod ${preemptor.metadata?.uid} on node ${r.nominatedNodeName}`);
    })();
  }
  for (const p of r.clearNominations ?? []) {
    core.queue.nominator.deleteNominatedPodIfExists(`${p.metadata?.namespace}/${p.metadata?.name}`);
    void core.client
      .patch(Resources.pods, p.metadata?.namespace, p.metadata?.name ?? '', 'strategic', { status: { nominatedNodeName: null } }, { subresource: 'status' })
      .catch(() => undefined);
  }
}
