import type { Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../../engine/apiserver/errors';
import { Resources } from '../../engine/apiserver/registry/resources';
import { formatGoDuration } from '../../engine/api/goDuration';
import type { ApiClient } from '../../engine/client/apiClient';
import { cordon } from './nodeActions';
import { statusMessage } from './statusMessage';

// kubectl drain as `kubectl drain NODE --ignore-daemonsets --delete-emptydir-data --timeout=5m
// [--force]`: cordon, sort the node's pods through kubectl's filters, then evict the rest through
// the eviction subresource, all at once, retrying every 5 s an eviction a PodDisruptionBudget
// refuses (429) until the timeout, then wait for each evicted pod to be gone (checked every second)
// before printing it evicted. Messages from staging/src/k8s.io/kubectl/pkg/drain/filters.go and
// drain.go (v1.32).

const daemonSetWarning = 'ignoring DaemonSet-managed Pods';
const localStorageWarning = 'deleting Pods with local storage';
const unmanagedFatal = 'Pods that declare no controller (use --force to override)';
const unmanagedWarning = 'deleting Pods that declare no controller';
const mirrorPodAnnotation = 'kubernetes.io/config.mirror';

/** PodDeleteStatus is a filter's verdict on one pod (drain.PodDeleteStatus). */
export interface PodDeleteStatus {
  delete: boolean;
  warning?: string;
  error?: string;
}

/** DrainOptions are the flags that change the verdicts; --ignore-daemonsets and --delete-emptydir-data are always on. */
export interface DrainOptions {
  force?: boolean;
  /** timeoutMs is --timeout: how long refused evictions are retried (kubectl's default is forever). */
  timeoutMs?: number;
  /** sleep waits between retries and between checks that an evicted pod is gone, in wall time as kubectl does. */
  sleep?: (ms: number) => Promise<void>;
  /** onProgress sees the lines printed so far each time a refused eviction will be retried or an evicted pod is gone. */
  onProgress?: (lines: readonly string[]) => void;
}

/** retryAfterMs is kubectl's pause after an eviction the API refused with 429 TooManyRequests. */
const retryAfterMs = 5_000;
/** deletePollMs is how often kubectl's waitForDelete looks for an evicted pod. */
const deletePollMs = 1_000;
const defaultTimeoutMs = 5 * 60_000;
const wallClockSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function finished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function controllerKind(pod: Pod): string | undefined {
  return pod.metadata?.ownerReferences?.find((r) => r.controller)?.kind;
}

type Filter = (pod: Pod, opts: DrainOptions) => PodDeleteStatus;

const okay: PodDeleteStatus = { delete: true };

// The filters in kubectl's order. The DaemonSet filter trusts the controllerRef without looking the
// DaemonSet up: this playground's kubectl-less UI has no orphaned DaemonSet pods to --force away.
const filters: Filter[] = [
  (pod) => (controllerKind(pod) !== 'DaemonSet' || finished(pod) ? okay : { delete: false, warning: daemonSetWarning }),
  (pod) => (pod.metadata?.annotations?.[mirrorPodAnnotation] !== undefined ? { delete: false } : okay),
  (pod) => (pod.spec?.volumes?.some((v) => v.emptyDir) && !finished(pod) ? { delete: true, warning: localStorageWarning } : okay),
  (pod, opts) => {
    if (finished(pod) || controllerKind(pod)) return okay;
    return opts.force ? { delete: true, warning: unmanagedWarning } : { delete: false, error: unmanagedFatal };
  },
];

/**
 * podDeleteStatus runs a pod through the filters, stopping at the first that keeps it
 * (drain.GetPodsForDeletion). As in kubectl, a later filter's verdict replaces an earlier warning.
 */
export function podDeleteStatus(pod: Pod, opts: DrainOptions): PodDeleteStatus {
  let status = okay;
  for (const f of filters) {
    status = f(pod, opts);
    if (!status.delete) break;
  }
  return status;
}

/** DrainResult is what drain printed, in order, and whether the node is drained. */
export interface DrainResult {
  lines: string[];
  drained: boolean;
  /** evicted names the pods whose eviction the API accepted ("namespace/name"). */
  evicted: string[];
}

function grouped(pods: Pod[], statuses: PodDeleteStatus[], field: 'warning' | 'error'): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  pods.forEach((p, i) => {
    const msg = statuses[i][field];
    if (!msg) return;
    const list = groups.get(msg) ?? [];
    list.push(`${p.metadata?.namespace}/${p.metadata?.name}`);
    groups.set(msg, list);
  });
  return groups;
}

