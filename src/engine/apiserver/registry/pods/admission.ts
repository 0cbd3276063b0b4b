import type { Container, LimitRange, Pod, PodSpec, ServiceAccount, Toleration, Volume } from 'kubernetes-types/core/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { Mutable } from '../../../api/object';
import { objectKey } from '../../../store/mvccStore';
import { newForbidden } from '../../errors';
import type { StrategyContext } from '../strategy';
import { Resources } from '../resources';
import { storageKey } from '../resourceDefinition';
import { parseQuantity } from '../../validation/quantity';

// The mutating admission plugins a v1.32 apiserver runs on every Pod create, in their order:
// LimitRanger, ServiceAccount, Priority and DefaultTolerationSeconds (plugin/pkg/admission/...).
// Each rejects with a 403 Forbidden, as admission errors are.

/** admitPod applies the admission plugins to a Pod about to be created. */
export function admitPod(pod: Pod, ctx: StrategyContext): void {
  limitRanger(pod, ctx);
  serviceAccount(pod, ctx);
  priority(pod, ctx);
  defaultTolerationSeconds(pod);
}

function forbidden(pod: Pod, reason: string): Error {
  return newForbidden(Resources.pods, pod.metadata?.name ?? '', reason);
}

/** DefaultAPITokenMountPath is where the ServiceAccount plugin mounts the token volume. */
export const DefaultAPITokenMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
/** LimitRangerAnnotation records which defaults LimitRanger set. */
export const LimitRangerAnnotation = 'kubernetes.io/limit-ranger';

function limitRanger(pod: Pod, ctx: StrategyContext): void {
  const ns = pod.metadata?.namespace ?? '';
  const ranges = ctx.store.list(storageKey(Resources.limitranges), ns) as unknown as LimitRange[];
  if (ranges.length === 0 || !pod.spec) return;
  const notes: string[] = [];
  const errors: string[] = [];
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== 'Container') continue;
      const apply = (c: Container, prefix: string) => {
        const res = ((c as Mutable<Container>).resources ??= {});
        const setLimits = setMissing((res.limits ??= {}), item.default);
        const setRequests = setMissing((res.requests ??= {}), item.defaultRequest);
        if (Object.keys(res.limits).length === 0) delete res.limits;
        if (Object.keys(res.requests).length === 0) delete res.requests;
        if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
        if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
      };
      for (const c of pod.spec.containers ?? []) apply(c, 'container');
      for (const c of pod.spec.initContainers ?? []) apply(c, 'init container');
      for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
        const req = (c.resources?.requests ?? {}) as Record<string, unknown>;
        const lim = (c.resources?.limits ?? {}) as Record<string, unknown>;
        for (const [r, q] of Object.entries(item.min ?? {})) errors.push(...minConstraint('Container', r, String(q), req, lim));
        for (const [r, q] of Object.entries(item.max ?? {})) errors.push(...maxConstraint('Container', r, String(q), req, lim));
      }
    }
  }
  if (notes.length) {
    const meta = (pod.metadata ??= {}) as Mutable<NonNullable<Pod['metadata']>>;
    meta.annotations = { ...meta.annotations, [LimitRangerAnnotation]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
  if (errors.length) throw forbidden(pod, errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
}

function setMissing(target: Record<string, unknown>, defaults: Record<string, unknown> | undefined): string[] {
  const set: string[] = [];
  for (const [k, v] of Object.entries(defaults ?? {})) {
    if (!(k in target)) {
      target[k] = v;
      set.push(k);
    }
  }
  return set;
}

// Messages of plugin/pkg/admission/limitranger/admission.go (v1.32).
function minConstraint(kind: string, r: string, enforced: string, req: Record<string, unknown>, lim: Record<string, unknown>): string[] {
  const e = parseQuantity(enforced) ?? 0;
  if (!(r in req)) return [`minimum ${r} usage per ${kind} is ${enforced}.  No request is specified`];
  if ((parseQuantity(req[r] as string) ?? 0) < e) return [`minimum ${r} usage per ${kind} is ${enforced}, but request is ${String(req[r])}`];
  if (r in lim && (parseQuantity(lim[r] as string) ?? 0) < e) return [`minimum ${r} usage per ${kind} is ${enforced}, but limit is ${String(lim[r])}`];
  return [];
}

function maxConstraint(kind: string, r: string, enforced: string, req: Record<string, unknown>, lim: Record<string, unknown>): string[] {
  const e = parseQuantity(enforced) ?? 0;
  if (!(r in lim)) return [`maximum ${r} usage per ${kind} is ${enforced}.  No limit is specified`];
  if ((parseQuantity(lim[r] as string) ?? 0) > e) return [`maximum ${r} usage per ${kind} is ${enforced}, but limit is ${String(lim[r])}`];
  if (r in req && (parseQuantity(req[r] as string) ?? 0) > e) return [`maximum ${r} usage per ${kind} is ${enforced}, but request is ${String(req[r])}`];
  return [];
}

// serviceAccount sets the default service account, its image pull secrets and the projected token
// volume. It does not require the ServiceAccount to exist: the simulation may run without the
// controller that creates "default" in every namespace.
function serviceAccount(pod: Pod, ctx: StrategyContext): void {
  const spec = pod.spec as Mutable<PodSpec> | undefined;
  if (!spec) return;
  spec.serviceAccountName ||= 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const ns = pod.metadata?.namespace ?? '';
  const sa = ctx.store.get(storageKey(Resources.serviceaccounts), objectKey(ns, spec.serviceAccountName)) as ServiceAccount | undefined;
  if (!spec.imagePullSecrets?.length && sa?.imagePullSecrets?.length) {
    spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name }));
  }
  const automount = spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
  if (!automount) return;
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const needs = containers.filter((c) => !(c.volumeMounts ?? []).some((m) => m.mountPath === DefaultAPITokenMountPath));
  if (needs.length === 0) return;
  const name = `kube-api-access-${ctx.sim.rng.suffix(5)}`;
  spec.volumes = [...(spec.volumes ?? []), tokenVolume(name)];
  for (const c of needs) {
    (c as Mutable<Container>).volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: DefaultAPITokenMountPath }];
  }
}

