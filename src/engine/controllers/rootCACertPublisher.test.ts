import { describe, expect, it } from 'vitest';
import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1';
import { Resources } from '../apiserver/registry/resources';
import { Description, RootCACertPublisher, simulatedRootCA } from './rootCACertPublisher';
import { newControllerFixture } from './util/recordingClient';

const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, status: { phase: 'Active' } };
const cmPath = '/api/v1/namespaces/team-a/configmaps';

function published(seed: number, extra: Partial<ConfigMap> = {}): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-root-ca.crt', namespace: 'team-a', annotations: { 'kubernetes.io/description': Description } },
    data: { 'ca.crt': simulatedRootCA(seed) },
    ...extra,
  };
}

function setup(cms: ConfigMap[] = []) {
  const fx = newControllerFixture(1);
  const c = new RootCACertPublisher(fx.ctx);
  fx.add(Resources.namespaces, ns);
  fx.add(Resources.configmaps, ...cms);
  return { fx, c };
}

describe('RootCACertPublisher.sync', () => {
  it('creates kube-root-ca.crt with the CA bundle and the v1.32 description', async () => {
    const { fx, c } = setup();
    await c.sync('team-a');
    expect(fx.transport.writes).toEqual([{ method: 'POST', path: cmPath, body: published(1), contentType: undefined }]);
    expect(Description).toBe(
      'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
    );
  });

  it('does nothing when the ConfigMap is as published', async () => {
    const { fx, c } = setup([{ ...published(1), metadata: { ...published(1).metadata, resourceVersion: '3' } }]);
    await c.sync('team-a');
    expect(fx.transport.writes).toEqual([]);
  });

  it('restores edited data and keeps other annotations', async () => {
    const edited = published(1, { data: { 'ca.crt': 'tampered', extra: 'x' } });
    edited.metadata = { ...edited.metadata, resourceVersion: '3', annotations: { owner: 'me' } };
    const { fx, c } = setup([edited]);
    await c.sync('team-a');
    expect(fx.transport.writes).toEqual([
      {
        method: 'PUT',
        path: `${cmPath}/kube-root-ca.crt`,
        body: { ...published(1), metadata: { ...edited.metadata, annotations: { owner: 'me', 'kubernetes.io/description': Description } } },
        contentType: undefined,
      },
    ]);
  });
});

describe('simulatedRootCA', () => {
  it('is a PEM block that says it is simulated, the same for the same seed', () => {
    const pem = simulatedRootCA(42);
    const lines = pem.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^# Simulated .*not a real certificate\.$/);
    expect(lines[1]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines.at(-1)).toBe('-----END CERTIFICATE-----');
    expect(lines[2]).toMatch(/^MIID[A-Za-z0-9+/]{60}$/);
    expect(simulatedRootCA(42)).toBe(pem);
    expect(simulatedRootCA(43)).not.toBe(pem);
  });
});
