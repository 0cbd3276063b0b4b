import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { Resources } from '../../apiserver/registry/resources';
import type { ApiClient } from '../../client/apiClient';
import { isPodAvailable, isPodReady } from '../util/podUtil';
import { getTemplateGeneration, isPodUpdated } from './daemonPodTemplate';
import { nodeShouldRunDaemonPod } from './nodeShouldRunDaemonPod';
import { byCreationTimestampAndPhase } from './podsShouldBeOnNode';

// updateDaemonSetStatus and storeDaemonSetStatus of pkg/controller/daemon/daemon_controller.go (v1.32).

/** StatusUpdateRetries is how often a failed status write is retried after a fresh GET. */
const StatusUpdateRetries = 1;

/** DaemonSetCounts are the numbers a DaemonSet's status reports. */
export interface DaemonSetCounts {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
}

/**
 * calculateStatus counts over the nodes: those that should run a pod (desired), those of them that
 * have one (current), whose oldest pod is ready, available or of the current revision, and the
 * nodes holding a pod they should not (misscheduled).
 */
export function calculateStatus(ds: DaemonSet, nodes: readonly Node[], nodeToDaemonPods: Map<string, Pod[]>, hash: string, nowMs: number): DaemonSetCounts {
  const c: DaemonSetCounts = {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
  };
  const generation = getTemplateGeneration(ds);
  const minReadySeconds = ds.spec?.minReadySeconds ?? 0;
  for (const node of nodes) {
    const pods = nodeToDaemonPods.get(node.metadata!.name!) ?? [];
    const scheduled = pods.length > 0;
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) {
      if (scheduled) c.numberMisscheduled++;
      continue;
    }
    c.desiredNumberScheduled++;
    if (!scheduled) continue;
    c.currentNumberScheduled++;
    const pod = [...pods].sort(byCreationTimestampAndPhase)[0];
    if (isPodReady(pod)) {
      c.numberReady++;
      if (isPodAvailable(pod, minReadySeconds, nowMs)) c.numberAvailable++;
    }
    if (isPodUpdated(pod, hash, generation)) c.updatedNumberScheduled++;
  }
  c.numberUnavailable = c.desiredNumberScheduled - c.numberAvailable;
  return c;
}

/**
 * storeDaemonSetStatus writes the counts through daemonsets/status unless they and observedGeneration
 * are current; a failed write is retried once on a fresh GET. observedGeneration moves only when
 * updateObservedGen says the controller acted on this generation.
 */
export async function storeDaemonSetStatus(client: ApiClient, ds: DaemonSet, counts: DaemonSetCounts, updateObservedGen: boolean): Promise<void> {
  const st: Partial<DaemonSetStatus> = ds.status ?? {};
  const generation = ds.metadata?.generation ?? 0;
  const unchanged = (Object.keys(counts) as (keyof DaemonSetCounts)[]).every((k) => (st[k] ?? 0) === counts[k]);
  if (unchanged && (st.observedGeneration ?? 0) >= generation) return;
  let toUpdate = ds;
  for (let i = 0; ; i++) {
    const status: DaemonSetStatus = { ...toUpdate.status!, ...counts };
    if (updateObservedGen) status.observedGeneration = generation;
    try {
      await client.updateStatus<DaemonSet>(Resources.daemonsets, { ...toUpdate, status: omitEmpty(status) });
      return;
    } catch (e) {
      if (i >= StatusUpdateRetries) throw new Error(`error storing status for daemon set ${ds.metadata?.namespace}/${ds.metadata?.name}: ${(e as Error).message}`);
    }
    toUpdate = await client.get<DaemonSet>(Resources.daemonsets, ds.metadata?.namespace, ds.metadata!.name!);
  }
}

/** omitEmpty drops the zero fields Go's omitempty leaves off the wire; the four required counts stay. */
function omitEmpty(s: DaemonSetStatus): DaemonSetStatus {
  const out: DaemonSetStatus = {
    currentNumberScheduled: s.currentNumberScheduled,
    numberMisscheduled: s.numberMisscheduled,
    desiredNumberScheduled: s.desiredNumberScheduled,
    numberReady: s.numberReady,
  };
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.updatedNumberScheduled) out.updatedNumberScheduled = s.updatedNumberScheduled;
  if (s.numberAvailable) out.numberAvailable = s.numberAvailable;
  if (s.numberUnavailable) out.numberUnavailable = s.numberUnavailable;
  if (s.collisionCount !== undefined && s.collisionCount !== null) out.collisionCount = s.collisionCount;
  if (s.conditions?.length) out.conditions = s.conditions;
  return out;
}
