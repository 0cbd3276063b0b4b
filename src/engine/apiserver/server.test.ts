import { describe, expect, it, vi } from 'vitest';
import type { Status } from 'kubernetes-types/meta/v1';
import { ApiServer } from './server';
import { Sim } from '../sim/sim';
import type { ApiRequest, StreamChunk } from '../client/transport';
import type { KubeList, KubeObject, WatchEvent } from '../api/object';

const settle = () => new Promise((r) => setImmediate(r));

function newServer(historyLimit?: number) {
  const sim = new Sim('server-test', () => new Promise((r) => setImmediate(r)));
  const server = new ApiServer(sim, { strategies: [], freeze: true, historyLimit });
  server.handle({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: 'default' } } });
  return { sim, server };
}

const cm = (name: string, data: Record<string, string> = {}, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data,
});

function req(method: ApiRequest['method'], path: string, body?: unknown, query?: ApiRequest['query']): ApiRequest {
  return { method, path, body, query };
}

describe('ApiServer', () => {
  it('creates with uid, creationTimestamp and resourceVersion, and reads it back', () => {
    const { server } = newServer();
    const r = server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('a')));
    expect(r.status).toBe(201);
    const o = r.body as KubeObject;
    expect(o.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(o.metadata?.creationTimestamp).toBe('2025-01-01T00:00:00Z');
    const got = server.handle(req('GET', '/api/v1/namespaces/default/configmaps/a'));
    expect((got.body as KubeObject).metadata?.resourceVersion).toBe(o.metadata?.resourceVersion);
  });

  it('answers NotFound and AlreadyExists with Kubernetes messages', () => {
    const { server } = newServer();
    const nf = server.handle(req('GET', '/apis/apps/v1/namespaces/default/deployments/nope'));
    expect(nf.status).toBe(404);
    expect((nf.body as Status).message).toBe('deployments.apps "nope" not found');
    server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('a')));
    const dup = server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('a')));
    expect(dup.status).toBe(409);
    expect((dup.body as Status).reason).toBe('AlreadyExists');
    expect((dup.body as Status).message).toBe('configmaps "a" already exists');
  });

  it('refuses an update at a stale resourceVersion with the Conflict message', () => {
    const { server } = newServer();
    const created = server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('a'))).body as KubeObject;
    const first = { ...created, data: { k: '1' } };
    expect(server.handle(req('PUT', '/api/v1/namespaces/default/configmaps/a', first)).status).toBe(200);
    const stale = server.handle(req('PUT', '/api/v1/namespaces/default/configmaps/a', { ...created, data: { k: '2' } }));
    expect(stale.status).toBe(409);
    expect((stale.body as Status).message).toBe(
      'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('does not write an update that changes nothing', () => {
    const { server } = newServer();
    const created = server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('a', { k: 'v' }))).body as KubeObject;
    const again = server.handle(req('PUT', '/api/v1/namespaces/default/configmaps/a', created)).body as KubeObject;
    expect(again.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
  });

  it('names generateName objects with a 5-character suffix', () => {
    const { server } = newServer();
    const r = server.handle(req('POST', '/api/v1/namespaces/default/configmaps', { metadata: { generateName: 'cfg-' } }));
    expect((r.body as KubeObject).metadata?.name).toMatch(/^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('draws a generated name again when it collides, up to 8 attempts in all (RetryGenerateName)', () => {
    const { sim, server } = newServer();
    server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('cfg-bbbbb')));
    const draws = vi.spyOn(sim.rng, 'suffix');
    draws.mockReturnValueOnce('bbbbb').mockReturnValueOnce('bbbbb');
    const retried = server.handle(req('POST', '/api/v1/namespaces/default/configmaps', { metadata: { generateName: 'cfg-' } }));
    expect(retried.status).toBe(201);
    expect(draws).toHaveBeenCalledTimes(3);
    expect((retried.body as KubeObject).metadata?.name).not.toBe('cfg-bbbbb');
    draws.mockReset().mockReturnValue('bbbbb');
    const exhausted = server.handle(req('POST', '/api/v1/namespaces/default/configmaps', { metadata: { generateName: 'cfg-' } }));
    expect(draws).toHaveBeenCalledTimes(8);
    expect(exhausted.status).toBe(409);
    expect((exhausted.body as Status).message).toBe('configmaps "cfg-bbbbb" already exists');
  });

  it('refuses content in a namespace that does not exist', () => {
    const { server } = newServer();
    const r = server.handle(req('POST', '/api/v1/namespaces/nope/configmaps', cm('a')));
    expect(r.status).toBe(404);
    expect((r.body as Status).message).toBe('namespaces "nope" not found');
  });

  it('pages lists in key order with limit and continue', () => {
    const { server } = newServer();
    for (const n of ['c', 'a', 'e', 'b', 'd']) server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm(n)));
    const p1 = server.handle(req('GET', '/api/v1/namespaces/default/configmaps', undefined, { limit: '2' })).body as KubeList;
    expect(p1.items.map((i) => i.metadata?.name)).toEqual(['a', 'b']);
    expect(p1.metadata.remainingItemCount).toBe(3);
    const p2 = server.handle(req('GET', '/api/v1/namespaces/default/configmaps', undefined, { limit: '2', continue: p1.metadata.continue! })).body as KubeList;
    expect(p2.items.map((i) => i.metadata?.name)).toEqual(['c', 'd']);
    const p3 = server.handle(req('GET', '/api/v1/namespaces/default/configmaps', undefined, { limit: '2', continue: p2.metadata.continue! })).body as KubeList;
    expect(p3.items.map((i) => i.metadata?.name)).toEqual(['e']);
    expect(p3.metadata.continue).toBeUndefined();
  });

  it('filters lists by equality and set-based label selectors and by field selectors', () => {
    const { server } = newServer();
    server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('a', {}, { app: 'web', tier: 'fe' })));
    server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('b', {}, { app: 'db' })));
    server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('c', {}, { app: 'web', tier: 'be' })));
    const names = (q: Record<string, string>) =>
      (server.handle(req('GET', '/api/v1/namespaces/default/configmaps', undefined, q)).body as KubeList).items.map((i) => i.metadata?.name);
    expect(names({ labelSelector: 'app=web' })).toEqual(['a', 'c']);
    expect(names({ labelSelector: 'app in (web,db),tier notin (be)' })).toEqual(['a', 'b']);
    expect(names({ labelSelector: '!tier' })).toEqual(['b']);
    expect(names({ fieldSelector: 'metadata.name!=a' })).toEqual(['b', 'c']);
    const bad = server.handle(req('GET', '/api/v1/namespaces/default/configmaps', undefined, { fieldSelector: 'spec.nope=x' }));
    expect(bad.status).toBe(400);
    expect((bad.body as Status).message).toBe('field label not supported: spec.nope');
  });

  it('watches from a resourceVersion, replaying what happened since, and 410s past compaction', async () => {
    const { server } = newServer(5);
    const a = server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('a'))).body as KubeObject;
    server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('b')));
    const events: WatchEvent[] = [];
    await server.stream(req('GET', '/api/v1/namespaces/default/configmaps', undefined, { watch: 'true', resourceVersion: a.metadata!.resourceVersion! }), (c: StreamChunk) => {
      if (c.type === 'events') events.push(...c.events);
    });
    server.handle(req('DELETE', '/api/v1/namespaces/default/configmaps/a'));
    await settle();
    expect(events.map((e) => `${e.type} ${(e.object as KubeObject).metadata?.name}`)).toEqual(['ADDED b', 'DELETED a']);
    for (let i = 0; i < 10; i++) server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm(`x${i}`)));
    const ends: StreamChunk[] = [];
    await server.stream(req('GET', '/api/v1/namespaces/default/configmaps', undefined, { watch: 'true', resourceVersion: a.metadata!.resourceVersion! }), (c) => ends.push(c));
    expect(ends[0]).toMatchObject({ type: 'end', status: { code: 410, reason: 'Expired' } });
    expect((ends[0] as { status: Status }).status.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });

  it('keeps an object with finalizers until they are removed, then deletes it', () => {
    const { server } = newServer();
    server.handle(req('POST', '/api/v1/namespaces/default/configmaps', { ...cm('a'), metadata: { name: 'a', finalizers: ['example.com/hold'] } }));
    const del = server.handle(req('DELETE', '/api/v1/namespaces/default/configmaps/a'));
    expect((del.body as KubeObject).metadata?.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(server.handle(req('GET', '/api/v1/namespaces/default/configmaps/a')).status).toBe(200);
    const r = server.handle({
      method: 'PATCH',
      path: '/api/v1/namespaces/default/configmaps/a',
      contentType: 'application/merge-patch+json',
      body: { metadata: { finalizers: null } },
    });
    expect(r.status).toBe(200);
    expect(server.handle(req('GET', '/api/v1/namespaces/default/configmaps/a')).status).toBe(404);
  });

  it('changes nothing on a dry run', () => {
    const { server } = newServer();
    const r = server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('a'), { dryRun: 'All' }));
    expect(r.status).toBe(201);
    expect(server.handle(req('GET', '/api/v1/namespaces/default/configmaps/a')).status).toBe(404);
  });

  it('deletes a collection by label selector', () => {
    const { server } = newServer();
    server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('a', {}, { x: '1' })));
    server.handle(req('POST', '/api/v1/namespaces/default/configmaps', cm('b', {}, { x: '2' })));
    server.handle(req('DELETE', '/api/v1/namespaces/default/configmaps', undefined, { labelSelector: 'x=1' }));
    const left = (server.handle(req('GET', '/api/v1/namespaces/default/configmaps')).body as KubeList).items.map((i) => i.metadata?.name);
    expect(left).toEqual(['b']);
  });

  it('answers an unserved resource and an unserved group with 404', () => {
    const { server } = newServer();
    expect(server.handle(req('GET', '/apis/extensions/v1beta1/deployments')).status).toBe(404);
    expect(server.handle(req('GET', '/api/v1/widgets')).status).toBe(404);
  });

  it('serves discovery, aggregated discovery and /version', () => {
    const { server } = newServer();
    const v = server.handle(req('GET', '/version')).body as { gitVersion: string };
    expect(v.gitVersion).toMatch(/^v1\.32\.\d+$/);
    const legacy = server.handle(req('GET', '/api/v1')).body as { resources: { name: string }[] };
    expect(legacy.resources.map((r) => r.name)).toContain('pods/eviction');
    const agg = server.handle({ method: 'GET', path: '/apis', accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
    expect(agg.contentType).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect((agg.body as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name)).toContain('apps');
  });

  it('refuses bodies over 3 MiB with 413', () => {
    const { server } = newServer();
    const big = JSON.stringify(cm('big', { k: 'x'.repeat(3 * 1024 * 1024) }));
    const r = server.handle({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: big, contentType: 'application/json' });
    expect(r.status).toBe(413);
    expect((r.body as Status).message).toBe('Request entity too large: limit is 3145728');
  });
});
