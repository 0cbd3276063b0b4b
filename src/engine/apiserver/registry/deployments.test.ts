import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object';
import { newInvalid } from '../fieldErrors';
import { deploymentStrategy, validateDeployment } from './deployments';
import { simulateCreate, simulateStatusUpdate, simulateUpdate, stored } from './strategyTesting';

// What `kubectl create deployment nginx --image=nginx` sends.
const minimalNginx = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx', labels: { app: 'nginx' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'nginx' } },
    strategy: {},
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] },
    },
  },
  status: {},
});

function deployment(mutate: (spec: Record<string, any>) => void): KubeObject {
  const d = minimalNginx();
  mutate(d.spec as Record<string, any>);
  return d;
}

describe('deployment defaults', () => {
  it('defaults a minimal nginx Deployment exactly as a v1.32 apiserver returns it', () => {
    const { obj, errors } = simulateCreate(deploymentStrategy, minimalNginx());
    expect(errors).toEqual([]);
    expect(obj.spec).toEqual({
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'nginx' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              image: 'nginx',
              imagePullPolicy: 'Always',
              name: 'nginx',
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    });
    expect(obj.status).toEqual({});
    expect(obj.metadata?.generation).toBe(1);
  });

  it('leaves a Recreate strategy without rollingUpdate', () => {
    const { obj } = simulateCreate(deploymentStrategy, deployment((s) => (s.strategy = { type: 'Recreate' })));
    expect((obj.spec as any).strategy).toEqual({ type: 'Recreate' });
  });

  it('fills only the missing half of rollingUpdate', () => {
    const { obj } = simulateCreate(deploymentStrategy, deployment((s) => (s.strategy = { rollingUpdate: { maxSurge: 1 } })));
    expect((obj.spec as any).strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } });
  });
});

describe('deployment validation', () => {
  it.each([
    [
      'a missing selector is required and then matches nothing',
      (s: any) => delete s.selector,
      ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`'],
    ],
    [
      'a selector that misses the template labels',
      (s: any) => (s.selector = { matchLabels: { app: 'x' } }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`'],
    ],
    [
      'an empty selector',
      (s: any) => (s.selector = {}),
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'],
    ],
    ['negative replicas', (s: any) => (s.replicas = -1), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      'maxUnavailable and maxSurge both 0',
      (s: any) => (s.strategy = { rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'maxUnavailable above 100%',
      (s: any) => (s.strategy = { rollingUpdate: { maxUnavailable: '120%' } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%'],
    ],
    [
      'a percentage without digits',
      (s: any) => (s.strategy = { rollingUpdate: { maxSurge: 'x%' } }),
      [
        `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"x%"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      ],
    ],
    [
      'an unknown strategy type',
      (s: any) => (s.strategy = { type: 'Canary' }),
      ['spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Canary", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"'],
    ],
    [
      'rollingUpdate with Recreate',
      (s: any) => (s.strategy = { type: 'Recreate', rollingUpdate: {} }),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    [
      'a progress deadline not above minReadySeconds',
      (s: any) => Object.assign(s, { minReadySeconds: 700 }),
      ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'],
    ],
    [
      'a restartPolicy other than Always',
      (s: any) => (s.template.spec.restartPolicy = 'Never'),
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'activeDeadlineSeconds in the template',
      (s: any) => (s.template.spec.activeDeadlineSeconds = 5),
      ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported'],
    ],
    [
      'a bad selector operator',
      (s: any) => (s.selector = { matchExpressions: [{ key: 'app', operator: 'Is', values: ['nginx'] }] }),
      [
        'spec.selector.matchExpressions[0].operator: Invalid value: "Is": not a valid selector operator',
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Is", Values:[]string{"nginx"}}}}: invalid label selector',
      ],
    ],
  ])('rejects %s', (_name, mutate, want) => {
    expect(simulateCreate(deploymentStrategy, deployment(mutate)).errors).toEqual(want);
  });

  it('renders the aggregate 422 message kubectl prints', () => {
    const { obj } = simulateCreate(deploymentStrategy, deployment((s) => delete s.selector));
    const err = newInvalid({ group: 'apps', kind: 'Deployment' }, 'nginx', validateDeployment(obj as any));
    expect(err.status.message).toBe(
      'Deployment.apps "nginx" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`]',
    );
  });
});

describe('deployment update', () => {
  const created = () => stored(simulateCreate(deploymentStrategy, minimalNginx()).obj);

  it('forbids changing the selector of an apps/v1 Deployment', () => {
    const next = deployment((s) => {
      s.selector = { matchLabels: { app: 'nginx', tier: 'web' } };
      s.template.metadata.labels.tier = 'web';
    });
    expect(simulateUpdate(deploymentStrategy, next, created()).errors).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"nginx", "tier":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it.each([
    ['a spec change', (d: any) => (d.spec.replicas = 3), 2],
    ['an annotation change, copied to the ReplicaSets', (d: any) => (d.metadata.annotations = { a: 'b' }), 2],
    ['a label change', (d: any) => (d.metadata.labels = { app: 'nginx', x: 'y' }), 1],
    ['nothing', () => undefined, 1],
  ])('sets generation after %s', (_name, mutate, want) => {
    const old = created();
    const next = structuredClone(old) as any;
    mutate(next);
    expect(simulateUpdate(deploymentStrategy, next, old).obj.metadata?.generation).toBe(want);
  });

  it('keeps status on a spec update and spec and labels on a status update', () => {
    const old = { ...created(), status: { replicas: 1 } };
    const next = structuredClone(old) as any;
    next.status = { replicas: 5 };
    next.spec.replicas = 7;
    next.metadata.labels = { changed: 'yes' };
    expect(simulateUpdate(deploymentStrategy, next, old).obj.status).toEqual({ replicas: 1 });
    const st = simulateStatusUpdate(deploymentStrategy, next, old);
    expect((st.obj.spec as any).replicas).toBe(1);
    expect(st.obj.metadata?.labels).toEqual({ app: 'nginx' });
    expect(st.obj.status).toEqual({ replicas: 5 });
  });

  it('rejects a status whose counters contradict each other', () => {
    const old = created();
    const next = { ...structuredClone(old), status: { replicas: 1, readyReplicas: 2, availableReplicas: 2 } };
    expect(simulateStatusUpdate(deploymentStrategy, next, old).errors).toEqual([
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
      'status.availableReplicas: Invalid value: 2: cannot be greater than status.replicas',
    ]);
  });
});
