import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { containerFiles, listDirectory } from './containerFiles';
import type { ConfigObjects } from './containerEnv';

const stored: Record<string, Record<string, string>> = { 'ConfigMap/game': { 'game.properties': 'lives=3', 'ui.properties': 'color=red' }, 'Secret/db': { password: 's3cret' } };
const objects: ConfigObjects = (kind, name) => stored[`${kind}/${name}`] ?? null;

const pod: Pod = {
  metadata: { name: 'p', namespace: 'team-a' },
  spec: {
    volumes: [
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
        ],
      },
    ],
  },
};

describe('containerFiles', () => {
  it('places each key (or listed item) under its mount, one key at a subPath mount, and the service account namespace', () => {
    expect(containerFiles(pod, pod.spec!.containers[0], objects)).toEqual({
      '/var/run/secrets/kubernetes.io/serviceaccount/namespace': 'team-a',
      '/etc/game/ui/props': 'color=red',
      '/etc/app.properties': 'lives=3',
      '/secrets/password': 's3cret',
    });
  });

  it('lists the names directly in a directory, subdirectories once', () => {
    const files = containerFiles(pod, pod.spec!.containers[0], objects);
    expect(listDirectory(files, '/etc/game')).toEqual(['ui']);
    expect(listDirectory(files, '/etc/')).toEqual(['app.properties', 'game']);
    expect(listDirectory(files, '/etc/gone')).toEqual([]);
  });
});
