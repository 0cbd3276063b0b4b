import type { Container, Pod } from 'kubernetes-types/core/v1';

// The environment the kubelet gives a container (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables,
// v1.32): each variable in order, a literal value with $(VAR) references to the ones before it
// expanded, or a downward API fieldRef read off the pod.

const reference = /\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;

/** expandReferences replaces $(VAR) with VAR's value when defined and $$ with $, as expansion.Expand does. */
export function expandReferences(value: string, vars: Readonly<Record<string, string>>): string {
  return value.replace(reference, (m, name: string | undefined) => (name === undefined ? '$' : (vars[name] ?? m)));
}

const subscript = /^metadata\.(labels|annotations)\['(.+)'\]$/;

const ips = (list: { ip?: string }[] | undefined) => list?.map((a) => a.ip ?? '').join(',');

/** fields are the pod fields an environment variable's fieldRef may name besides labels and annotations. */
const fields: Record<string, (pod: Pod) => string | undefined> = {
  'metadata.name': (pod) => pod.metadata?.name,
  'metadata.namespace': (pod) => pod.metadata?.namespace,
  'metadata.uid': (pod) => pod.metadata?.uid,
  'spec.nodeName': (pod) => pod.spec?.nodeName,
  'spec.serviceAccountName': (pod) => pod.spec?.serviceAccountName,
  'status.hostIP': (pod) => pod.status?.hostIP,
  'status.hostIPs': (pod) => ips(pod.status?.hostIPs),
  'status.podIP': (pod) => pod.status?.podIP,
  'status.podIPs': (pod) => ips(pod.status?.podIPs),
};

/** fieldRefValue is a pod field as the downward API exposes it in an environment variable. */
export function fieldRefValue(pod: Pod, fieldPath: string): string | undefined {
  const m = subscript.exec(fieldPath);
  if (m) return pod.metadata?.[m[1] as 'labels' | 'annotations']?.[m[2]] ?? '';
  const field = fields[fieldPath];
  return field && (field(pod) ?? '');
}

/** containerEnv is a container's environment from its env list: literals and fieldRefs (other sources are not read). */
export function containerEnv(pod: Pod, c: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of c.env ?? []) {
    const field = e.valueFrom?.fieldRef?.fieldPath;
    const value = field !== undefined ? fieldRefValue(pod, field) : e.value !== undefined ? expandReferences(e.value, env) : e.valueFrom ? undefined : '';
    if (value !== undefined) env[e.name] = value;
  }
  return env;
}
