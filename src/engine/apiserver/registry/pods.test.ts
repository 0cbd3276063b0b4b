import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject, StoredObject } from '../../api/object';
import { podsStrategy } from './pods';
import { createThrough, testContext, updateThrough, putObject } from './coreTesting';
import { Resources } from './resources';
import { isApiError } from '../errors';

const nginx = (extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web' },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ...extra }] },
});

describe('pods create', () => {
  it('defaults a pod as a v1.32 apiserver returns it', () => {
    const { obj, errors } = createThrough(podsStrategy, nginx({ ports: [{ containerPort: 80 }] }), testContext());
    expect(errors).toEqual([]);
    const pod = obj as unknown as Pod;
    const c = pod.spec!.containers[0];
    expect(c).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: {},
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
    expect(c.volumeMounts).toEqual([{ name: pod.spec!.volumes![0].name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    expect(pod.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
      securityContext: {},
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    });
    expect(pod.spec!.volumes![0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.k8s.io/pause:3.10', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'IfNotPresent'],
  ])('image %s pulls %s', (image, policy) => {
    const { obj } = createThrough(podsStrategy, nginx({ image }), testContext());
    expect((obj as unknown as Pod).spec!.containers[0].imagePullPolicy).toBe(policy);
  });

  it('copies limits to missing requests and computes Guaranteed', () => {
    const { obj } = createThrough(podsStrategy, nginx({ resources: { limits: { cpu: '1', memory: '1024Mi' } } }), testContext());
    const pod = obj as unknown as Pod;
    expect(pod.spec!.containers[0].resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } });
    expect(pod.status!.qosClass).toBe('Guaranteed');
  });

  it('keeps existing NoExecute tolerations of those keys', () => {
    const tol = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }];
    const input = nginx();
    (input.spec as Record<string, unknown>).tolerations = tol;
    const { obj } = createThrough(podsStrategy, input, testContext());
    expect((obj as unknown as Pod).spec!.tolerations!.map((t) => t.key)).toEqual(['node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready']);
  });

  it('rejects an unknown priority class with a Forbidden admission error', () => {
    const input = nginx();
    (input.spec as Record<string, unknown>).priorityClassName = 'gold';
    try {
      createThrough(podsStrategy, input, testContext());
      expect.unreachable();
    } catch (e) {
      expect(isApiError(e, 'Forbidden')).toBe(true);
      expect((e as Error).message).toBe('pods "web" is forbidden: no PriorityClass with name gold was found');
    }
  });

  it('applies LimitRange defaults and records them', () => {
    const lr = { metadata: { name: 'limits', namespace: 'default' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m' } }] } };
    const { obj } = createThrough(podsStrategy, nginx(), testContext([[Resources.limitranges, lr]]));
    const pod = obj as unknown as Pod;
    expect(pod.spec!.containers[0].resources).toEqual({ limits: { cpu: '500m' }, requests: { cpu: '100m' } });
    expect(pod.metadata!.annotations!['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu request for container nginx; cpu limit for container nginx');
    expect(pod.status!.qosClass).toBe('Burstable');
  });

  it('adds the SchedulingGated condition', () => {
    const input = nginx();
    (input.spec as Record<string, unknown>).schedulingGates = [{ name: 'example.com/wait' }];
    const { obj } = createThrough(podsStrategy, input, testContext());
    expect((obj as unknown as Pod).status!.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: null, reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' },
    ]);
  });

  it('rejects a bad quantity as a decode error', () => {
    expect(() => createThrough(podsStrategy, nginx({ resources: { limits: { cpu: 'lots' } } }), testContext())).toThrow(
      `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
  });
});

describe('pods validation', () => {
  const specWith = (spec: Record<string, unknown>, meta: Record<string, unknown> = { name: 'web' }): KubeObject => ({ metadata: meta, spec });
  it.each<[string, KubeObject, string]>([
    ['no containers', specWith({ containers: [] }), 'spec.containers: Required value'],
    ['no image', specWith({ containers: [{ name: 'c' }] }), 'spec.containers[0].image: Required value'],
    ['no name', specWith({ containers: [{ image: 'x' }] }), 'spec.containers[0].name: Required value'],
    [
      'bad container name',
      specWith({ containers: [{ name: 'My_App', image: 'x' }] }),
      `spec.containers[0].name: Invalid value: "My_App": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ],
    [
      'duplicate container names',
      specWith({ containers: [{ name: 'c', image: 'x' }, { name: 'c', image: 'y' }] }),
      'spec.containers[1].name: Duplicate value: "c"',
    ],
    [
      'port out of range',
      specWith({ containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 70000 }] }] }),
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      'unsupported protocol',
      specWith({ containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, protocol: 'HTTP' }] }] }),
      'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      'mount of a missing volume',
      specWith({ containers: [{ name: 'c', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] }),
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ],
    [
      'requests above limits',
      specWith({ containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] }),
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ],
    [
      'unsupported restart policy',
      specWith({ restartPolicy: 'Sometimes', containers: [{ name: 'c', image: 'x' }] }),
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [
      'unsupported dns policy',
      specWith({ dnsPolicy: 'Google', containers: [{ name: 'c', image: 'x' }] }),
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ],
    [
      'duplicate volumes',
      specWith({ volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }], containers: [{ name: 'c', image: 'x' }] }),
      'spec.volumes[1].name: Duplicate value: "v"',
    ],
    [
      'bad env name',
      specWith({ containers: [{ name: 'c', image: 'x', env: [{ name: 'A=B', value: '1' }] }] }),
      `spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
    ],
    [
      'liveness successThreshold',
      specWith({ containers: [{ name: 'c', image: 'x', livenessProbe: { httpGet: { port: 80 }, successThreshold: 2 } }] }),
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    ],
    [
      'probe without handler',
      specWith({ containers: [{ name: 'c', image: 'x', readinessProbe: { periodSeconds: 5 } }] }),
      'spec.containers[0].readinessProbe: Required value: must specify a handler type',
    ],
    [
      'pod name',
      specWith({ containers: [{ name: 'c', image: 'x' }] }, { name: 'Web' }),
      `metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ],
    [
      'toleration seconds without NoExecute',
      specWith({ tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }], containers: [{ name: 'c', image: 'x' }] }),
      `spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be 'NoExecute' when \`tolerationSeconds\` is set`,
    ],
  ])('%s', (_name, input, message) => {
    const { errors } = createThrough(podsStrategy, input, testContext());
    expect(errors).toContain(message);
  });
});

