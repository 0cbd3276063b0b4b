import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { newDeployment, newReplicaSetFor } from './fixture';
import {
  byRevision,
  bySizeNewer,
  bySizeOlder,
  equalIgnoreHash,
  findActiveOrLatest,
  findNewReplicaSet,
  getProportion,
  getScaledValueFromIntOrPercent,
  isSaturated,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  resolveFenceposts,
  type IntOrString,
} from './deploymentUtil';

describe('getScaledValueFromIntOrPercent', () => {
  it.each<[IntOrString, number, boolean, number]>([
    [5, 10, true, 5],
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['25%', 3, true, 1],
    ['25%', 3, false, 0],
    ['100%', 7, false, 7],
    ['0%', 7, true, 0],
  ])('%j of %d (round up %s) is %d', (v, total, roundUp, want) => {
    expect(getScaledValueFromIntOrPercent(v, total, roundUp)).toBe(want);
  });
  it.each([
    ['25', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['x%', 'invalid value for IntOrString: invalid value "x%": strconv.Atoi: parsing "x": invalid syntax'],
  ])('rejects %j', (v, msg) => {
    expect(() => getScaledValueFromIntOrPercent(v, 10, true)).toThrow(msg);
  });
});

describe('maxSurge / maxUnavailable', () => {
  it.each<[string, number, IntOrString, IntOrString, number, number]>([
    ['defaults on 3 replicas', 3, '25%', '25%', 1, 0],
    ['defaults on 4 replicas', 4, '25%', '25%', 1, 1],
    ['defaults on 10 replicas: surge rounds up, unavailable down', 10, '25%', '25%', 3, 2],
    ['defaults on 1 replica', 1, '25%', '25%', 1, 0],
    ['absolute numbers', 10, 2, 3, 2, 3],
    ['both resolving to zero: unavailable becomes 1', 10, '0%', '5%', 0, 1],
    ['unavailable above replicas is capped', 3, 0, 5, 0, 3],
    ['zero replicas', 0, '25%', '25%', 0, 0],
  ])('%s', (_name, replicas, surge, unavailable, wantSurge, wantUnavailable) => {
    const d = newDeployment({
      replicas,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } },
    });
    expect([maxSurge(d), maxUnavailable(d)]).toEqual([wantSurge, wantUnavailable]);
  });
  it('is zero for Recreate', () => {
    const d = newDeployment({ strategy: { type: 'Recreate' } });
    expect([maxSurge(d), maxUnavailable(d)]).toEqual([0, 0]);
  });
  it('resolveFenceposts defaults unset values to 0', () => {
    expect(resolveFenceposts(undefined, undefined, 10)).toEqual([0, 1]);
  });
});

describe('newRSNewReplicas', () => {
  const d = newDeployment({ replicas: 3 });
  it.each([
    ['a brand new rollout surges by one', 3, 0, 1],
    ['no room above replicas + maxSurge', 3, 1, 1],
    ['room after an old pod went', 2, 1, 2],
    ['never above replicas', 0, 2, 3],
  ])('%s', (_name, oldReplicas, newReplicas, want) => {
    const old = newReplicaSetFor({ revision: 1, replicas: oldReplicas });
    const cur = newReplicaSetFor({ revision: 2, image: 'nginx:1.28', replicas: newReplicas });
    expect(newRSNewReplicas(d, [old, cur], cur)).toBe(want);
  });
  it('is the full count for Recreate', () => {
    const cur = newReplicaSetFor({ revision: 2, replicas: 0 });
    expect(newRSNewReplicas(newDeployment({ strategy: { type: 'Recreate' } }), [cur], cur)).toBe(3);
  });
});

describe('getProportion', () => {
  it.each([
    ['scaling up 8 of 13 to 25', 8, 12, 0, 7],
    ['capped by what is left', 8, 12, 10, 2],
    ['scaling down 8 of 13 to 7', 8, -6, 0, -4],
    ['nothing to add', 8, 0, 0, 0],
  ])('%s', (_name, rsReplicas, toAdd, added, want) => {
    const d = newDeployment({ replicas: toAdd >= 0 ? 20 : 5 });
    const rs = newReplicaSetFor({ revision: 1, replicas: rsReplicas, max: 13 });
    expect(getProportion(rs, d, toAdd, added)).toBe(want);
  });
});

describe('ReplicaSet selection', () => {
  const d = newDeployment({ image: 'nginx:1.28' });
  const old = newReplicaSetFor({ revision: 1, replicas: 3 });
  const cur = newReplicaSetFor({ revision: 2, image: 'nginx:1.28', replicas: 1 });

  it('findNewReplicaSet matches the template, ignoring pod-template-hash', () => {
    expect(findNewReplicaSet(d, [old, cur])?.metadata?.name).toBe(cur.metadata?.name);
    expect(equalIgnoreHash(d.spec?.template, cur.spec?.template)).toBe(true);
    expect(equalIgnoreHash(d.spec?.template, old.spec?.template)).toBe(false);
  });
  it.each<[string, ReplicaSet | undefined, ReplicaSet[], string | undefined]>([
    ['the only active ReplicaSet', cur, [{ ...old, spec: { ...old.spec!, replicas: 0 } }], cur.metadata?.name],
    ['none when two are active', cur, [old], undefined],
    ['the new one when none is active', { ...cur, spec: { ...cur.spec!, replicas: 0 } }, [], cur.metadata?.name],
  ])('findActiveOrLatest returns %s', (_name, newRS, oldRSs, want) => {
    expect(findActiveOrLatest(newRS, oldRSs)?.metadata?.name).toBe(want);
  });
  it('isSaturated needs replicas, desired-replicas and available all equal', () => {
    expect(isSaturated(newDeployment(), newReplicaSetFor({ revision: 2, replicas: 3, available: 3 }))).toBe(true);
    expect(isSaturated(newDeployment(), newReplicaSetFor({ revision: 2, replicas: 3, available: 2 }))).toBe(false);
    expect(isSaturated(newDeployment(), newReplicaSetFor({ revision: 2, replicas: 3, available: 3, desired: 4 }))).toBe(false);
  });
  it('sorts by size, then by age, and by revision', () => {
    const a = newReplicaSetFor({ revision: 1, replicas: 2 });
    const b = newReplicaSetFor({ revision: 2, image: 'b', replicas: 2 });
    const c = newReplicaSetFor({ revision: 3, image: 'c', replicas: 5 });
    const names = (l: ReplicaSet[]) => l.map((r) => r.metadata?.uid);
    expect(names([a, b, c].sort(bySizeOlder))).toEqual(['rs-3', 'rs-1', 'rs-2']);
    expect(names([a, b, c].sort(bySizeNewer))).toEqual(['rs-3', 'rs-2', 'rs-1']);
    expect(names([c, a, b].sort(byRevision))).toEqual(['rs-1', 'rs-2', 'rs-3']);
  });
});
