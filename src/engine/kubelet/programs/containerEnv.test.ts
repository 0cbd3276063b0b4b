import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { containerEnv, expandReferences } from './containerEnv';

const pod: Pod = {
  metadata: { name: 'dapi-envars-fieldref', namespace: 'default', uid: 'u-1', labels: { app: 'web' } },
  spec: {
    nodeName: 'worker-1',
    serviceAccountName: 'default',
    containers: [
      {
        name: 'test-container',
        env: [
          { name: 'MY_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'MY_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'MY_POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          { name: 'MY_POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'MY_POD_SERVICE_ACCOUNT', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
          { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
          { name: 'TIER', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } },
          { name: 'GREETING', value: 'hello $(MY_POD_NAME) $(UNDEFINED) $$(MY_POD_NAME)' },
          { name: 'FROM_CONFIG', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } },
          { name: 'EMPTY' },
        ],
      },
    ],
  },
  status: { podIP: '10.244.1.7', podIPs: [{ ip: '10.244.1.7' }] },
};

describe('containerEnv', () => {
  it('reads the downward API fields off the pod, expands $(VAR) from earlier variables and leaves other sources out', () => {
    expect(containerEnv(pod, pod.spec!.containers[0])).toEqual({
      MY_NODE_NAME: 'worker-1',
      MY_POD_NAME: 'dapi-envars-fieldref',
      MY_POD_NAMESPACE: 'default',
      MY_POD_IP: '10.244.1.7',
      MY_POD_SERVICE_ACCOUNT: 'default',
      APP: 'web',
      TIER: '',
      GREETING: 'hello dapi-envars-fieldref $(UNDEFINED) $(MY_POD_NAME)',
      EMPTY: '',
    });
  });

  it('expands only defined variables, and $$ to $', () => {
    expect(expandReferences('$(A)-$(B)-$$-$(A', { A: 'x' })).toBe('x-$(B)-$-$(A');
  });
});
