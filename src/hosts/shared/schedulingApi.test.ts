import type { Pod } from 'kubernetes-types/core/v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Resources } from '../../engine/apiserver/registry/resources';
import { Cluster } from '../../engine/cluster/cluster';
import { startApiserver } from '../node/apiserverMain';
import { playgroundApi } from './playgroundApi';
import { serveSchedulingApi, type PodSchedulingExplanation } from './schedulingApi';
import { SimRunner } from './simRunner';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
const pathOf = (ns: string, name: string) => `/playground/v1/namespaces/${ns}/pods/${name}/scheduling`;

function pod(name: string, cpu: string, nodeName?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }] },
  };
}

describe('GET /playground/v1/namespaces/{ns}/pods/{name}/scheduling', () => {
  let cluster: Cluster;
  const get = async (name: string) => (await serveSchedulingApi(cluster.apiServer, { method: 'GET', path: pathOf('default', name) }))!;

  beforeAll(async () => {
    cluster = new Cluster({ yieldToHost, workers: 2, seed: 'scheduling-api' });
    await cluster.start();
    await cluster.client.create(Resources.pods, pod('huge', '100'));
    // Bound at creation, as a bound pod looks to the API whoever bound it.
    await cluster.client.create(Resources.pods, pod('small', '500m', 'worker-1'));
    // Nodes join tainted not-ready; a minute later their kubelets are Ready and the taint is gone.
    await cluster.sim.advance(60_000);
  });
  afterAll(() => cluster.stop());

  it('names the filter that rejected every node of a pod that fits nowhere', async () => {
    const res = await get('huge');
    expect(res.status).toBe(200);
    const body = res.body as PodSchedulingExplanation;
    expect(body).toMatchObject({ kind: 'PodSchedulingExplanation', apiVersion: 'playground/v1', pod: { namespace: 'default', name: 'huge', schedulerName: 'default-scheduler' }, bestNodes: [] });
    expect(body.pod.nodeName).toBeUndefined();
    expect(body.nodes.map((n) => [n.node, n.feasible, n.rejectedBy?.plugin, n.rejectedBy?.reasons])).toEqual([
      ['control-plane', false, 'TaintToleration', ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']],
      ['worker-1', false, 'NodeResourcesFit', ['Insufficient cpu']],
      ['worker-2', false, 'NodeResourcesFit', ['Insufficient cpu']],
    ]);
    expect(body.message).toBe('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.');
  });

  it('scores the feasible nodes of a bound pod without counting the pod itself', async () => {
    const body = (await get('small')).body as PodSchedulingExplanation;
    expect(body.pod.nodeName).toBe('worker-1');
    const workers = body.nodes.filter((n) => n.feasible);
    expect(workers.map((n) => n.node)).toEqual(['worker-1', 'worker-2']);
    for (const w of workers) {
      expect(w.scores?.map((s) => s.plugin)).toContain('NodeResourcesFit');
      expect(w.totalScore).toBe(w.scores!.reduce((sum, s) => sum + s.score, 0));
    }
    // Had the pod counted on worker-1, worker-1 would score lower than the empty worker-2.
    expect(workers[0].totalScore).toBe(workers[1].totalScore);
    expect(body.bestNodes).toEqual(['worker-1', 'worker-2']);
    expect(body.message).toBeUndefined();
  });

  it('answers an unknown pod with the API server’s NotFound Status', async () => {
    const res = await get('nope');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404, message: 'pods "nope" not found' });
  });

  it('refuses writes and leaves other paths to the API server', async () => {
    const post = await serveSchedulingApi(cluster.apiServer, { method: 'POST', path: pathOf('default', 'small') });
    expect(post).toMatchObject({ status: 405, body: { reason: 'MethodNotAllowed' } });
    expect(await serveSchedulingApi(cluster.apiServer, { method: 'GET', path: '/api/v1/namespaces/default/pods/small' })).toBeUndefined();
    expect(await serveSchedulingApi(cluster.apiServer, { method: 'GET', path: '/playground/v1/clock' })).toBeUndefined();
  });
});

describe('scheduling explanation hosts', () => {
  it('is one of the playground paths every host serves', async () => {
    const cluster = new Cluster({ yieldToHost, workers: 1, seed: 'explain-playground' });
    await cluster.start();
    const route = playgroundApi(new SimRunner(cluster.sim, 0), cluster, cluster.apiServer);
    const res = await route({ method: 'GET', path: pathOf('default', 'missing') });
    expect(res).toMatchObject({ status: 404, body: { message: 'pods "missing" not found' } });
    cluster.stop();
  });

  it('is served over HTTP by the Node API server', async () => {
    const server = await startApiserver(['--port', '0', '--speed', '0', '--nodes', '1', '--seed', 'explain-http']);
    try {
      await server.cluster.client.create(Resources.pods, pod('web', '100m'));
      const res = await fetch(`${server.url}${pathOf('default', 'web')}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as PodSchedulingExplanation;
      expect(body.nodes.map((n) => n.node)).toEqual(['control-plane', 'worker-1']);
    } finally {
      await server.close();
    }
  });
});