/** aggregate formats errors as utilerrors.NewAggregate does: one as is, several in brackets. */
function aggregate(errs: string[]): string {
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

function evictionFailure(e: unknown): string {
  const causes = e instanceof ApiError ? (e.status.details?.causes ?? []).map((c) => c.message).filter(Boolean) : [];
  return statusMessage(e) + (causes.length ? ` (${causes.join('; ')})` : '');
}

/** drainNode cordons a node and evicts its pods like kubectl drain; it never throws for a refused pod. */
export async function drainNode(client: ApiClient, name: string, opts: DrainOptions = {}): Promise<DrainResult> {
  const lines = [await cordon(client, name)];
  const evicted: string[] = [];
  const unable = (err: string): DrainResult => ({
    lines: [...lines, `error: unable to drain node "${name}" due to error: ${err}, continuing command...`],
    drained: false,
    evicted,
  });
  const pods = (await client.list<Pod>(Resources.pods, { fieldSelector: `spec.nodeName=${name}` })).items;
  const statuses = pods.map((p) => podDeleteStatus(p, opts));
  const errors = [...grouped(pods, statuses, 'error')].map(([msg, names]) => `cannot delete ${msg}: ${names.join(', ')}`);
  if (errors.length) return unable(aggregate(errors));
  const warnings = [...grouped(pods, statuses, 'warning')].map(([msg, names]) => `${msg}: ${names.join(', ')}`);
  if (warnings.length) lines.push(`Warning: ${warnings.join('; ')}`);

  const timeoutMs = opts.timeoutMs ?? defaultTimeoutMs;
  const sleep = opts.sleep ?? wallClockSleep;
  const toEvict = pods.filter((_, i) => statuses[i].delete);
  for (const pod of toEvict) lines.push(`evicting pod ${pod.metadata?.namespace}/${pod.metadata?.name}`);
  /** evict returns the error drain reports for the pod, if any. */
  const evict = async (pod: Pod): Promise<string | undefined> => {
    const ns = pod.metadata?.namespace ?? '';
    const podName = pod.metadata?.name ?? '';
    for (let waited = 0; ; waited += retryAfterMs) {
      try {
        await client.createSubresource(Resources.pods, ns, podName, 'eviction', {
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name: podName, namespace: ns },
        });
        evicted.push(`${ns}/${podName}`);
        return await waitForDelete(pod, timeoutMs - waited);
      } catch (e) {
        // A pod that is already gone needs no eviction.
        if (e instanceof ApiError && e.code === 404) return undefined;
        if (!(e instanceof ApiError && e.code === 429)) return `error when evicting pods/"${podName}" -n "${ns}": ${evictionFailure(e)}`;
        if (waited + retryAfterMs > timeoutMs) return `error when evicting pods/"${podName}" -n "${ns}": global timeout reached: ${formatGoDuration(timeoutMs)}`;
        lines.push(`error when evicting pods/"${podName}" -n "${ns}" (will retry after 5s): ${evictionFailure(e)}`);
        opts.onProgress?.(lines);
        await sleep(retryAfterMs);
      }
    }
  };
  /** waitForDelete prints the pod evicted once it is gone, or replaced by one of the same name (a new uid). */
  const waitForDelete = async (pod: Pod, leftMs: number): Promise<string | undefined> => {
    const ns = pod.metadata?.namespace ?? '';
    const podName = pod.metadata?.name ?? '';
    for (let waited = 0; ; waited += deletePollMs) {
      try {
        const current = await client.get<Pod>(Resources.pods, ns, podName);
        if (current.metadata?.uid !== pod.metadata?.uid) break;
      } catch (e) {
        if (e instanceof ApiError && e.code === 404) break;
        return `error when waiting for pod "${podName}" in namespace "${ns}" to terminate: ${statusMessage(e)}`;
      }
      if (waited + deletePollMs > leftMs) return `error when waiting for pod "${podName}" in namespace "${ns}" to terminate: global timeout reached: ${formatGoDuration(timeoutMs)}`;
      await sleep(deletePollMs);
    }
    lines.push(`pod/${podName} evicted`);
    opts.onProgress?.(lines);
    return undefined;
  };
  const failures = (await Promise.all(toEvict.map(evict))).filter((f): f is string => f !== undefined);
  if (failures.length) return unable(aggregate(failures));
  lines.push(`node/${name} drained`);
  return { lines, drained: true, evicted };
}
