import type { Service } from 'kubernetes-types/core/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { Resources } from '../../engine/apiserver/registry/resources';
import type { Cluster } from '../../engine/cluster/cluster';
import { proxyPath, proxyPorts, requestThroughProxy } from './proxyRequest';
import { podsOf, startTestCluster } from './testCluster';

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

const web: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }, { port: 8443 }] } };

describe('requestThroughProxy', () => {
  it('names ports as the proxy looks them up, and builds the proxy path', () => {
    expect(proxyPorts('services', web)).toEqual(['http', '8443']);
    expect(proxyPorts('pods', { spec: { containers: [{ name: 'a', ports: [{ containerPort: 8080 }] }, { name: 'b' }] } })).toEqual(['8080']);
    expect(proxyPath('services', 'default', 'web', 'http', 'index.html')).toBe('/api/v1/namespaces/default/services/web%3Ahttp/proxy/index.html');
  });

  it("shows the simulated server's answer, or the API server's error when nothing is reachable", async () => {
    cluster = await startTestCluster();
    const c = cluster.client;
    await c.create(Resources.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    await c.create(Resources.services, { ...web, spec: { ...web.spec, ports: [{ name: 'http', port: 80 }] } });
    await cluster.sim.advance(60_000);
    const page = await requestThroughProxy(c, 'services', 'default', 'web', 'http', '/');
    expect(page.status).toBe(200);
    expect(page.headers).toContainEqual(['Content-Type', 'text/html']);
    expect(page.body).toContain('Welcome to nginx!');
    const missing = await requestThroughProxy(c, 'services', 'default', 'web', 'http', '/nope?x=1');
    expect(missing.status).toBe(404);
    const [pod] = await podsOf(cluster, 'web');
    const refused = await requestThroughProxy(c, 'pods', 'default', pod.metadata!.name!, '8080', '/');
    expect(refused).toMatchObject({ status: 503, apiError: `error trying to reach service: dial tcp ${pod.status!.podIP}:8080: connect: connection refused` });
  });
});
