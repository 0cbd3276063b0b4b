import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Resources } from '../../engine/apiserver/registry/resources';
import { Cluster } from '../../engine/cluster/cluster';
import { startApiserver } from '../node/apiserverMain';
import { parseNodeRequest, serveNodesApi } from './nodesApi';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
const post = (body: unknown) => ({ method: 'POST' as const, path: '/playground/v1/nodes', body });
const isReady = (n: Node) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

const subdomain =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const quantityFormat = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

describe('parseNodeRequest', () => {
  it.each([
    [{}, {}],
    [{ name: 'big-1', cpu: '16', memory: '64Gi', pods: '250' }, { name: 'big-1', cpu: '16', memory: '64Gi', pods: '250' }],
    [{ name: null, cpu: '500m' }, { cpu: '500m' }],
  ])('accepts %j', (body, request) => {
    expect(parseNodeRequest(body)).toEqual({ request });
  });

  it.each([
    [{ name: 'Worker_9' }, `NodeRequest is invalid: name: Invalid value: "Worker_9": ${subdomain}`],
    [{ cpu: 'lots' }, `NodeRequest is invalid: cpu: Invalid value: "lots": ${quantityFormat}`],
    [{ memory: '8Gm' }, `NodeRequest is invalid: memory: Invalid value: "8Gm": unable to parse quantity's suffix`],
    [{ cpu: '-1' }, 'NodeRequest is invalid: cpu: Invalid value: "-1": must be greater than or equal to 0'],
    [{ pods: '1.5' }, 'NodeRequest is invalid: pods: Invalid value: "1.5": must be an integer'],
    [{ cpu: 'x', pods: '-2' }, `NodeRequest is invalid: [cpu: Invalid value: "x": ${quantityFormat}, pods: Invalid value: "-2": must be greater than or equal to 0]`],
    [{ cpu: 4 }, 'json: cannot unmarshal number into Go struct field NodeRequest.cpu of type string'],
    [{ name: true }, 'json: cannot unmarshal bool into Go struct field NodeRequest.name of type string'],
    [{ gpus: '1' }, 'strict decoding error: unknown field "gpus"'],
  ])('refuses %j: %s', (body, message) => {
    const parsed = parseNodeRequest(body as Record<string, unknown>);
    expect(parsed).toMatchObject({ status: { kind: 'Status', status: 'Failure', code: 400, reason: 'BadRequest', message } });
  });
});

describe('POST /playground/v1/nodes on a single-process cluster', () => {
  it('starts a kubelet that registers its Node and turns Ready; a taken name is 409, bad input 400', async () => {
    const cluster = new Cluster({ seed: 'nodes', workers: 2, yieldToHost });
    await cluster.start();
    const accepted = await serveNodesApi(cluster, post('{"memory": "16Gi"}'));
    expect(accepted).toEqual({ status: 202, body: { kind: 'NodeRequest', name: 'worker-3' } });
    const named = await serveNodesApi(cluster, post({ name: 'edge-1', cpu: '2', pods: '30' }));
    expect(named).toEqual({ status: 202, body: { kind: 'NodeRequest', name: 'edge-1' } });

    for (const name of ['worker-1', 'edge-1']) {
      expect(await serveNodesApi(cluster, post({ name }))).toMatchObject({
        status: 409,
        body: { kind: 'Status', reason: 'AlreadyExists', code: 409, message: `nodes "${name}" already exists`, details: { name, kind: 'nodes' } },
      });
    }
    expect(await serveNodesApi(cluster, post('{"cpu": '))).toMatchObject({ status: 400, body: { reason: 'BadRequest' } });
    expect(await serveNodesApi(cluster, post('[]'))).toMatchObject({ status: 400, body: { message: 'the request body must be a JSON object' } });
    expect(await serveNodesApi(cluster, { method: 'GET', path: '/playground/v1/nodes' })).toMatchObject({ status: 405 });
    expect(await serveNodesApi(cluster, { method: 'POST', path: '/playground/v1/clock' })).toBeUndefined();

    await cluster.sim.advance(30_000);
    const worker3 = await cluster.client.get<Node>(Resources.nodes, undefined, 'worker-3');
    const edge = await cluster.client.get<Node>(Resources.nodes, undefined, 'edge-1');
    expect([isReady(worker3), isReady(edge)]).toEqual([true, true]);
    // Nodes are numbered in the order they joined: control-plane, worker-1, worker-2, worker-3, edge-1.
    expect([worker3.spec?.podCIDR, edge.spec?.podCIDR]).toEqual(['10.244.3.0/24', '10.244.4.0/24']);
    expect(worker3.status?.addresses).toContainEqual({ type: 'InternalIP', address: '172.18.0.5' });
    expect(worker3.status?.capacity).toMatchObject({ cpu: '4', memory: '16Gi', pods: '110' });
    expect(edge.status?.capacity).toMatchObject({ cpu: '2', memory: '8Gi', pods: '30' });
    cluster.stop();
  });

  it('skips a worker-N name a Node object already has, kubelet or not', async () => {
    const cluster = new Cluster({ seed: 'nodes-taken', workers: 1, yieldToHost });
    await cluster.start();
    await cluster.client.create<Node>(Resources.nodes, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-2' } });
    expect(await serveNodesApi(cluster, post({}))).toMatchObject({ status: 202, body: { name: 'worker-3' } });
    expect(await serveNodesApi(cluster, post({ name: 'worker-2' }))).toMatchObject({ status: 409 });
    cluster.stop();
  });
});

describe('POST /playground/v1/nodes over HTTP (npm run apiserver)', () => {
  it('adds a node that kubectl then lists Ready', async () => {
    const server = await startApiserver(['--port', '0', '--speed', '0', '--nodes', '1', '--seed', 'nodes-http']);
    try {
      const res = await fetch(`${server.url}/playground/v1/nodes`, { method: 'POST', body: '{"name": "worker-9"}' });
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ kind: 'NodeRequest', name: 'worker-9' });
      const again = await fetch(`${server.url}/playground/v1/nodes`, { method: 'POST', body: '{"name": "worker-9"}' });
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', message: 'nodes "worker-9" already exists' });
      const bad = await fetch(`${server.url}/playground/v1/nodes`, { method: 'POST', body: '{"cpu": "many"}' });
      expect(bad.status).toBe(400);
      await fetch(`${server.url}/playground/v1/clock/advance`, { method: 'POST', body: '{"seconds": 30}' });
      const node = (await (await fetch(`${server.url}/api/v1/nodes/worker-9`)).json()) as Node;
      expect(isReady(node)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
