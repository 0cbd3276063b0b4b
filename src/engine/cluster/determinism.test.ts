import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster';
import { Resources } from '../apiserver/registry/resources';

const nginx = (replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
  },
});

/** runScenario boots a cluster, rolls out and scales a Deployment, and returns its whole history. */
async function runScenario(seed: string): Promise<string[]> {
  const c = new Cluster({ seed, workers: 3, yieldToHost: () => new Promise((r) => setImmediate(r)) });
  const log: string[] = [];
  c.apiServer.store.onEvent((ev) => log.push(`${ev.rev} ${ev.type} ${ev.resource} ${ev.key} ${JSON.stringify(ev.object)}`));
  await c.start();
  await c.sim.advance(10_000);
  await c.client.create(Resources.deployments, nginx(4));
  await c.sim.advance(30_000);
  await c.client.patch(Resources.deployments, 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } });
  await c.sim.advance(60_000);
  c.stop();
  return log;
}

describe('determinism', () => {
  it('gives the same cluster, event for event, for the same scenario and seed', async () => {
    const a = await runScenario('same');
    const b = await runScenario('same');
    expect(a.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
  });

  it('gives a different history for another seed', async () => {
    const a = await runScenario('one');
    const b = await runScenario('two');
    expect(b).not.toEqual(a);
  });
});
