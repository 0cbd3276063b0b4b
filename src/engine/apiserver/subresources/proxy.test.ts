import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse, HttpMethod } from '../../client/transport';
import { Cluster } from '../../cluster/cluster';
import { Resources } from '../registry/resources';

// pods/proxy and services/proxy through the API server, against the simulated processes of a cluster.

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

function deployment(name: string, image: string, port: number, extra: Partial<Pod['spec']> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image, ports: [{ containerPort: port }] }], ...extra } },
    },
  };
}

function service(name: string, port: number, targetPort: number, portName?: string): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ports: [{ name: portName, port, targetPort }] } };
}

async function start(): Promise<Cluster> {
  cluster = new Cluster({ seed: 3, workers: 2, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) });
  await cluster.start();
  await cluster.client.create(Resources.deployments, deployment('web', 'nginx:1.27', 80));
  await cluster.client.create(Resources.services, service('web', 8080, 80, 'http'));
  await cluster.client.create(Resources.deployments, deployment('hello', 'gcr.io/google-samples/kubernetes-bootcamp:v1', 8080));
  await cluster.client.create(Resources.services, service('hello', 80, 8080));
  await cluster.sim.advance(60_000);
  return cluster;
}

const call = (c: Cluster, path: string, method: HttpMethod = 'GET', query?: ApiRequest['query']): ApiResponse => c.apiServer.handle({ method, path, query, remote: false });
const message = (r: ApiResponse) => (r.body as { message?: string }).message;

async function podsOf(c: Cluster, app: string): Promise<Pod[]> {
  return (await c.client.list<Pod>(Resources.pods, { namespace: 'default', labelSelector: `app=${app}` })).items;
}

describe('services/proxy and pods/proxy', () => {
  it('forwards to a ready endpoint of the Service, by port name or number, and the simulated server answers', async () => {
    const c = await start();
    // The port is named, so a request naming no port finds no endpoint port without a name.
    expect(call(c, '/api/v1/namespaces/default/services/web/proxy/')).toMatchObject({ status: 503, body: { message: 'no endpoints available for service "web"' } });
    const page = call(c, '/api/v1/namespaces/default/services/web:http/proxy/');
    expect(page.status).toBe(200);
    expect(page.contentType).toBe('text/html');
    expect(page.body).toContain('<h1>Welcome to nginx!</h1>');
    expect(call(c, '/api/v1/namespaces/default/services/http:web:8080/proxy/index.html').body).toBe(page.body);
    // Both replicas answer over time: the endpoint is picked at random.
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) seen.add(String(call(c, '/api/v1/namespaces/default/services/hello/proxy/').body));
    const names = (await podsOf(c, 'hello')).map((p) => p.metadata!.name!);
    expect([...seen].sort()).toEqual(names.map((n) => `Hello Kubernetes bootcamp! | Running on: ${n} | v=1\n`).sort());
  });

  it("answers with Kubernetes' errors when there is nothing to reach", async () => {
    const c = await start();
    expect(message(call(c, '/api/v1/namespaces/default/services/web:9999/proxy/'))).toBe('no service port 9999 found for service "web"');
    expect(call(c, '/api/v1/namespaces/default/services/nope/proxy/')).toMatchObject({ status: 404, body: { message: 'endpoints "nope" not found' } });
    expect(call(c, '/api/v1/namespaces/default/services/nope:80/proxy/')).toMatchObject({ status: 404, body: { message: 'services "nope" not found' } });
    expect(message(call(c, '/api/v1/namespaces/default/services/a:b:c:d/proxy/'))).toBe('invalid service request "a:b:c:d"');
    const pod = (await podsOf(c, 'web'))[0];
    const refused = call(c, `/api/v1/namespaces/default/pods/${pod.metadata!.name}:8080/proxy/`);
    expect(refused).toMatchObject({ status: 503, body: { reason: 'ServiceUnavailable', message: `error trying to reach service: dial tcp ${pod.status!.podIP}:8080: connect: connection refused` } });
    expect(message(call(c, `/api/v1/namespaces/default/pods/https:${pod.metadata!.name}:80/proxy/`))).toBe('error trying to reach service: http: server gave HTTP response to HTTPS client');
    // Scaled to zero, the Service has no endpoints left.
    await c.client.patch(Resources.deployments, 'default', 'web', 'merge', { spec: { replicas: 0 } });
    await c.sim.advance(60_000);
    expect(call(c, '/api/v1/namespaces/default/services/web:http/proxy/')).toMatchObject({ status: 503, body: { message: 'no endpoints available for service "web"' } });
  });

  it("reaches a pod on its first declared port, says a pod without an IP is no address, and redirects the bare path", async () => {
    const c = await start();
    const pod = (await podsOf(c, 'hello'))[0];
    const base = `/api/v1/namespaces/default/pods/${pod.metadata!.name}/proxy`;
    expect(call(c, `${base}/`).body).toBe(`Hello Kubernetes bootcamp! | Running on: ${pod.metadata!.name} | v=1\n`);
    expect(call(c, base, 'GET', { a: 'b' })).toMatchObject({ status: 301, headers: { Location: `${base}/?a=b` } });
    expect(call(c, `${base}/`, 'HEAD')).toMatchObject({ status: 200, body: '' });
    expect(call(c, '/api/v1/namespaces/default/pods/nope/proxy/')).toMatchObject({ status: 404, body: { message: 'pods "nope" not found' } });
    await c.client.create(Resources.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pending', namespace: 'default' }, spec: { nodeName: 'nowhere', containers: [{ name: 'c', image: 'nginx' }] } });
    expect(call(c, '/api/v1/namespaces/default/pods/pending/proxy/')).toMatchObject({ status: 400, body: { message: 'address not allowed' } });
    // HEAD and OPTIONS are for proxies only.
    expect(call(c, '/api/v1/namespaces/default/pods', 'HEAD')).toMatchObject({ status: 405, body: { message: 'HEAD is not supported' } });
  });
});
