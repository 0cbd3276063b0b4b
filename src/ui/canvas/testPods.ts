import type { Pod } from 'kubernetes-types/core/v1';

/** testPod builds a pod for canvas tests: namespace/name, optionally bound to a node, with overrides. */
export function testPod(key: string, nodeName?: string, extra: Partial<Pod> = {}): Pod {
  const [namespace, name] = key.split('/');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    ...extra,
    metadata: { name, namespace, creationTimestamp: '2025-01-01T00:00:00Z', uid: `uid-${key}`, ...extra.metadata },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...extra.spec, ...(nodeName ? { nodeName } : {}) },
    status: { phase: 'Pending', ...extra.status },
  };
}
