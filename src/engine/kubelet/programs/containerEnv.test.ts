import { describe, expect, it } from 'vitest';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { containerEnv, expandReferences, resolveEnv, type ConfigObjects } from './containerEnv';

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

  describe('with ConfigMaps and Secrets', () => {
    const stored: Record<string, Record<string, string>> = { 'ConfigMap/app': { COLOR: 'blue', 'bad key': 'x', SIZE: 'large' }, 'Secret/db': { password: 's3cr=t' } };
    const objects: ConfigObjects = (kind, name) => stored[`${kind}/${name}`] ?? null;
    const withEnv = (c: Partial<Container>): Container => ({ name: 'app', image: 'busybox', ...c });

    it('takes envFrom first (prefixed, invalid names skipped), then env, which overrides it and can refer to it', () => {
      const c = withEnv({
        envFrom: [{ configMapRef: { name: 'app' }, prefix: 'APP_' }, { secretRef: { name: 'missing', optional: true } }],
        env: [
          { name: 'APP_SIZE', value: 'small' },
          { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name: 'SUMMARY', value: '$(APP_COLOR)/$(APP_SIZE)' },
          { name: 'OPTIONAL', valueFrom: { configMapKeyRef: { name: 'app', key: 'nope', optional: true } } },
        ],
      });
      expect(resolveEnv(pod, c, objects)).toEqual({
        env: { APP_COLOR: 'blue', APP_SIZE: 'small', PASSWORD: 's3cr=t', SUMMARY: 'blue/small' },
        skipped: ['Keys [APP_bad key] from the EnvFrom configMap default/app were skipped since they are considered invalid environment variable names.'],
      });
    });

    it.each([
      [{ envFrom: [{ configMapRef: { name: 'nope' } }] }, 'configmap "nope" not found'],
      [{ env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'nope', key: 'k' } } }] }, 'secret "nope" not found'],
      [{ env: [{ name: 'C', valueFrom: { configMapKeyRef: { name: 'app', key: 'nope' } } }] }, "couldn't find key nope in ConfigMap default/app"],
      [{ env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'user' } } }] }, "couldn't find key user in Secret default/db"],
    ] as [Partial<Container>, string][])('refuses to create a container that reads what is not there: %j', (c, error) => {
      expect(resolveEnv(pod, withEnv(c), objects).error).toBe(error);
    });

    it('waits while an object is not known yet, and leaves references out when no objects are given', () => {
      const c = withEnv({ env: [{ name: 'C', valueFrom: { configMapKeyRef: { name: 'app', key: 'COLOR' } } }, { name: 'X', value: 'x' }] });
      expect(resolveEnv(pod, c, () => undefined).waiting).toBe(true);
      expect(resolveEnv(pod, c)).toEqual({ env: { X: 'x' } });
    });
  });

  it('reads requests and limits through resourceFieldRef, rounded up by the divisor, limits left unset as the node allocatable', () => {
    // The docs' dapi-envars-resourcefieldref pod, plus a limit the container does not set.
    const c: Container = {
      name: 'test-container',
      resources: { requests: { memory: '32Mi', cpu: '125m' }, limits: { memory: '64Mi', cpu: '250m' } },
      env: [
        { name: 'MY_CPU_REQUEST', valueFrom: { resourceFieldRef: { containerName: 'test-container', resource: 'requests.cpu', divisor: '1m' } } },
        { name: 'MY_CPU_LIMIT', valueFrom: { resourceFieldRef: { containerName: 'test-container', resource: 'limits.cpu', divisor: '1m' } } },
        { name: 'MY_MEM_REQUEST', valueFrom: { resourceFieldRef: { containerName: 'test-container', resource: 'requests.memory' } } },
        { name: 'MY_MEM_LIMIT', valueFrom: { resourceFieldRef: { containerName: 'test-container', resource: 'limits.memory', divisor: '1Mi' } } },
        { name: 'CPU_CORES', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        { name: 'DISK_LIMIT_GI', valueFrom: { resourceFieldRef: { resource: 'limits.ephemeral-storage', divisor: '1Gi' } } },
      ],
    };
    const withResources: Pod = { ...pod, spec: { containers: [c] } };
    expect(resolveEnv(withResources, c, undefined, { cpu: '4', memory: '8Gi', 'ephemeral-storage': '90Gi' }).env).toEqual({
      MY_CPU_REQUEST: '125',
      MY_CPU_LIMIT: '250',
      MY_MEM_REQUEST: '33554432',
      MY_MEM_LIMIT: '64',
      // A quarter of a core is one core when the divisor is a whole core: the kubelet rounds up.
      CPU_CORES: '1',
      DISK_LIMIT_GI: '90',
    });
  });
});
