import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/object';
import { calculateUsage, isIgnoredResource, newEvaluators, QuotaRegistry } from './registry';
import { newObjectCountEvaluator } from './objectCount';
import { fromApi, toApi } from './resources';

const obj = (kind: string, name: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'ns' }, ...extra });

describe('quota registry', () => {
  const objects: Record<string, KubeObject[]> = {
    '/pods': [
      obj('Pod', 'a', { spec: { containers: [{ name: 'c', resources: { requests: { cpu: '100m' } } }] }, status: { phase: 'Running' } }),
      obj('Pod', 'b', { spec: { containers: [{ name: 'c' }] }, status: { phase: 'Running' } }),
    ],
    '/configmaps': [obj('ConfigMap', 'x'), obj('ConfigMap', 'y')],
    'apps/deployments': [obj('Deployment', 'd')],
  };
  const registry = new QuotaRegistry(newEvaluators((gr) => () => objects[`${gr.group}/${gr.resource}`] ?? []));
  registry.add(newObjectCountEvaluator({ group: 'apps', resource: 'deployments' }, () => objects['apps/deployments']));

  it('totals what each evaluator measures, for the resources the quota limits only', () => {
    const hard = fromApi({ pods: '10', 'requests.cpu': '2', configmaps: '5', 'count/configmaps': '5', 'count/deployments.apps': '1', 'count/jobs.batch': '1' });
    expect(toApi(calculateUsage('ns', undefined, hard, registry))).toEqual({
      pods: '2',
      'requests.cpu': '100m',
      configmaps: '2',
      'count/configmaps': '2',
      'count/deployments.apps': '1',
    });
  });

  it('counts scoped usage only for the matching pods', () => {
    expect(toApi(calculateUsage('ns', ['BestEffort'], fromApi({ pods: '10' }), registry))).toEqual({ pods: '1' });
  });

  it('ignores events and virtual resources', () => {
    expect(isIgnoredResource({ group: '', resource: 'events' })).toBe(true);
    expect(isIgnoredResource({ group: 'events.k8s.io', resource: 'events' })).toBe(true);
    expect(isIgnoredResource({ group: '', resource: 'pods' })).toBe(false);
  });

  it('counts legacy names and count/ names for the object count resources', () => {
    const e = registry.get({ group: '', resource: 'secrets' })!;
    expect(toApi(e.usage(obj('Secret', 's')))).toEqual({ 'count/secrets': '1', secrets: '1' });
    expect([e.handles('CREATE', ''), e.handles('UPDATE', '')]).toEqual([true, false]);
  });
});
