import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { containerFiles, listDirectory } from './containerFiles';
import type { ConfigObjects } from './containerEnv';

const stored: Record<string, Record<string, string>> = { 'ConfigMap/kube-root-ca.crt': { 'ca.crt': 'PEM' }, 'ConfigMap/game': { 'game.properties': 'lives=3', 'ui.properties': 'color=red' }, 'Secret/db': { password: 's3cret' } };
const objects: ConfigObjects = (kind, name) => stored[`${kind}/${name}`] ?? null;

const pod: Pod = {
  metadata: { name: 'p', namespace: 'team-a', labels: { zone: 'us-east', rack: 'r22' } },
  spec: {
    volumes: [
      {
        name: 'kube-api-access-abcde',
        projected: {
          sources: [
            { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
      { name: 'podinfo', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'mem', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } }] } },
      { name: 'game', configMap: { name: 'game', items: [{ key: 'ui.properties', path: 'ui/props' }] } },
      { name: 'whole', configMap: { name: 'game' } },
      { name: 'db', secret: { secretName: 'db' } },
      { name: 'gone', configMap: { name: 'nope', optional: true } },
    ],
    containers: [
      {
        name: 'app',
        volumeMounts: [
          { name: 'game', mountPath: '/etc/game/' },
          { name: 'whole', mountPath: '/etc/app.properties', subPath: 'game.properties' },
          { name: 'db', mountPath: '/secrets' },
          { name: 'gone', mountPath: '/etc/gone' },
          { name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
          { name: 'podinfo', mountPath: '/etc/podinfo' },
        ],
        resources: { limits: { memory: '64Mi' } },
      },
    ],
  },
};

describe('containerFiles', () => {
  it('places each key (or listed item) under its mount, one key at a subPath mount, and downward API and projected files', () => {
    expect(containerFiles(pod, pod.spec!.containers[0], objects)).toEqual({
      // The token is not requested: its file is absent.
      '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt': 'PEM',
      '/var/run/secrets/kubernetes.io/serviceaccount/namespace': 'team-a',
      '/etc/podinfo/labels': 'rack="r22"\nzone="us-east"',
      '/etc/podinfo/mem': '64',
      '/etc/game/ui/props': 'color=red',
      '/etc/app.properties': 'lives=3',
      '/secrets/password': 's3cret',
    });
  });

  it('lists the names directly in a directory, subdirectories once', () => {
    const files = containerFiles(pod, pod.spec!.containers[0], objects);
    expect(listDirectory(files, '/etc/game')).toEqual(['ui']);
    expect(listDirectory(files, '/etc/')).toEqual(['app.properties', 'game', 'podinfo']);
    expect(listDirectory(files, '/etc/gone')).toEqual([]);
  });
});
