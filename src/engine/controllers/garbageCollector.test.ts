import { describe, expect, it } from 'vitest';
import type { ConfigMap } from 'kubernetes-types/core/v1';
import { Resources } from '../apiserver/registry/resources';
import { isApiError } from '../apiserver/errors';
import { GarbageCollector } from './garbageCollector';
import { startControllers } from './testCluster';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
import type { ApiClient } from '../client/apiClient';

async function ownerAndDependent(client: ApiClient, blockOwnerDeletion = false) {
  const owner = await client.create<ConfigMap>(Resources.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner', namespace: 'default' } });
  await client.create<ConfigMap>(Resources.configmaps, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'dependent',
      namespace: 'default',
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata!.uid!, blockOwnerDeletion }],
    },
  });
  return owner;
}

const exists = (client: ApiClient, name: string) =>
  client.get(Resources.configmaps, 'default', name).then(
    () => true,
    (e) => (isApiError(e, 'NotFound') ? false : Promise.reject(e)),
  );

describe('GarbageCollector', () => {
  it('deletes a dependent whose owner is gone (background propagation)', async () => {
    const { client, sim } = await startControllers([GarbageCollector], yieldToHost);
    await ownerAndDependent(client);
    await client.delete(Resources.configmaps, 'default', 'owner', { propagationPolicy: 'Background' });
    await sim.advance(1000);
    expect(await exists(client, 'owner')).toBe(false);
    expect(await exists(client, 'dependent')).toBe(false);
  });

  it('deletes blocking dependents first, then the owner (foreground propagation)', async () => {
    const { client, sim } = await startControllers([GarbageCollector], yieldToHost);
    await ownerAndDependent(client, true);
    const marked = await client.delete<ConfigMap>(Resources.configmaps, 'default', 'owner', { propagationPolicy: 'Foreground' });
    expect(marked.metadata?.finalizers).toEqual(['foregroundDeletion']);
    await sim.advance(1000);
    expect(await exists(client, 'dependent')).toBe(false);
    expect(await exists(client, 'owner')).toBe(false);
  });

  it('keeps dependents and removes their ownerReferences (orphan propagation)', async () => {
    const { client, sim } = await startControllers([GarbageCollector], yieldToHost);
    await ownerAndDependent(client);
    await client.delete(Resources.configmaps, 'default', 'owner', { propagationPolicy: 'Orphan' });
    await sim.advance(1000);
    expect(await exists(client, 'owner')).toBe(false);
    const dep = await client.get<ConfigMap>(Resources.configmaps, 'default', 'dependent');
    expect(dep.metadata?.ownerReferences).toBeUndefined();
  });

  it('does nothing to objects whose owners exist', async () => {
    const { client, sim, server } = await startControllers([GarbageCollector], yieldToHost);
    await ownerAndDependent(client);
    await sim.advance(1000);
    const rev = server.store.rev;
    await sim.advance(60_000);
    expect(await exists(client, 'dependent')).toBe(true);
    expect(server.store.eventsSince(rev).filter((e) => e.resource === 'core/configmaps')).toEqual([]);
  });
});
