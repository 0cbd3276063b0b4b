import { describe, expect, it } from 'vitest';
import { editableYaml, liveYaml } from './objectYaml';

const shared = { app: 'web' };
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-1',
    namespace: 'default',
    uid: 'u-1',
    resourceVersion: '42',
    creationTimestamp: '2025-01-01T00:00:00Z',
    labels: shared,
    managedFields: [{ manager: 'kubectl', operation: 'Update' }],
  },
  spec: { nodeSelector: shared, containers: [{ name: 'web', image: 'nginx', args: ['--a-very-long-argument-that-would-fold-at-eighty-columns-in-the-default-yaml-style'] }] },
  status: { phase: 'Running' },
};

describe('liveYaml', () => {
  it('prints like kubectl get -o yaml: sorted keys, flush sequences, no anchors, no managedFields', async () => {
    const text = await liveYaml(pod);
    expect(text).toBe(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  creationTimestamp: "2025-01-01T00:00:00Z"',
        '  labels:',
        '    app: web',
        '  name: web-1',
        '  namespace: default',
        '  resourceVersion: "42"',
        '  uid: u-1',
        'spec:',
        '  containers:',
        '  - args:',
        '    - --a-very-long-argument-that-would-fold-at-eighty-columns-in-the-default-yaml-style',
        '    image: nginx',
        '    name: web',
        '  nodeSelector:',
        '    app: web',
        'status:',
        '  phase: Running',
        '',
      ].join('\n'),
    );
  });
});

describe('editableYaml', () => {
  it('leaves out status and the metadata the API server sets', async () => {
    const text = await editableYaml(pod);
    expect(text).not.toMatch(/status:|uid:|resourceVersion:|creationTimestamp:|managedFields:/);
    expect(text).toContain('  labels:\n    app: web\n  name: web-1\n  namespace: default\nspec:');
    expect(pod.metadata.uid).toBe('u-1');
  });
});
