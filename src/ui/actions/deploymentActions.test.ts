import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { Resources } from '../../engine/apiserver/registry/resources';
import type { Cluster } from '../../engine/cluster/cluster';
import { previousReplicaSet, RestartedAtAnnotation, rolloutRestart, rolloutUndo, scaleDeployment, setImage } from './deploymentActions';
import { statusMessage } from './statusMessage';
import { benchDeployment } from '../../../bench/fixtures';
import { podsOf, startTestCluster } from './testCluster';

describe('previousReplicaSet', () => {
  const rs = (name: string, revision: string, uid = 'd'): ReplicaSet => ({
    metadata: { name, annotations: { 'deployment.kubernetes.io/revision': revision }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid, controller: true }] },
  });
  const d: Deployment = { metadata: { name: 'web', uid: 'd' } };

  it('picks the second highest revision among the Deployment’s own ReplicaSets', () => {
    expect(previousReplicaSet(d, [rs('a', '1'), rs('c', '3'), rs('b', '2'), rs('other', '5', 'x')])?.metadata?.name).toBe('b');
  });

  it('finds nothing with a single revision', () => {
    expect(previousReplicaSet(d, [rs('a', '1')])).toBeUndefined();
  });
});

describe('deployment actions against a cluster', () => {
  let cluster: Cluster;
  const get = () => cluster.client.get<Deployment>(Resources.deployments, 'default', 'web');
  beforeAll(async () => {
    cluster = await startTestCluster();
    await cluster.client.create(Resources.deployments, benchDeployment('web', 2));
    await cluster.sim.advance(60_000);
  });
  afterAll(() => cluster.stop());

  it('scales through the scale subresource and remembers the count before', async () => {
    expect(await scaleDeployment(cluster.client, 'default', 'web', 3)).toEqual({ message: 'deployment.apps/web scaled', previous: 2 });
    await cluster.sim.advance(30_000);
    expect(await podsOf(cluster, 'web')).toHaveLength(3);
  });

  it('refuses a negative count in kubectl’s words', async () => {
    const err = await scaleDeployment(cluster.client, 'default', 'web', -1).catch((e: unknown) => e);
    expect(statusMessage(err)).toBe('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  });

  it('sets a container’s image, and names a container that does not exist', async () => {
    expect(await setImage(cluster.client, 'default', 'web', 'nginx', 'nginx:1.28')).toBe('deployment.apps/web image updated');
    expect((await get()).spec?.template.spec?.containers[0].image).toBe('nginx:1.28');
    const err = await setImage(cluster.client, 'default', 'web', 'app', 'nginx:1.28').catch((e: unknown) => e);
    expect(statusMessage(err)).toBe('unable to find container named "app"');
    await cluster.sim.advance(120_000);
  });

  it('rolls back to the previous revision’s template like kubectl rollout undo', async () => {
    expect(await rolloutUndo(cluster.client, 'default', 'web')).toBe('deployment.apps/web rolled back');
    const d = await get();
    expect(d.spec?.template.spec?.containers[0].image).toBe('nginx:1.27');
    expect(d.spec?.template.metadata?.labels).toEqual({ app: 'web' });
    await cluster.sim.advance(300_000);
    const images = (await podsOf(cluster, 'web')).map((p) => p.spec?.containers[0].image);
    expect(images).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
  });

  it('stamps restartedAt with the simulated time, and the Deployment rolls out new pods', async () => {
    const before = new Set((await podsOf(cluster, 'web')).map((p) => p.metadata?.name));
    const now = cluster.sim.clock.now();
    expect(await rolloutRestart(cluster.client, 'default', 'web', now)).toBe('deployment.apps/web restarted');
    expect((await get()).spec?.template.metadata?.annotations?.[RestartedAtAnnotation]).toBe(new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    await cluster.sim.advance(300_000);
    const after = await podsOf(cluster, 'web');
    expect(after).toHaveLength(3);
    expect(after.some((p) => before.has(p.metadata?.name))).toBe(false);
  });

  it('says when there is no history to roll back to', async () => {
    await cluster.client.create(Resources.deployments, benchDeployment('fresh', 1));
    await cluster.sim.advance(10_000);
    const err = await rolloutUndo(cluster.client, 'default', 'fresh').catch((e: unknown) => e);
    expect(statusMessage(err)).toBe('no rollout history found for deployment "fresh"');
  });
});
