import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { Resources } from '../../engine/apiserver/registry/resources';
import type { Cluster } from '../../engine/cluster/cluster';
import { followPodLogs, keepLastLines, podLogs } from './podActions';
import { startTestCluster } from './testCluster';

describe('keepLastLines', () => {
  it('keeps the last n lines, a trailing newline included', () => {
    expect(keepLastLines('a\nb\nc\n', 2)).toBe('b\nc\n');
    expect(keepLastLines('a\nb\nc', 2)).toBe('b\nc');
    expect(keepLastLines('a\nb\n', 5)).toBe('a\nb\n');
  });
});

describe('pod logs from the page', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startTestCluster();
    await cluster.client.create(Resources.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ticker', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do echo tick; sleep 10; done'] }] },
    } as Pod);
    await cluster.sim.advance(30_000);
  });
  afterAll(() => cluster.stop());

  it('follows a running container: the lines so far, then new ones as simulated time passes', async () => {
    const before = await podLogs(cluster.client, 'default', 'ticker', 'c');
    const ticks = (s: string) => s.split('\n').filter((l) => l === 'tick').length;
    let followed = '';
    const handle = await followPodLogs(cluster.client, 'default', 'ticker', 'c', (t) => (followed += t), () => undefined);
    await cluster.sim.advance(1_000);
    expect(ticks(followed)).toBe(ticks(before));
    await cluster.sim.advance(30_000);
    handle.stop();
    expect(ticks(followed)).toBeGreaterThanOrEqual(ticks(before) + 3);
    const after = ticks(followed);
    await cluster.sim.advance(30_000);
    expect(ticks(followed)).toBe(after);
  });
});
