import { describe, expect, it } from 'vitest';
import type { Endpoints, EndpointSubset, Pod, Service } from 'kubernetes-types/core/v1';
import { Resources } from '../apiserver/registry/resources';
import { formatTime, SimEpoch } from '../sim/clock';
import { EndpointsController, repackSubsets } from './endpoints';
import { newControllerFixture } from './util/recordingClient';

const ns = 'default';
const t0 = formatTime(SimEpoch - 60_000);
const epPath = `/api/v1/namespaces/${ns}/endpoints/nginx`;

function service(extra: Partial<Service['spec']> = {}, labels: Record<string, string> = { app: 'nginx' }): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'nginx', namespace: ns, uid: 'svc-uid', resourceVersion: '5', creationTimestamp: t0, labels },
    spec: { clusterIP: '10.96.0.50', selector: { app: 'nginx' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], ...extra },
  };
}

interface PodOpts {
  ready?: boolean;
  ip?: string | null;
  deleting?: boolean;
  phase?: string;
  ports?: { name: string; containerPort: number }[];
  node?: string;
}

function pod(name: string, ip: string, o: PodOpts = {}): Pod {
  const podIP = o.ip === null ? undefined : (o.ip ?? ip);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      uid: `${name}-uid`,
      resourceVersion: '7',
      labels: { app: 'nginx' },
      deletionTimestamp: o.deleting ? t0 : undefined,
    },
    spec: { nodeName: o.node ?? 'node-1', containers: [{ name: 'nginx', image: 'nginx', ports: o.ports }] },
    status: {
      phase: o.phase ?? 'Running',
      podIP,
      podIPs: podIP ? [{ ip: podIP }] : undefined,
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: t0 }],
    },
  };
}

function address(name: string, ip: string, node = 'node-1') {
  return { ip, nodeName: node, targetRef: { kind: 'Pod', namespace: ns, name, uid: `${name}-uid` } };
}

function setup(svc: Service | undefined, pods: Pod[], existing?: Endpoints) {
  const fx = newControllerFixture();
  const c = new EndpointsController(fx.ctx);
  if (svc) fx.add(Resources.services, svc);
  fx.add(Resources.pods, ...pods);
  if (existing) fx.add(Resources.endpoints, existing);
  const writes = () => fx.transport.writes.map((w) => `${w.method} ${w.path}`);
  return { fx, c, writes };
}

const threePods = [pod('nginx-b', '10.244.2.2'), pod('nginx-a', '10.244.1.3'), pod('nginx-c', '10.244.1.10', { node: 'node-2' })];

