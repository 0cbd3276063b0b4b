import { describe, expect, it } from 'vitest';
import type { Namespace, ServiceAccount } from 'kubernetes-types/core/v1';
import { Resources } from '../apiserver/registry/resources';
import { ServiceAccountsController } from './serviceAccount';
import { newControllerFixture } from './util/recordingClient';

function namespace(name: string, phase?: string, deleting = false): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: `${name}-uid`, deletionTimestamp: deleting ? '2025-01-01T00:00:00Z' : undefined },
    status: phase ? { phase } : undefined,
  };
}

const defaultSA = (ns: string): ServiceAccount => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name: 'default', namespace: ns },
});

function setup(namespaces: Namespace[], sas: ServiceAccount[] = []) {
  const fx = newControllerFixture();
  const c = new ServiceAccountsController(fx.ctx);
  fx.add(Resources.namespaces, ...namespaces);
  fx.add(Resources.serviceaccounts, ...sas);
  return { fx, c };
}

describe('ServiceAccountsController.sync', () => {
  it('creates the default ServiceAccount of an active namespace', async () => {
    const { fx, c } = setup([namespace('team-a', 'Active')]);
    await c.sync('team-a');
    expect(fx.transport.writes).toEqual([
      { method: 'POST', path: '/api/v1/namespaces/team-a/serviceaccounts', body: defaultSA('team-a'), contentType: undefined },
    ]);
  });

  it('does nothing when the default ServiceAccount exists', async () => {
    const { fx, c } = setup([namespace('team-a', 'Active')], [defaultSA('team-a')]);
    await c.sync('team-a');
    expect(fx.transport.writes).toEqual([]);
  });

  it.each([
    ['a terminating namespace', namespace('team-a', 'Terminating', true)],
    ['a namespace being deleted without a phase', namespace('team-a', undefined, true)],
  ])('creates nothing in %s', async (_name, ns) => {
    const { fx, c } = setup([ns]);
    await c.sync('team-a');
    expect(fx.transport.writes).toEqual([]);
  });

  it('takes a refused create into a terminating namespace as done', async () => {
    const { fx, c } = setup([namespace('team-a', 'Active')]);
    fx.transport.respond = (req) =>
      req.method === 'POST'
        ? {
            status: 403,
            body: {
              kind: 'Status',
              apiVersion: 'v1',
              status: 'Failure',
              reason: 'Forbidden',
              code: 403,
              message:
                'serviceaccounts "default" is forbidden: unable to create new content in namespace team-a because it is being terminated',
              details: {
                name: 'default',
                kind: 'serviceaccounts',
                causes: [{ reason: 'NamespaceTerminating', message: 'namespace team-a is being terminated', field: 'metadata.namespace' }],
              },
            },
          }
        : undefined;
    await expect(c.sync('team-a')).resolves.toBeUndefined();
  });

  it('recreates the default ServiceAccount after it is deleted', async () => {
    const fx = newControllerFixture();
    const c = new ServiceAccountsController(fx.ctx);
    await fx.ctx.informers.start();
    c.run();
    fx.transport.emit(Resources.serviceaccounts, 'ADDED', defaultSA('team-a'));
    fx.transport.emit(Resources.namespaces, 'ADDED', namespace('team-a', 'Active'));
    await fx.sim.settle(10);
    expect(fx.transport.writes).toEqual([]);
    fx.transport.emit(Resources.serviceaccounts, 'DELETED', defaultSA('team-a'));
    await fx.sim.settle(10);
    c.stop();
    expect(fx.transport.writes.map((w) => `${w.method} ${w.path}`)).toEqual(['POST /api/v1/namespaces/team-a/serviceaccounts']);
  });
});
