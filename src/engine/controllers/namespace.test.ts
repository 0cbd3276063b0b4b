import { describe, expect, it } from 'vitest';
import type { Namespace } from 'kubernetes-types/core/v1';
import { Resources } from '../apiserver/registry/resources';
import { isApiError } from '../apiserver/errors';
import { NamespaceController } from './namespace';
import { startControllers } from './testCluster';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));

describe('NamespaceController', () => {
  it('empties a namespace being deleted, then removes its finalizer so it goes', async () => {
    const { client, sim } = await startControllers([NamespaceController], yieldToHost);
    await client.create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    for (const name of ['a', 'b']) {
      await client.create(Resources.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'team' } });
    }
    const terminating = await client.delete<Namespace>(Resources.namespaces, undefined, 'team');
    expect(terminating.status?.phase).toBe('Terminating');
    const refused = await client
      .create(Resources.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' } })
      .catch((e: unknown) => e);
    expect(isApiError(refused, 'Forbidden')).toBe(true);
    expect((refused as Error).message).toBe('configmaps "c" is forbidden: unable to create new content in namespace team because it is being terminated');
    await sim.advance(5000);
    const gone = await client.get(Resources.namespaces, undefined, 'team').catch((e: unknown) => e);
    expect(isApiError(gone, 'NotFound')).toBe(true);
    expect((await client.list(Resources.configmaps, { namespace: 'team' })).items).toEqual([]);
  });

  it('does nothing to an active namespace', async () => {
    const { client, sim, server } = await startControllers([NamespaceController], yieldToHost);
    await client.create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'quiet' } });
    const rev = server.store.rev;
    await sim.advance(10_000);
    expect(server.store.eventsSince(rev)).toEqual([]);
  });
});
