import type { Pod } from 'kubernetes-types/core/v1';
import type { ObjectMap } from '../state/clusterStore';

// Activity is read off the watch-fed cache, never invented: a changed object is a write that went
// client → kube-apiserver → etcd; a pod that gains spec.nodeName was bound by the scheduler; a pod
// that turns Running was started by its node's kubelet. Each becomes a pulse: a sequence number a
// component keys a short CSS animation on, so the animation restarts without any timer.

/** PulseMs is how long a pulse animates; a component is pulsed again only after it. */
export const PulseMs = 900;

/** PodPulseKind is what happened to a pod. */
export type PodPulseKind = 'created' | 'bound' | 'started';

/** Pulse is one animation: its sequence number (the React key) and when it began. */
export interface Pulse {
  seq: number;
  at: number;
}

/** ActivityState holds the pulses the canvas animates. */
export interface ActivityState {
  /** seq counts pulses, so that each pulse has a key of its own. */
  seq: number;
  /** write pulses the API write path (client → kube-apiserver → etcd). */
  write?: Pulse;
  /** bind pulses kube-scheduler. */
  bind?: Pulse;
  /** kubelets pulses the kubelet of a node that started a pod. */
  kubelets: Record<string, Pulse>;
  /** pods pulses the pod chips that changed. */
  pods: Record<string, Pulse & { kind: PodPulseKind }>;
}

/** PodChange is one pod event worth a pulse. */
export interface PodChange {
  key: string;
  kind: PodPulseKind;
  node: string;
}

/**
 * diffPods finds the pods created, bound to a node, or turned Running between two cache versions,
 * looking only at keys when the caller knows which changed.
 */
export function diffPods(prev: ObjectMap<Pod>, next: ObjectMap<Pod>, keys?: Iterable<string>): PodChange[] {
  const changes: PodChange[] = [];
  if (prev === next) return changes;
  for (const key of keys ?? Object.keys(next)) {
    const p = next[key];
    const old = prev[key];
    if (p === undefined || old === p) continue;
    const node = p.spec?.nodeName ?? '';
    if (p.status?.phase === 'Running' && old?.status?.phase !== 'Running') changes.push({ key, kind: 'started', node });
    else if (node && !old?.spec?.nodeName) changes.push({ key, kind: old ? 'bound' : 'created', node });
    else if (!old) changes.push({ key, kind: 'created', node });
  }
  return changes;
}

function pulse(old: Pulse | undefined, seq: number, now: number): Pulse | undefined {
  return old && now - old.at < PulseMs ? undefined : { seq, at: now };
}

/**
 * nextActivity adds the pulses for one batch of changes at time now (ms). A pulse still running is
 * not restarted, so a busy cluster shows a steady rhythm instead of a flicker; pod pulses older
 * than PulseMs are dropped. Returns the same state when nothing changes.
 */
export function nextActivity(state: ActivityState, wrote: boolean, pods: readonly PodChange[], now: number): ActivityState {
  let seq = state.seq + 1;
  let next = state;
  const edit = () => (next === state ? (next = { ...state, kubelets: { ...state.kubelets }, pods: { ...state.pods } }) : next);
  if (wrote) {
    const p = pulse(state.write, seq, now);
    if (p) edit().write = p;
  }
  for (const c of pods) {
    seq++;
    edit().pods[c.key] = { kind: c.kind, seq, at: now };
    if (c.kind === 'bound') {
      const p = pulse(next.bind, seq, now);
      if (p) next.bind = p;
    } else if (c.kind === 'started' && c.node) {
      const p = pulse(next.kubelets[c.node], seq, now);
      if (p) next.kubelets[c.node] = p;
    }
  }
  for (const key in state.pods) {
    if (now - state.pods[key].at >= PulseMs && next.pods[key] === state.pods[key]) delete edit().pods[key];
  }
  if (next !== state) next.seq = seq;
  return next;
}
