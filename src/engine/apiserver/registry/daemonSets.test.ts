import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object';
import { daemonSetStrategy, DeprecatedTemplateGeneration } from './daemonSets';
import { simulateCreate, simulateStatusUpdate, simulateUpdate, stored } from './strategyTesting';

const ds = (mutate: (spec: any) => void = () => undefined): KubeObject => {
  const spec = {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'agent' }] } },
  };
  mutate(spec);
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec };
};

describe('daemonset strategy', () => {
  it('defaults the rolling update and marks template generation 1', () => {
    const { obj, errors } = simulateCreate(daemonSetStrategy, ds());
    expect(errors).toEqual([]);
    expect((obj.spec as any).updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect((obj.spec as any).revisionHistoryLimit).toBe(10);
    expect(obj.metadata?.annotations).toEqual({ [DeprecatedTemplateGeneration]: '1' });
    expect(obj.status).toEqual({ currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 });
  });

  it.each([
    ['both maxUnavailable and maxSurge set', (s: any) => (s.updateStrategy = { rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } }), ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero']],
    ['both zero', (s: any) => (s.updateStrategy = { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }), ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']],
    ['an unknown strategy', (s: any) => (s.updateStrategy = { type: 'Blue' }), ['spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Blue", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"']],
    // No "Required value" for a DaemonSet: a nil selector simply matches nothing.
    ['a missing selector', (s: any) => delete s.selector, ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`']],
  ])('rejects %s', (_n, mutate, want) => {
    expect(simulateCreate(daemonSetStrategy, ds(mutate)).errors).toEqual(want);
  });

  it('bumps template generation only when the template changes', () => {
    const old = stored(simulateCreate(daemonSetStrategy, ds()).obj);
    const limit = structuredClone(old) as any;
    limit.spec.revisionHistoryLimit = 3;
    const a = simulateUpdate(daemonSetStrategy, limit, old);
    expect(a.obj.metadata?.annotations?.[DeprecatedTemplateGeneration]).toBe('1');
    expect(a.obj.metadata?.generation).toBe(2);
    const image = structuredClone(old) as any;
    image.spec.template.spec.containers[0].image = 'agent:2';
    image.metadata.annotations[DeprecatedTemplateGeneration] = '9';
    const b = simulateUpdate(daemonSetStrategy, image, old);
    expect(b.obj.metadata?.annotations?.[DeprecatedTemplateGeneration]).toBe('2');
    expect(b.obj.metadata?.generation).toBe(2);
  });

  it('rejects a decremented collisionCount in a status update', () => {
    const old = { ...stored(simulateCreate(daemonSetStrategy, ds()).obj), status: { collisionCount: 2 } };
    const next = { ...structuredClone(old), status: { collisionCount: 1 } };
    expect(simulateStatusUpdate(daemonSetStrategy, next, old).errors).toEqual(['status.collisionCount: Invalid value: 1: cannot be decremented']);
  });
});
