import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { controllerRevisionPrinter, daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './apps';

const now = Date.parse('2025-01-01T12:00:00Z');
const created = '2025-01-01T11:00:00Z';
const template = {
  metadata: { labels: { app: 'nginx' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox:1.36' }] },
};

describe('deploymentPrinter', () => {
  it('has the v1.32 columns', () => {
    expect(deploymentPrinter.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Up-to-date', 'string', 0],
      ['Available', 'string', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ]);
    expect(deploymentPrinter.columns[0].format).toBe('name');
  });

  it('prints READY as ready/desired and counts as numbers', () => {
    const d: Deployment = {
      metadata: { name: 'nginx', creationTimestamp: created },
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', tier: 'web' } }, template },
      status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(deploymentPrinter.cells(d, now)).toEqual(['nginx', '2/3', 3, 2, '60m', 'nginx,sidecar', 'nginx:1.27,busybox:1.36', 'app=nginx,tier=web']);
  });

  it('prints a fresh deployment without status as 0/N', () => {
    const d: Deployment = { metadata: { name: 'new', creationTimestamp: created }, spec: { replicas: 1, selector: { matchLabels: { app: 'x' } }, template } };
    expect(deploymentPrinter.cells(d, now).slice(1, 4)).toEqual(['0/1', 0, 0]);
  });

  it('prints set-based selectors sorted by key', () => {
    const d: Deployment = {
      metadata: { name: 'x', creationTimestamp: created },
      spec: {
        selector: {
          matchLabels: { tier: 'web' },
          matchExpressions: [
            { key: 'env', operator: 'In', values: ['prod', 'dev'] },
            { key: 'canary', operator: 'DoesNotExist' },
            { key: 'app', operator: 'Exists' },
          ],
        },
        template,
      },
    };
    expect(deploymentPrinter.cells(d, now)[7]).toBe('app,!canary,env in (dev,prod),tier=web');
  });
});

describe('replicaSetPrinter', () => {
  it('prints DESIRED CURRENT READY as integers', () => {
    const rs: ReplicaSet = {
      metadata: { name: 'nginx-7d9c5b', creationTimestamp: created },
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '7d9c5b' } }, template },
      status: { replicas: 3, readyReplicas: 1 },
    };
    expect(replicaSetPrinter.cells(rs, now)).toEqual([
      'nginx-7d9c5b', 3, 3, 1, '60m', 'nginx,sidecar', 'nginx:1.27,busybox:1.36', 'app=nginx,pod-template-hash=7d9c5b',
    ]);
    expect(replicaSetPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector']);
  });
});

describe('statefulSetPrinter', () => {
  it('prints NAME READY AGE CONTAINERS IMAGES', () => {
    const ss: StatefulSet = {
      metadata: { name: 'web', creationTimestamp: created },
      spec: { replicas: 2, serviceName: 'web', selector: { matchLabels: { app: 'nginx' } }, template },
      status: { replicas: 2, readyReplicas: 2 },
    };
    expect(statefulSetPrinter.cells(ss, now)).toEqual(['web', '2/2', '60m', 'nginx,sidecar', 'nginx:1.27,busybox:1.36']);
  });
});

describe('daemonSetPrinter', () => {
  it('prints the scheduling counts and the node selector', () => {
    const ds: DaemonSet = {
      metadata: { name: 'kube-proxy', creationTimestamp: created },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.0' }] } },
      },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0 },
    };
    expect(daemonSetPrinter.cells(ds, now)).toEqual([
      'kube-proxy', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '60m', 'kube-proxy', 'registry.k8s.io/kube-proxy:v1.32.0', 'k8s-app=kube-proxy',
    ]);
  });

  it('prints <none> without a node selector', () => {
    const ds: DaemonSet = { metadata: { name: 'x', creationTimestamp: created }, spec: { selector: {}, template: { spec: { containers: [] } } } };
    expect(daemonSetPrinter.cells(ds, now)[6]).toBe('<none>');
    expect(daemonSetPrinter.cells(ds, now)[10]).toBe('<none>');
  });
});

describe('controllerRevisionPrinter', () => {
  it('names the controller as lower-cased kind.group/name', () => {
    const cr: ControllerRevision = {
      metadata: {
        name: 'web-6d4b75cb6d',
        creationTimestamp: created,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true }],
      },
      revision: 2,
    };
    expect(controllerRevisionPrinter.cells(cr, now)).toEqual(['web-6d4b75cb6d', 'statefulset.apps/web', 2, '60m']);
  });

  it('prints <none> without a controller', () => {
    const cr: ControllerRevision = { metadata: { name: 'orphan', creationTimestamp: created }, revision: 1 };
    expect(controllerRevisionPrinter.cells(cr, now)[1]).toBe('<none>');
  });
});