describe('pods update', () => {
  const created = () => {
    const ctx = testContext();
    const { obj } = createThrough(podsStrategy, nginx(), ctx);
    (obj.metadata as { resourceVersion?: string }).resourceVersion = '5';
    return putObject(ctx.store, Resources.pods, obj);
  };

  it('allows an image change', () => {
    const old = created();
    const next = structuredClone(old) as unknown as Pod;
    next.spec!.containers[0].image = 'nginx:1.28';
    expect(updateThrough(podsStrategy, next as unknown as KubeObject, old, testContext()).errors).toEqual([]);
  });

  it('forbids other spec changes with the v1.32 message', () => {
    const old = created();
    const next = structuredClone(old) as unknown as Pod;
    next.spec!.containers[0].ports = [{ containerPort: 8080, protocol: 'TCP' }];
    const { errors } = updateThrough(podsStrategy, next as unknown as KubeObject, old, testContext());
    expect(errors).toHaveLength(1);
    expect(errors[0].split('\n')[0]).toBe(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
  });

  it('forbids removing a container', () => {
    const old = created();
    const next = structuredClone(old) as unknown as Pod;
    next.spec!.containers = [...next.spec!.containers, { name: 'side', image: 'busybox' }];
    expect(updateThrough(podsStrategy, next as unknown as KubeObject, old, testContext()).errors).toContain(
      'spec.containers: Forbidden: pod updates may not add or remove containers',
    );
  });

  it('keeps status on a spec update and spec on a status update', () => {
    const old = created();
    const next = structuredClone(old) as StoredObject;
    next.status = { phase: 'Running' };
    const { obj } = updateThrough(podsStrategy, next, old, testContext());
    expect((obj.status as { phase: string }).phase).toBe('Pending');
    const st = structuredClone(old) as StoredObject;
    st.status = { phase: 'Running' };
    (st.spec as { nodeName?: string }).nodeName = 'node-1';
    podsStrategy.status!.prepareForUpdate(st, old, testContext());
    expect((st.spec as { nodeName?: string }).nodeName).toBeUndefined();
    expect(st.status).toEqual({ phase: 'Running', qosClass: 'BestEffort' });
  });

  it('selects pods by the upstream field labels', () => {
    const old = created();
    const f = podsStrategy.fieldSelectors!;
    expect(f['status.phase'](old)).toBe('Pending');
    expect(f['spec.nodeName'](old)).toBe('');
    expect(f['spec.schedulerName'](old)).toBe('default-scheduler');
  });
});
