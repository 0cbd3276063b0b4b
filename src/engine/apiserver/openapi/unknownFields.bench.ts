import { bench, describe } from 'vitest';
import { decodeTypeError } from './decodeTypeError';
import { unknownFields } from './unknownFields';

// Both checks run on every create and update; a typical Deployment should cost microseconds.

const gvk = { group: 'apps', version: 'v1', kind: 'Deployment' };
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { 'example.com/owner': 'team' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80, name: 'http' }],
            env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
            readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
            volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }],
          },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
        tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }],
      },
    },
  },
};

describe('request body schema checks', () => {
  bench('unknownFields(Deployment)', () => {
    unknownFields(deployment, gvk);
  });
  bench('decodeTypeError(Deployment)', () => {
    decodeTypeError(deployment, gvk);
  });
});