function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    },
  };
}

/** SystemPriorityClasses are the classes every v1.32 cluster has (scheduling/types.go). */
export const SystemPriorityClasses: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

function priority(pod: Pod, ctx: StrategyContext): void {
  const spec = pod.spec as Mutable<PodSpec> | undefined;
  if (!spec) return;
  const classes = storageKey(Resources.priorityclasses);
  let value = 0;
  let preemption: string | undefined;
  if (spec.priorityClassName) {
    const pc = ctx.store.get(classes, objectKey('', spec.priorityClassName)) as PriorityClass | undefined;
    if (pc) {
      value = pc.value;
      preemption = pc.preemptionPolicy;
    } else if (spec.priorityClassName in SystemPriorityClasses) {
      value = SystemPriorityClasses[spec.priorityClassName];
    } else {
      throw forbidden(pod, `no PriorityClass with name ${spec.priorityClassName} was found`);
    }
  } else {
    const global = (ctx.store.list(classes) as unknown as PriorityClass[]).find((pc) => pc.globalDefault);
    if (global) {
      spec.priorityClassName = global.metadata!.name;
      value = global.value;
      preemption = global.preemptionPolicy;
    }
  }
  if (spec.priority !== undefined && spec.priority !== value) {
    throw forbidden(
      pod,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
    );
  }
  spec.priority = value;
  spec.preemptionPolicy ??= (preemption as PodSpec['preemptionPolicy']) ?? 'PreemptLowerPriority';
}

/** DefaultTolerationSeconds is the default-not-ready/unreachable-toleration-seconds flag's default. */
export const DefaultTolerationSeconds = 300;

function defaultTolerationSeconds(pod: Pod): void {
  const spec = pod.spec as Mutable<PodSpec> | undefined;
  if (!spec) return;
  const tolerates = (key: string) =>
    (spec.tolerations ?? []).some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const add: Toleration[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(key)) add.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DefaultTolerationSeconds });
  }
  if (add.length) spec.tolerations = [...(spec.tolerations ?? []), ...add];
}
