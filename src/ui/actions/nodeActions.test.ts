import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import { Resources } from '../../engine/apiserver/registry/resources';
import type { Cluster } from '../../engine/cluster/cluster';
import { cordon, deleteNode, uncordon } from './nodeActions';
import { statusMessage } from './statusMessage';
import { startTestCluster } from './testCluster';

describe('node actions against a cluster', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterAll(() => cluster.stop());
  const node = () => cluster.client.get<Node>(Resources.nodes, undefined, 'worker-1');

  it('cordons and uncordons like kubectl, saying when there was nothing to do', async () => {
    expect(await cordon(cluster.client, 'worker-1')).toBe('node/worker-1 cordoned');
    expect((await node()).spec?.unschedulable).toBe(true);
    expect(await cordon(cluster.client, 'worker-1')).toBe('node/worker-1 already cordoned');
    expect(await uncordon(cluster.client, 'worker-1')).toBe('node/worker-1 uncordoned');
    expect((await node()).spec?.unschedulable).toBeUndefined();
    expect(await uncordon(cluster.client, 'worker-1')).toBe('node/worker-1 already uncordoned');
  });

  it('reports a missing node in the API server’s words', async () => {
    const err = await cordon(cluster.client, 'worker-9').catch((e: unknown) => e);
    expect(statusMessage(err)).toBe('nodes "worker-9" not found');
  });

  it('deletes a node', async () => {
    expect(await deleteNode(cluster.client, 'worker-2')).toBe('node "worker-2" deleted');
    const err = await cluster.client.get(Resources.nodes, undefined, 'worker-2').catch((e: unknown) => e);
    expect(statusMessage(err)).toBe('nodes "worker-2" not found');
  });
});
