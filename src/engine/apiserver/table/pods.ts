import type { Container, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { ageColumn, column, nameColumn, wideColumn } from './columns';
import { docs } from './descriptions';
import { parseTime, translateTimeSince, translateTimestampSince, zeroTime } from './duration';
import { none } from './format';
import type { Cell, Printer, TableRowCondition } from './types';

// The pod printer of pkg/printers/internalversion/printers.go (v1.32): READY counts ready containers
// (restartable init containers, i.e. sidecars, included), STATUS is the kubectl "reason" logic.

/** NodeUnreachablePodReason is the status.reason the node lifecycle controller sets (pkg/util/node). */
export const NodeUnreachablePodReason = 'NodeLost';

const podSuccessConditions: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const podFailedConditions: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

/** podColumns are the pod printer's columns. */
export const podColumns = [
  nameColumn,
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  ageColumn,
  wideColumn('IP', 'string', docs.podIP),
  wideColumn('Node', 'string', docs.podNodeName),
  wideColumn('Nominated Node', 'string', docs.podNominatedNodeName),
  wideColumn('Readiness Gates', 'string', docs.podReadinessGates),
];

function isRestartableInitContainer(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function conditionIsTrue(conditions: readonly PodCondition[] | undefined, type: string): boolean {
  for (const c of conditions ?? []) if (c.type === type) return c.status === 'True';
  return false;
}

function hasPodReadyCondition(conditions: readonly PodCondition[] | undefined): boolean {
  for (const c of conditions ?? []) if (c.type === 'Ready' && c.status === 'True') return true;
  return false;
}

/** printPod renders a pod's cells: NAME READY STATUS RESTARTS AGE IP NODE NOMINATED-NODE READINESS-GATES. */
export function printPod(pod: Pod, now: number): Cell[] {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const initSpecs = spec?.initContainers ?? [];
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = spec?.containers.length ?? 0;
  let readyContainers = 0;
  let lastRestart = zeroTime;
  let lastRestartableInitRestart = zeroTime;

  const phase = status.phase ?? '';
  let reason = status.reason || phase;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  for (const c of initSpecs) if (isRestartableInitContainer(c)) totalContainers++;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount;
    const finished = parseTime(cs.lastState?.terminated?.finishedAt);
    if (finished > lastRestart) lastRestart = finished;
    // A linear search: pods have few init containers, and no map is built per pod in a 100k list.
    const restartable = isRestartableInitContainer(initSpecs.find((c) => c.name === cs.name));
    if (restartable) {
      restartableInitRestarts += cs.restartCount;
      if (finished > lastRestartableInitRestart) lastRestartableInitRestart = finished;
    }
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      // initialization failed
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionIsTrue(status.conditions, 'Initialized')) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount;
      const finished = parseTime(cs.lastState?.terminated?.finishedAt);
      if (finished > lastRestart) lastRestart = finished;
      const terminated = cs.state?.terminated;
      if (cs.state?.waiting?.reason) {
        reason = cs.state.waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose last container completed while another still runs is shown as running.
    if (reason === 'Completed' && hasRunning) {
      reason = hasPodReadyCondition(status.conditions) ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === NodeUnreachablePodReason) {
    reason = 'Unknown';
  } else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsCell = String(restarts);
  if (restarts !== 0 && lastRestart !== zeroTime) {
    restartsCell = `${restarts} (${translateTimeSince(lastRestart, now)} ago)`;
  }

  // The internal Pod only has podIPs; conversion from v1 puts podIP first when set.
  const podIP = status.podIP || status.podIPs?.[0]?.ip || none;
  let readinessGates = none;
  const gates = spec?.readinessGates ?? [];
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      for (const c of status.conditions ?? []) {
        if (c.type === gate.conditionType) {
          if (c.status === 'True') trueConditions++;
          break;
        }
      }
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }

  return [
    pod.metadata?.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsCell,
    translateTimestampSince(pod.metadata?.creationTimestamp, now),
    podIP,
    spec?.nodeName || none,
    status.nominatedNodeName || none,
    readinessGates,
  ];
}

/** podPrinter prints core/v1 Pods. */
export const podPrinter: Printer<Pod> = {
  columns: podColumns,
  cells: printPod,
  conditions(pod) {
    if (pod.status?.phase === 'Succeeded') return podSuccessConditions;
    if (pod.status?.phase === 'Failed') return podFailedConditions;
    return undefined;
  },
};
