import type { Container, Pod } from 'kubernetes-types/core/v1';
import { fieldRefValue, type NodeAllocatable, resourceFieldValue } from './downwardAPI';

// The environment the kubelet gives a container (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables,
// v1.32): first every envFrom ConfigMap or Secret, then each env variable in order: a literal value
// with $(VAR) references to the ones before it expanded, a downward API fieldRef read off the pod,
// a container's request or limit (resourceFieldRef), or a key of a ConfigMap or Secret.

const reference = /\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;

/** expandReferences replaces $(VAR) with VAR's value when defined and $$ with $, as expansion.Expand does. */
export function expandReferences(value: string, vars: Readonly<Record<string, string>>): string {
  return value.replace(reference, (m, name: string | undefined) => (name === undefined ? '$' : (vars[name] ?? m)));
}

/** ConfigKind is a kind of object a container's environment reads. */
export type ConfigKind = 'ConfigMap' | 'Secret';

/**
 * ConfigObjects finds a ConfigMap's data, or a Secret's decoded, in the pod's namespace: null when
 * the object does not exist, undefined while the kubelet does not know yet.
 */
export type ConfigObjects = (kind: ConfigKind, name: string) => Readonly<Record<string, string>> | null | undefined;

/** EnvResult is a container's environment, or why the kubelet cannot make it yet. */
export interface EnvResult {
  env: Record<string, string>;
  /** error is the CreateContainerConfigError message: a missing object or key that is not optional. */
  error?: string;
  /** waiting says a referenced object is not known yet: the kubelet tries again shortly. */
  waiting?: boolean;
  /** skipped are the InvalidEnvironmentVariableNames warnings: envFrom keys that are not variable names. */
  skipped?: string[];
}

// The kubelet's object managers name the resource in the singular (configmap "x" not found).
const notFound = (kind: ConfigKind, name: string) => `${kind.toLowerCase()} "${name}" not found`;

const envVarName = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * resolveEnv makes a container's environment. Without objects, references to ConfigMaps and
 * Secrets are left out (what the environment reads off the pod alone); limits left unset read as
 * the node's allocatable.
 */
export function resolveEnv(pod: Pod, c: Container, objects?: ConfigObjects, allocatable?: NodeAllocatable): EnvResult {
  const env: Record<string, string> = {};
  const skipped: string[] = [];
  const namespace = pod.metadata?.namespace ?? '';
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref || !objects) continue;
    const kind: ConfigKind = from.configMapRef ? 'ConfigMap' : 'Secret';
    const data = objects(kind, ref.name ?? '');
    if (data === undefined) return { env, waiting: true };
    if (data === null) {
      if (ref.optional) continue;
      return { env, error: notFound(kind, ref.name ?? '') };
    }
    const invalid: string[] = [];
    for (const [k, v] of Object.entries(data)) {
      const name = (from.prefix ?? '') + k;
      if (envVarName.test(name)) env[name] = v;
      else invalid.push(name);
    }
    if (invalid.length) {
      skipped.push(
        `Keys [${invalid.sort().join(', ')}] from the EnvFrom ${kind === 'ConfigMap' ? 'configMap' : 'secret'} ${namespace}/${ref.name} were skipped since they are considered invalid environment variable names.`,
      );
    }
  }
  for (const e of c.env ?? []) {
    const field = e.valueFrom?.fieldRef?.fieldPath;
    const resource = e.valueFrom?.resourceFieldRef;
    const keyRef = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
    if (e.value) env[e.name] = expandReferences(e.value, env);
    else if (field !== undefined) {
      const value = fieldRefValue(pod, field);
      if (value !== undefined) env[e.name] = value;
    } else if (resource) {
      const value = resourceFieldValue(pod, c, resource, allocatable);
      if (value !== undefined) env[e.name] = value;
    } else if (keyRef) {
      if (!objects) continue;
      const kind: ConfigKind = e.valueFrom?.configMapKeyRef ? 'ConfigMap' : 'Secret';
      const data = objects(kind, keyRef.name ?? '');
      if (data === undefined) return { env, waiting: true };
      const value = data?.[keyRef.key];
      if (value !== undefined) env[e.name] = value;
      else if (keyRef.optional) continue;
      else if (data === null) return { env, error: notFound(kind, keyRef.name ?? '') };
      else return { env, error: `couldn't find key ${keyRef.key} in ${kind} ${namespace}/${keyRef.name}` };
    } else if (!e.valueFrom) env[e.name] = '';
  }
  return skipped.length ? { env, skipped } : { env };
}

/** containerEnv is a container's environment as far as it can be made: see resolveEnv. */
export function containerEnv(pod: Pod, c: Container, objects?: ConfigObjects, allocatable?: NodeAllocatable): Record<string, string> {
  return resolveEnv(pod, c, objects, allocatable).env;
}
