import { afterEach, describe, expect, it } from 'vitest';
import { Resources } from '../../engine/apiserver/registry/resources';
import type { Cluster } from '../../engine/cluster/cluster';
import { applyChunk, openShell, runningContainers, type ExecTranscript } from './execSession';
import { startTestCluster } from './testCluster';

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

describe('exec panel', () => {
  it('reads terminal output, erasures and the end of a session', () => {
    let t: ExecTranscript = { text: '' };
    t = applyChunk(t, { type: 'output', stream: 'stdout', text: '/ # lsx\b \b\r\nhi\r\n' });
    expect(t.text).toBe('/ # ls\nhi\n');
    expect(applyChunk(t, { type: 'end', status: { status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } } }).ended).toEqual({ code: 3 });
    expect(applyChunk(t, { type: 'end', refused: { code: 500, text: 'container not found ("c")\n' } }).ended).toEqual({ error: 'container not found ("c")' });
    expect(runningContainers({ spec: { containers: [] }, status: { containerStatuses: [{ name: 'a', state: { running: {} } }, { name: 'b', state: { waiting: {} } }] as never } })).toEqual(['a']);
  });

  it('opens a shell in the container and runs what is typed', async () => {
    cluster = await startTestCluster();
    await cluster.client.create(Resources.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'box', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
    await cluster.sim.advance(30_000);
    let t: ExecTranscript = { text: '' };
    const h = await openShell(cluster.client, 'default', 'box', 'c', (chunk) => (t = applyChunk(t, chunk)));
    h.send('hostname\r');
    h.send('exit 7\r');
    await cluster.sim.settle();
    expect(t).toEqual({ text: '/ # hostname\nbox\n/ # exit 7\n', ended: { code: 7 } });
  });
});
