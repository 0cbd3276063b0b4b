import { describe, expect, it } from 'vitest';
import { Applier } from '../../engine/kubectl/apply/apply';
import { startApplyTestServer } from '../../engine/kubectl/apply/applyTesting';
import { exampleManifest } from './exampleManifest';

describe('exampleManifest', () => {
  it('applies cleanly to a v1.32 cluster', async () => {
    const { client } = await startApplyTestServer();
    const results = await new Applier(client).apply(exampleManifest);
    expect(results.map((r) => r.message)).toEqual(['deployment.apps/nginx created', 'service/nginx created']);
  });
});