describe('EndpointsController.sync', () => {
  it('creates Endpoints with the ready pods sorted by IP and the service port', async () => {
    const { fx, c, writes } = setup(service(), threePods);
    await c.sync('default/nginx');
    expect(writes()).toEqual([`POST /api/v1/namespaces/${ns}/endpoints`]);
    expect(fx.transport.writes[0].body).toEqual({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'nginx',
        namespace: ns,
        labels: { app: 'nginx' },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': t0 },
      },
      subsets: [
        {
          addresses: [address('nginx-c', '10.244.1.10', 'node-2'), address('nginx-a', '10.244.1.3'), address('nginx-b', '10.244.2.2')],
          ports: [{ port: 80, protocol: 'TCP' }],
        },
      ],
    });
  });

  it('writes nothing on the second sync once the cache holds what it created', async () => {
    const { fx, c, writes } = setup(service(), threePods);
    await c.sync('default/nginx');
    const created = fx.transport.writes[0].body as Endpoints;
    fx.add(Resources.endpoints, { ...created, metadata: { ...created.metadata, resourceVersion: '20', uid: 'ep-uid' } });
    fx.transport.reset();
    await c.sync('default/nginx');
    expect(writes()).toEqual([]);
  });

  it('refuses to act on a cache that has not yet seen the Endpoints it created', async () => {
    const { c, fx } = setup(service(), threePods);
    await c.sync('default/nginx');
    fx.transport.reset();
    await expect(c.sync('default/nginx')).rejects.toThrow(/informer cache is out of date/);
    expect(fx.transport.writes).toEqual([]);
  });

  it.each([
    ['a not-ready pod goes to notReadyAddresses', {}, false, 'notReadyAddresses'],
    ['publishNotReadyAddresses puts a not-ready pod in addresses', { publishNotReadyAddresses: true }, false, 'addresses'],
  ])('%s', async (_name, spec, ready, field) => {
    const { fx, c } = setup(service(spec), [pod('nginx-a', '10.244.1.3', { ready })]);
    await c.sync('default/nginx');
    const ep = fx.transport.writes[0].body as Endpoints;
    expect(ep.subsets).toEqual([{ [field]: [address('nginx-a', '10.244.1.3')], ports: [{ port: 80, protocol: 'TCP' }] }]);
  });

  it.each([
    ['a terminating pod', pod('x', '10.244.1.4', { deleting: true })],
    ['a pod without an IP', pod('x', '', { ip: null })],
    ['a succeeded pod', pod('x', '10.244.1.4', { phase: 'Succeeded' })],
  ])('leaves out %s', async (_name, extra) => {
    const { fx, c } = setup(service(), [pod('nginx-a', '10.244.1.3'), extra]);
    await c.sync('default/nginx');
    const ep = fx.transport.writes[0].body as Endpoints;
    expect(ep.subsets).toEqual([{ addresses: [address('nginx-a', '10.244.1.3')], ports: [{ port: 80, protocol: 'TCP' }] }]);
  });

  it('resolves named target ports per pod and leaves a pod out of the ports it lacks', async () => {
    const svc = service({
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' },
        { name: 'metrics', port: 9100, protocol: 'TCP', targetPort: 9100 },
      ],
    });
    const pods = [pod('nginx-a', '10.244.1.3', { ports: [{ name: 'web', containerPort: 8080 }] }), pod('nginx-b', '10.244.1.4')];
    const { fx, c } = setup(svc, pods);
    await c.sync('default/nginx');
    expect((fx.transport.writes[0].body as Endpoints).subsets).toEqual([
      {
        addresses: [address('nginx-a', '10.244.1.3'), address('nginx-b', '10.244.1.4')],
        ports: [{ name: 'metrics', port: 9100, protocol: 'TCP' }],
      },
      { addresses: [address('nginx-a', '10.244.1.3')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
    ]);
  });

  it('updates the Endpoints in place when a pod stops being ready, keeping its metadata', async () => {
    const existing: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'nginx', namespace: ns, uid: 'ep-uid', resourceVersion: '30', labels: { app: 'nginx' } },
      subsets: [{ addresses: [address('nginx-a', '10.244.1.3')], ports: [{ port: 80, protocol: 'TCP' }] }],
    };
    const { fx, c, writes } = setup(service(), [pod('nginx-a', '10.244.1.3', { ready: false })], existing);
    await c.sync('default/nginx');
    expect(writes()).toEqual([`PUT ${epPath}`]);
    expect(fx.transport.writes[0].body).toEqual({
      ...existing,
      metadata: { ...existing.metadata, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': t0 } },
      subsets: [{ notReadyAddresses: [address('nginx-a', '10.244.1.3')], ports: [{ port: 80, protocol: 'TCP' }] }],
    });
  });

  it('labels the Endpoints of a headless Service and creates them even without pods', async () => {
    const { fx, c } = setup(service({ clusterIP: 'None' }, {}), []);
    await c.sync('default/nginx');
    const ep = fx.transport.writes[0].body as Endpoints;
    expect(ep.metadata?.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(ep.subsets).toBeUndefined();
  });

  it.each([
    ['a Service without a selector', service({ selector: undefined })],
    ['an ExternalName Service', service({ type: 'ExternalName', externalName: 'example.com' })],
  ])('leaves the Endpoints of %s alone', async (_name, svc) => {
    const { c, writes } = setup(svc, threePods);
    await c.sync('default/nginx');
    expect(writes()).toEqual([]);
  });

  it('deletes the Endpoints of a deleted Service', async () => {
    const { c, writes } = setup(undefined, threePods);
    await c.sync('default/nginx');
    expect(writes()).toEqual([`DELETE ${epPath}`]);
  });
});

describe('repackSubsets', () => {
  const a = address('a', '10.0.0.1');
  const b = address('b', '10.0.0.2');
  const http = { name: 'http', port: 80, protocol: 'TCP' };
  const https = { name: 'https', port: 443, protocol: 'TCP' };
  it.each<[string, EndpointSubset[], EndpointSubset[]]>([
    [
      'merges the subsets of one port',
      [
        { addresses: [b], ports: [http] },
        { addresses: [a], ports: [http] },
      ],
      [{ addresses: [a, b], ports: [http] }],
    ],
    [
      'merges the ports served by the same addresses',
      [
        { addresses: [a], ports: [https] },
        { addresses: [a], ports: [http] },
      ],
      [{ addresses: [a], ports: [http, https] }],
    ],
    [
      'keeps an address not ready on a port where it is not ready anywhere',
      [
        { addresses: [a], ports: [http] },
        { notReadyAddresses: [a], ports: [http] },
      ],
      [{ notReadyAddresses: [a], ports: [http] }],
    ],
    ['keeps portless addresses without ports', [{ addresses: [a], ports: [] }], [{ addresses: [a] }]],
    ['returns nothing for nothing', [], []],
  ])('%s', (_name, input, want) => {
    expect(repackSubsets(input)).toEqual(want);
  });
});
