import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../client/apiClient';
import { bootstrapCluster } from '../../cluster/bootstrap';
import { servedStrategies } from '../../cluster/servedStrategies';
import { Sim } from '../../sim/sim';
import { Resources } from '../registry/resources';
import { ApiServer } from '../server';

async function setup() {
  // A freezing store, so that a handler writing into a stored object fails here.
  const server = new ApiServer(new Sim('binding', () => Promise.resolve()), { strategies: servedStrategies, freeze: true });
  const client = new ApiClient(server);
  await bootstrapCluster(client);
  await client.create<Pod>(Resources.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
  const bind = (node: string) =>
    client.createSubresource(Resources.pods, 'default', 'web', 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web' }, target: { kind: 'Node', name: node } });
  return { client, bind };
}

describe('pods/binding', () => {
  it('sets spec.nodeName and PodScheduled=True', async () => {
    const { client, bind } = await setup();
    expect(await bind('worker-1')).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    const pod = await client.get<Pod>(Resources.pods, 'default', 'web');
    expect(pod.spec?.nodeName).toBe('worker-1');
    expect(pod.status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'True' });
  });

  it('refuses a pod that is already bound', async () => {
    const { bind } = await setup();
    await bind('worker-1');
    await expect(bind('worker-2')).rejects.toThrow('Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "worker-1"');
  });
});
