import { describe, expect, it } from 'vitest';
import { ApiServer } from '../server';
import { servedStrategies } from '../../cluster/servedStrategies';
import { Sim } from '../../sim/sim';
import type { KubeObject, WatchEvent } from '../../api/object';

const settle = () => new Promise((r) => setImmediate(r));

describe('pod watches indexed by spec.nodeName', () => {
  it('wake only the watch of the node a pod is bound to, and see binding as ADDED', async () => {
    const sim = new Sim('trigger', () => new Promise((r) => setImmediate(r)));
    const server = new ApiServer(sim, { strategies: servedStrategies });
    server.handle({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: 'default' } } });
    const seen: Record<string, string[]> = { n1: [], n2: [] };
    for (const node of ['n1', 'n2']) {
      await server.stream(
        { method: 'GET', path: '/api/v1/pods', query: { watch: 'true', fieldSelector: `spec.nodeName=${node}` } },
        (c) => {
          if (c.type === 'events') seen[node].push(...c.events.map((e: WatchEvent) => `${e.type} ${(e.object as KubeObject).metadata?.name}`));
        },
      );
    }
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    expect(server.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod }).status).toBe(201);
    const bind = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'n1' } };
    expect(server.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods/p/binding', body: bind }).status).toBe(201);
    server.handle({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/p', query: { gracePeriodSeconds: '0' } });
    await settle();
    expect(seen.n1).toEqual(['ADDED p', 'DELETED p']);
    expect(seen.n2).toEqual([]);
  });
});
