import type { StoredObject } from '../../api/object';
import { ApiError } from '../errors';
import { describe, expect, it } from 'vitest';
import { buildTable } from './table';

const now = Date.parse('2025-01-01T12:00:00Z');

const pod: StoredObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default', uid: 'u-1', resourceVersion: '41', creationTimestamp: '2025-01-01T11:55:00Z', labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }], nodeName: 'node-1' },
  status: { phase: 'Succeeded', podIP: '10.244.1.5', containerStatuses: [{ name: 'nginx', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
};

describe('buildTable', () => {
  it('builds a meta.k8s.io/v1 Table with every column and PartialObjectMetadata rows by default', () => {
    const table = buildTable('core/pods', [pod], now, { listMeta: { resourceVersion: '42' } });
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.kind).toBe('Table');
    expect(table.metadata).toEqual({ resourceVersion: '42' });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    expect(table.columnDefinitions[0]).toEqual({
      name: 'Name',
      type: 'string',
      format: 'name',
      description: expect.stringMatching(/^Name must be unique within a namespace\./),
      priority: 0,
    });
    expect(table.rows).toEqual([
      {
        cells: ['web-1', '0/1', 'Completed', '0', '5m', '10.244.1.5', 'node-1', '<none>', '<none>'],
        conditions: [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }],
        object: { apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: pod.metadata },
      },
    ]);
  });

  it('includes the whole object for includeObject=Object and null for None', () => {
    expect(buildTable('pods', [pod], now, { includeObject: 'Object' }).rows[0].object).toBe(pod);
    expect(buildTable('pods', [pod], now, { includeObject: 'None' }).rows[0].object).toBeNull();
  });

  it('rejects an unknown includeObject with a 400, but not for an empty list', () => {
    let err: unknown;
    try {
      buildTable('pods', [pod], now, { includeObject: 'Everything' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'unrecognized includeObject value: "Everything"' });
    expect(buildTable('pods', [], now, { includeObject: 'Everything' }).rows).toEqual([]);
  });

  it('omits column definitions for noHeaders and copies only set list metadata', () => {
    const table = buildTable('apps/deployments', [], now, { noHeaders: true, listMeta: { resourceVersion: '7', continue: 'abc', remainingItemCount: 5 } });
    expect(table.columnDefinitions).toEqual([]);
    expect(table.metadata).toEqual({ resourceVersion: '7', continue: 'abc', remainingItemCount: 5 });
    expect(buildTable('apps/deployments', [], now).metadata).toEqual({});
  });

  it.each([['apps/deployments'], ['deployments.apps']])('accepts the resource as %s', (resource) => {
    expect(buildTable(resource, [], now).columnDefinitions[1].name).toBe('Ready');
  });

  it('prints roles with the default NAME / CREATED AT table', () => {
    const role: StoredObject = { kind: 'Role', metadata: { name: 'pod-reader', namespace: 'default', creationTimestamp: '2025-01-01T10:15:30Z' } };
    const table = buildTable('rbac.authorization.k8s.io/roles', [role], now);
    expect(table.columnDefinitions.map((c) => [c.name, c.type, c.format])).toEqual([
      ['Name', 'string', 'name'],
      ['Created At', 'date', ''],
    ]);
    expect(table.rows[0].cells).toEqual(['pod-reader', '2025-01-01T10:15:30Z']);
  });

  it('prints events.k8s.io events with the core event columns', () => {
    expect(buildTable('events.k8s.io/events', [], now).columnDefinitions[0].name).toBe('Last Seen');
  });
});
