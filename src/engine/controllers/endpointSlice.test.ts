import { describe, expect, it } from 'vitest';
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { Resources } from '../apiserver/registry/resources';
import { formatTime, SimEpoch } from '../sim/clock';
import { EndpointSliceController } from './endpointSlice';
import { newControllerFixture } from './util/recordingClient';

const ns = 'default';
const t0 = formatTime(SimEpoch - 60_000);
const slicesPath = `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`;
const managedLabels = {
  app: 'nginx',
  'kubernetes.io/service-name': 'nginx',
  'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
};
const ownerRef = { apiVersion: 'v1', kind: 'Service', name: 'nginx', uid: 'svc-uid', controller: true, blockOwnerDeletion: true };
const trigger = { 'endpoints.kubernetes.io/last-change-trigger-time': t0 };

function service(extra: Partial<Service['spec']> = {}, labels: Record<string, string> = { app: 'nginx' }): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'nginx', namespace: ns, uid: 'svc-uid', resourceVersion: '5', creationTimestamp: t0, labels },
    spec: {
      clusterIP: '10.96.0.50',
      ipFamilies: ['IPv4'],
      selector: { app: 'nginx' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }],
      ...extra,
    },
  };
}

function pod(
  name: string,
  ip: string,
  o: { ready?: boolean; deleting?: boolean; node?: string; ports?: { name: string; containerPort: number }[] } = {},
): Pod {
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
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: t0 }],
    },
  };
}

const nodes: Node[] = [
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'zone-a' } } },
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-2' } },
];

function endpoint(name: string, ip: string, o: { ready?: boolean; serving?: boolean; terminating?: boolean; node?: string } = {}) {
  const node = o.node ?? 'node-1';
  return {
    addresses: [ip],
    conditions: { ready: o.ready ?? true, serving: o.serving ?? true, terminating: o.terminating ?? false },
    targetRef: { kind: 'Pod', namespace: ns, name, uid: `${name}-uid` },
    nodeName: node,
    ...(node === 'node-1' ? { zone: 'zone-a' } : {}),
  };
}

function slice(name: string, endpoints: unknown[], ports: unknown[] = [{ name: 'http', protocol: 'TCP', port: 80 }]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name,
      namespace: ns,
      uid: `${name}-uid`,
      resourceVersion: '40',
      generation: 1,
      generateName: 'nginx-',
      labels: managedLabels,
      ownerReferences: [ownerRef],
    },
    addressType: 'IPv4',
    endpoints: endpoints as EndpointSlice['endpoints'],
    ports: ports as EndpointSlice['ports'],
  };
}

function setup(svc: Service | undefined, pods: Pod[], slices: EndpointSlice[] = []) {
  const fx = newControllerFixture();
  const c = new EndpointSliceController(fx.ctx);
  if (svc) fx.add(Resources.services, svc);
  fx.add(Resources.pods, ...pods);
  fx.add(Resources.nodes, ...nodes);
  fx.add(Resources.endpointslices, ...slices);
  const writes = () => fx.transport.writes.map((w) => `${w.method} ${w.path}`);
  const bodies = () => fx.transport.writes.map((w) => w.body as EndpointSlice);
  return { fx, c, writes, bodies };
}

