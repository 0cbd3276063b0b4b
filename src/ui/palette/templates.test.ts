import { describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Service } from 'kubernetes-types/core/v1';
import { parse } from 'yaml';
import { ApiServer } from '../../engine/apiserver/server';
import { Resources } from '../../engine/apiserver/registry/resources';
import { ApiClient } from '../../engine/client/apiClient';
import { bootstrapCluster } from '../../engine/cluster/bootstrap';
import { servedStrategies } from '../../engine/cluster/servedStrategies';
import { Sim } from '../../engine/sim/sim';
import { manifestFor, templateYaml, uniqueName, type TemplateContext, type TemplateKind } from './templates';

const ctx = (taken: string[] = [], newestDeployment?: Deployment): TemplateContext => ({
  namespace: 'default',
  taken: () => new Set(taken),
  newestDeployment,
});
const kinds: [TemplateKind, keyof typeof Resources][] = [
  ['Deployment', 'deployments'],
  ['Pod', 'pods'],
  ['Service', 'services'],
  ['ConfigMap', 'configmaps'],
  ['Secret', 'secrets'],
  ['Job', 'jobs'],
  ['StatefulSet', 'statefulsets'],
  ['DaemonSet', 'daemonsets'],
  ['CronJob', 'cronjobs'],
];

describe('uniqueName', () => {
  it('takes the base name when free, else the first free numbered one', () => {
    expect(uniqueName('web', new Set())).toBe('web');
    expect(uniqueName('web', new Set(['web', 'web-2', 'web-4']))).toBe('web-3');
  });
});

describe('palette templates', () => {
  it.each(kinds)('a %s is accepted by the v1.32 API server (dry run)', async (kind, resource) => {
    const server = new ApiServer(new Sim('templates', () => new Promise<void>((r) => setImmediate(r))), { strategies: servedStrategies });
    const client = new ApiClient(server, 'test');
    await bootstrapCluster(client);
    const obj = parse(await templateYaml(kind, ctx(['web', 'nginx', 'app-config', 'app-secret', 'pi', 'db', 'node-agent', 'hello'])));
    expect(obj.kind).toBe(kind);
    expect(obj.metadata.name).toMatch(/-2$/);
    await expect(client.create(Resources[resource], obj, { dryRun: true })).resolves.toMatchObject({ kind });
  });

  it('points a new Service at the newest Deployment', () => {
    const d = manifestFor('Deployment', ctx(['web'])) as Deployment;
    const svc = manifestFor('Service', ctx(['web-2'], d)) as Service;
    expect(svc.metadata?.name).toBe('web-2-2');
    expect(svc.spec?.selector).toEqual({ app: 'web-2' });
    expect(svc.spec?.ports?.[0].targetPort).toBe('http');
  });
});
