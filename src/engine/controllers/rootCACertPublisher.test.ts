import { describe, expect, it } from 'vitest';
import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1';
import { Resources } from '../apiserver/registry/resources';
import { clusterCA } from '../crypto/clusterCA';
import { Description, RootCACertPublisher } from './rootCACertPublisher';
import { newControllerFixture } from './util/recordingClient';

const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, status: { phase: 'Active' } };
const cmPath = '/api/v1/namespaces/team-a/configmaps';

function published(seed: number, extra: Partial<ConfigMap> = {}): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-root-ca.crt', namespace: 'team-a', annotations: { 'kubernetes.io/description': Description } },
    data: { 'ca.crt': clusterCA(seed).certPem },
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