describe('EndpointSliceController.sync', () => {
  it('creates one slice for the ready pods with zone, node and target, owned by the Service', async () => {
    const pods = [pod('nginx-a', '10.244.1.3'), pod('nginx-b', '10.244.2.2', { node: 'node-2' }), pod('nginx-c', '10.244.1.10')];
    const { c, writes, bodies } = setup(service(), pods);
    await c.sync('default/nginx');
    expect(writes()).toEqual([`POST ${slicesPath}`]);
    expect(bodies()[0]).toEqual({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { generateName: 'nginx-', namespace: ns, labels: managedLabels, ownerReferences: [ownerRef], annotations: trigger },
      addressType: 'IPv4',
      endpoints: [
        endpoint('nginx-a', '10.244.1.3'),
        endpoint('nginx-b', '10.244.2.2', { node: 'node-2' }),
        endpoint('nginx-c', '10.244.1.10'),
      ],
      ports: [{ name: 'http', protocol: 'TCP', port: 80 }],
    });
  });

  it('writes nothing on the second sync once the cache holds the slice it created', async () => {
    const { fx, c } = setup(service(), [pod('nginx-a', '10.244.1.3')]);
    await c.sync('default/nginx');
    const created = structuredClone(fx.transport.writes[0].body) as EndpointSlice;
    created.metadata = { ...created.metadata, name: 'nginx-00001', uid: 'uid-nginx-00001', resourceVersion: '1', generation: 1 };
    fx.add(Resources.endpointslices, created);
    fx.transport.reset();
    await c.sync('default/nginx');
    expect(fx.transport.writes).toEqual([]);
  });

  it('waits for a cache that has not yet seen the slice it created', async () => {
    const { fx, c } = setup(service(), [pod('nginx-a', '10.244.1.3')]);
    await c.sync('default/nginx');
    fx.transport.reset();
    await expect(c.sync('default/nginx')).rejects.toThrow('EndpointSlice informer cache is out of date');
    expect(fx.transport.writes).toEqual([]);
  });

  it('updates the slice in place when a pod turns unready or starts terminating', async () => {
    const existing = slice('nginx-x1', [endpoint('nginx-a', '10.244.1.3'), endpoint('nginx-b', '10.244.1.4')]);
    const pods = [pod('nginx-a', '10.244.1.3', { ready: false }), pod('nginx-b', '10.244.1.4', { deleting: true })];
    const { c, writes, bodies } = setup(service(), pods, [existing]);
    await c.sync('default/nginx');
    expect(writes()).toEqual([`PUT ${slicesPath}/nginx-x1`]);
    expect(bodies()[0]).toEqual({
      ...existing,
      metadata: { ...existing.metadata, annotations: trigger },
      endpoints: [
        endpoint('nginx-a', '10.244.1.3', { ready: false, serving: false }),
        endpoint('nginx-b', '10.244.1.4', { ready: false, serving: true, terminating: true }),
      ],
    });
  });

  it('drops a deleted pod from its slice and deletes a slice left empty', async () => {
    const a = slice('nginx-x1', [endpoint('nginx-a', '10.244.1.3'), endpoint('nginx-b', '10.244.1.4')]);
    const b = slice('nginx-x2', [endpoint('nginx-c', '10.244.1.5')]);
    const { c, writes, bodies } = setup(service(), [pod('nginx-a', '10.244.1.3')], [a, b]);
    await c.sync('default/nginx');
    expect(writes()).toEqual([`PUT ${slicesPath}/nginx-x1`, `DELETE ${slicesPath}/nginx-x2`]);
    expect(bodies()[0].endpoints).toEqual([endpoint('nginx-a', '10.244.1.3')]);
  });

  it('adds a new pod to the unchanged slice it fits instead of creating one', async () => {
    const existing = slice('nginx-x1', [endpoint('nginx-a', '10.244.1.3')]);
    const { c, writes, bodies } = setup(service(), [pod('nginx-a', '10.244.1.3'), pod('nginx-b', '10.244.1.4')], [existing]);
    await c.sync('default/nginx');
    expect(writes()).toEqual([`PUT ${slicesPath}/nginx-x1`]);
    expect(bodies()[0].endpoints).toEqual([endpoint('nginx-a', '10.244.1.3'), endpoint('nginx-b', '10.244.1.4')]);
  });

  it('splits 150 endpoints over slices of at most 100', async () => {
    const pods = Array.from({ length: 150 }, (_, i) => pod(`nginx-${i}`, `10.244.${Math.floor(i / 200)}.${i + 2}`));
    const { c, writes, bodies } = setup(service(), pods);
    await c.sync('default/nginx');
    expect(writes()).toEqual([`POST ${slicesPath}`, `POST ${slicesPath}`]);
    expect(bodies().map((b) => b.endpoints.length)).toEqual([100, 50]);
  });

  it('groups endpoints by the ports their pods resolve', async () => {
    const svc = service({ ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' }] });
    const pods = [
      pod('nginx-a', '10.244.1.3', { ports: [{ name: 'web', containerPort: 8080 }] }),
      pod('nginx-b', '10.244.1.4', { ports: [{ name: 'web', containerPort: 9090 }] }),
    ];
    const { c, bodies } = setup(svc, pods);
    await c.sync('default/nginx');
    expect(bodies().map((b) => [b.ports, b.endpoints.map((e) => e.targetRef?.name)])).toEqual([
      [[{ name: 'http', protocol: 'TCP', port: 8080 }], ['nginx-a']],
      [[{ name: 'http', protocol: 'TCP', port: 9090 }], ['nginx-b']],
    ]);
  });

  it('keeps one empty placeholder slice for a Service without endpoints, and keeps it without rewriting', async () => {
    const first = setup(service(), []);
    await first.c.sync('default/nginx');
    expect(first.bodies()).toEqual([
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { generateName: 'nginx-', namespace: ns, labels: managedLabels, ownerReferences: [ownerRef], annotations: trigger },
        addressType: 'IPv4',
        endpoints: [],
        ports: [],
      },
    ]);
    const again = setup(service(), [], [slice('nginx-p', [], [])]);
    await again.c.sync('default/nginx');
    expect(again.writes()).toEqual([]);
  });

  it('turns the placeholder into the first real slice instead of deleting it', async () => {
    const { c, writes, bodies } = setup(service(), [pod('nginx-a', '10.244.1.3')], [slice('nginx-p', [], [])]);
    await c.sync('default/nginx');
    expect(writes()).toEqual([`PUT ${slicesPath}/nginx-p`]);
    expect(bodies()[0].metadata?.name).toBe('nginx-p');
    expect(bodies()[0].endpoints).toEqual([endpoint('nginx-a', '10.244.1.3')]);
  });

  it('updates slice labels when the Service labels change', async () => {
    const existing = slice('nginx-x1', [endpoint('nginx-a', '10.244.1.3')]);
    const { c, writes, bodies } = setup(service({}, { app: 'nginx', tier: 'web' }), [pod('nginx-a', '10.244.1.3')], [existing]);
    await c.sync('default/nginx');
    expect(writes()).toEqual([`PUT ${slicesPath}/nginx-x1`]);
    expect(bodies()[0].metadata?.labels).toEqual({ ...managedLabels, tier: 'web' });
  });

  it('leaves out a pod whose node is unknown, writes the rest and reports the error', async () => {
    const { fx, c, bodies } = setup(service(), [pod('nginx-a', '10.244.1.3'), pod('nginx-b', '10.244.9.9', { node: 'gone' })]);
    await expect(c.sync('default/nginx')).rejects.toThrow('skipping Pod nginx-b for Service default/nginx: Node gone Not Found');
    expect(bodies()[0].endpoints).toEqual([endpoint('nginx-a', '10.244.1.3')]);
    await fx.sim.settle();
    expect(fx.transport.events).toEqual([
      {
        type: 'Warning',
        reason: 'FailedToUpdateEndpointSlices',
        message:
          'Error updating Endpoint Slices for Service default/nginx: skipping Pod nginx-b for Service default/nginx: Node gone Not Found',
      },
    ]);
  });

  it.each([
    ['a Service without a selector', service({ selector: undefined })],
    ['an ExternalName Service', service({ type: 'ExternalName', externalName: 'example.com' })],
    ['a deleted Service', undefined],
  ])('writes nothing for %s', async (_name, svc) => {
    const { c, writes } = setup(svc, [pod('nginx-a', '10.244.1.3')]);
    await c.sync('default/nginx');
    expect(writes()).toEqual([]);
  });
});
