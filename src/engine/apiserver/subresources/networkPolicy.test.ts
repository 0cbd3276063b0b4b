import type { Pod } from 'kubernetes-types/core/v1';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster/cluster';
import { Resources } from '../registry/resources';
import { connectionAllowed } from './networkPolicy';

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

const pod = (namespace: string, name: string, labels: Record<string, string>, ip: string, ports: { name: string; containerPort: number }[] = []): Pod => ({
  metadata: { namespace, name, labels },
  spec: { containers: [{ name: 'c', ports }] },
  status: { podIP: ip },
});

const policy = (namespace: string, name: string, spec: NetworkPolicy['spec']): NetworkPolicy => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name }, spec });

describe('connectionAllowed', () => {
  it('follows ingress and egress rules: peers by pod and namespace labels, CIDRs, and named ports', async () => {
    cluster = new Cluster({ seed: 2, workers: 1, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) });
    await cluster.start();
    const c = cluster.client;
    await c.create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', labels: { team: 'a' } } });
    const db = pod('default', 'db', { app: 'db' }, '10.244.1.5', [{ name: 'pg', containerPort: 5432 }]);
    const api = pod('default', 'api', { app: 'api' }, '10.244.1.6');
    const other = pod('team', 'tool', { app: 'tool' }, '10.244.2.7');
    const allowed = (from: Pod, to: Pod, port: number) => connectionAllowed(cluster!.apiServer.ctx, from, to, port);
    expect(allowed(api, db, 5432)).toBe(true);
    await c.create(Resources.networkpolicies, policy('default', 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }, { namespaceSelector: { matchLabels: { team: 'a' } } }], ports: [{ port: 'pg' }] }] }));
    expect(allowed(api, db, 5432)).toBe(true);
    expect(allowed(api, db, 80)).toBe(false);
    expect(allowed(other, db, 5432)).toBe(true);
    expect(allowed(pod('default', 'x', {}, '10.244.1.9'), db, 5432)).toBe(false);
    // An egress policy on the source applies too: here only 10.244.2.0/24 may be reached.
    await c.create(Resources.networkpolicies, policy('default', 'api-out', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.244.2.0/24' } }] }] }));
    expect(allowed(api, db, 5432)).toBe(false);
    expect(allowed(api, other, 80)).toBe(true);
    // A policy that selects pods with no rules denies all their ingress.
    await c.create(Resources.networkpolicies, policy('team', 'deny', { podSelector: {} }));
    expect(allowed(api, other, 80)).toBe(false);
  });
});
