import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import {
  DesiredReplicasAnnotation,
  lastRevision,
  MaxReplicasAnnotation,
  maxRevision,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  setDeploymentAnnotationsTo,
  setNewReplicaSetAnnotations,
} from './annotations';
import { newDeployment, newReplicaSetFor } from './fixture';

const rsWith = (annotations: Record<string, string> | undefined): ReplicaSet => ({
  metadata: { name: 'rs', annotations },
  spec: { selector: {} },
});

describe('setNewReplicaSetAnnotations', () => {
  it('gives a new ReplicaSet its revision, replica counts and the Deployment annotations', () => {
    const d = newDeployment({
      revision: '4',
      annotations: { team: 'a', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deprecated.deployment.rollback.to': '1' },
    });
    const rs = rsWith(undefined);
    expect(setNewReplicaSetAnnotations(d, rs, '1', false, 1)).toBe(true);
    expect(rs.metadata?.annotations).toEqual({
      team: 'a',
      [RevisionAnnotation]: '1',
      [DesiredReplicasAnnotation]: '3',
      [MaxReplicasAnnotation]: '4',
    });
  });
  it('changes nothing for an up-to-date ReplicaSet', () => {
    const rs = rsWith({ [RevisionAnnotation]: '2' });
    expect(setNewReplicaSetAnnotations(newDeployment(), rs, '2', true, 1)).toBe(false);
  });
  it('keeps the old revision in revision-history when a ReplicaSet comes back', () => {
    const rs = rsWith({ [RevisionAnnotation]: '1' });
    expect(setNewReplicaSetAnnotations(newDeployment(), rs, '3', true, 1)).toBe(true);
    expect(rs.metadata?.annotations).toEqual({ [RevisionAnnotation]: '3', [RevisionHistoryAnnotation]: '1' });
    setNewReplicaSetAnnotations(newDeployment(), rs, '5', true, 1);
    expect(rs.metadata?.annotations?.[RevisionHistoryAnnotation]).toBe('1,3');
  });
  it('never lowers a revision', () => {
    const rs = rsWith({ [RevisionAnnotation]: '7' });
    expect(setNewReplicaSetAnnotations(newDeployment(), rs, '3', true, 1)).toBe(false);
    expect(rs.metadata?.annotations?.[RevisionAnnotation]).toBe('7');
  });
});

describe('revisions', () => {
  const rss = [1, 5, 3].map((r) => newReplicaSetFor({ revision: r, image: String(r), replicas: 0 }));
  it('maxRevision is the highest, lastRevision the one before', () => {
    expect(maxRevision(rss)).toBe(5);
    expect(lastRevision(rss)).toBe(3);
  });
  it('setDeploymentAnnotationsTo takes the ReplicaSet annotations but keeps the revision', () => {
    const d = newDeployment({ revision: '5', annotations: { team: 'a' } });
    setDeploymentAnnotationsTo(d, {
      ...rss[0],
      metadata: { ...rss[0].metadata, annotations: { ...rss[0].metadata?.annotations, team: 'b' } },
    });
    expect(d.metadata?.annotations).toEqual({ [RevisionAnnotation]: '5', team: 'b' });
  });
});
