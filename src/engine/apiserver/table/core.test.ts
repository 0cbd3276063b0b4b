import type { ConfigMap, Namespace, PodTemplate, ReplicationController, ResourceQuota, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import {
  configMapPrinter,
  namespacePrinter,
  podTemplatePrinter,
  replicationControllerPrinter,
  resourceQuotaPrinter,
  secretPrinter,
  serviceAccountPrinter,
} from './core';

const now = Date.parse('2025-01-01T12:00:00Z');
const metadata = { name: 'x', namespace: 'default', creationTimestamp: '2025-01-01T11:58:30Z' };

describe('core printers', () => {
  it('prints a namespace with its phase', () => {
    const ns: Namespace = { metadata: { name: 'kube-system', creationTimestamp: '2024-12-25T12:00:00Z' }, status: { phase: 'Active' } };
    expect(namespacePrinter.cells(ns, now)).toEqual(['kube-system', 'Active', '7d']);
    expect(namespacePrinter.columns.map((c) => c.name)).toEqual(['Name', 'Status', 'Age']);
  });

  it('counts data and binaryData of a config map as a number', () => {
    const cm: ConfigMap = { metadata, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } };
    expect(configMapPrinter.cells(cm, now)).toEqual(['x', 3, '90s']);
    expect(configMapPrinter.cells({ metadata }, now)[1]).toBe(0);
  });

  it('prints a secret type and its data count', () => {
    const s: Secret = { metadata, type: 'kubernetes.io/tls', data: { 'tls.crt': 'AA==', 'tls.key': 'AA==' } };
    expect(secretPrinter.cells(s, now)).toEqual(['x', 'kubernetes.io/tls', 2, '90s']);
    expect(secretPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Type', 'Data', 'Age']);
  });

  it('counts the secrets of a service account', () => {
    const sa: ServiceAccount = { metadata: { ...metadata, name: 'default' } };
    expect(serviceAccountPrinter.cells(sa, now)).toEqual(['default', 0, '90s']);
  });

  it('prints a replication controller with a map selector', () => {
    const rc: ReplicationController = {
      metadata,
      spec: { replicas: 2, selector: { app: 'nginx' }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
      status: { replicas: 2, readyReplicas: 1 },
    };
    expect(replicationControllerPrinter.cells(rc, now)).toEqual(['x', 2, 2, 1, '90s', 'nginx', 'nginx', 'app=nginx']);
  });

  it('prints a pod template without an age column', () => {
    const pt: PodTemplate = { metadata, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } };
    expect(podTemplatePrinter.cells(pt, now)).toEqual(['x', 'c', 'busybox', 'app=web']);
    expect(podTemplatePrinter.columns.map((c) => c.name)).toEqual(['Name', 'Containers', 'Images', 'Pod Labels']);
  });

  it('prints a resource quota as NAME AGE REQUEST LIMIT with sorted used/hard pairs', () => {
    const rq: ResourceQuota = {
      metadata,
      status: {
        hard: { 'requests.cpu': '2', pods: '10', 'limits.memory': '4Gi', 'limits.cpu': '4', 'requests.memory': '2Gi' },
        used: { 'requests.cpu': '500m', pods: '3', 'limits.cpu': '1', 'requests.memory': '256Mi' },
      },
    };
    expect(resourceQuotaPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Age', 'Request', 'Limit']);
    expect(resourceQuotaPrinter.cells(rq, now)).toEqual([
      'x',
      '90s',
      'pods: 3/10, requests.cpu: 500m/2, requests.memory: 256Mi/2Gi',
      'limits.cpu: 1/4, limits.memory: 0/4Gi',
    ]);
  });
});
