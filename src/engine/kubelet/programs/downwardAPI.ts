import type { Container, Pod, ResourceFieldSelector } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../../quota/quantity';

// The downward API as the kubelet reads it (pkg/fieldpath and pkg/api/v1/resource, v1.32): pod
// fields for environment variables and downwardAPI volume files, and container resources.

/** NodeAllocatable is the node's allocatable resources, which stand in for limits a container does not set. */
export type NodeAllocatable = Readonly<Record<string, string>>;

const subscript = /^metadata\.(labels|annotations)\['(.+)'\]$/;

const ips = (list: { ip?: string }[] | undefined) => list?.map((a) => a.ip ?? '').join(',');

/** fields are the pod fields a fieldRef may name besides one label or annotation. */
const fields: Record<string, (pod: Pod) => string | undefined> = {
  'metadata.name': (pod) => pod.metadata?.name,
  'metadata.namespace': (pod) => pod.metadata?.namespace,
  'metadata.uid': (pod) => pod.metadata?.uid,
  // Volume files only: validation keeps them out of environment variables.
  'metadata.labels': (pod) => formatMap(pod.metadata?.labels),
  'metadata.annotations': (pod) => formatMap(pod.metadata?.annotations),
  'spec.nodeName': (pod) => pod.spec?.nodeName,
  'spec.serviceAccountName': (pod) => pod.spec?.serviceAccountName,
  'status.hostIP': (pod) => pod.status?.hostIP,
  'status.hostIPs': (pod) => ips(pod.status?.hostIPs),
  'status.podIP': (pod) => pod.status?.podIP,
  'status.podIPs': (pod) => ips(pod.status?.podIPs),
};

/** fieldRefValue is a pod field as the downward API exposes it (fieldpath.ExtractFieldPathAsString). */
export function fieldRefValue(pod: Pod, fieldPath: string): string | undefined {
  const m = subscript.exec(fieldPath);
  if (m) return pod.metadata?.[m[1] as 'labels' | 'annotations']?.[m[2]] ?? '';
  const field = fields[fieldPath];
  return field && (field(pod) ?? '');
}

/** formatMap is fieldpath.FormatMap: key="value" lines in key order, Go-quoted, no final newline. */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join('\n');
}

// Limits a container leaves unset read as the node's allocatable (defaultPodLimitsForDownwardAPI).
const defaultedLimits = ['cpu', 'memory', 'ephemeral-storage'];

const ceilDiv = (n: bigint, d: bigint) => (n + d - 1n) / d;

/**
 * resourceFieldValue is ExtractResourceValueByContainerName: a request or limit of the named
 * container (the given one when unnamed) divided by the divisor and rounded up, CPU in millicores.
 */
export function resourceFieldValue(pod: Pod, self: Container, ref: ResourceFieldSelector, allocatable: NodeAllocatable | undefined): string | undefined {
  const c = ref.containerName ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((x) => x.name === ref.containerName) : self;
  const m = /^(limits|requests)\.(.+)$/.exec(ref.resource);
  if (!c || !m) return undefined;
  const [, kind, name] = m;
  let amount = c.resources?.[kind as 'limits' | 'requests']?.[name];
  if (amount === undefined && kind === 'limits' && defaultedLimits.includes(name)) amount = allocatable?.[name];
  const value = parseQuantity(amount ?? '0')?.nanos ?? 0n;
  const divisor = parseQuantity(ref.divisor ?? '1')?.nanos || 1_000_000_000n;
  if (name === 'cpu') return String(ceilDiv(ceilDiv(value, 1_000_000n), ceilDiv(divisor, 1_000_000n)));
  return String(ceilDiv(ceilDiv(value, 1_000_000_000n), ceilDiv(divisor, 1_000_000_000n)));
}
