import { describe, it, expect } from 'vitest';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { setDefaultsPodTemplateSpec } from './podSpec';
import { imagePullPolicyFor } from './image';

describe('setDefaultsPodTemplateSpec', () => {
  it('defaults a Deployment template as a v1.32 apiserver prints it', () => {
    const tpl = {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }],
            readinessProbe: { httpGet: { port: 80 } },
            env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
            resources: { requests: { cpu: 0.25, memory: '1024Mi' } },
          },
        ],
        volumes: [{ name: 'cache' }, { name: 'cfg', configMap: { name: 'cfg' } }],
      },
    } as unknown as PodTemplateSpec;
    setDefaultsPodTemplateSpec(tpl);
    expect(tpl).toEqual({
      metadata: { labels: { app: 'web' }, creationTimestamp: null },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            imagePullPolicy: 'IfNotPresent',
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            readinessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
            env: [{ name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
            resources: { requests: { cpu: '250m', memory: '1Gi' } },
          },
        ],
        volumes: [
          { name: 'cache', emptyDir: {} },
          { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
        ],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
        securityContext: {},
        schedulerName: 'default-scheduler',
      },
    });
  });

  it('does not give templates the Pod-only defaults', () => {
    const tpl = { spec: { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1' } } }] } } as PodTemplateSpec;
    setDefaultsPodTemplateSpec(tpl);
    expect(tpl.spec!.enableServiceLinks).toBeUndefined();
    expect(tpl.spec!.containers[0].resources).toEqual({ limits: { cpu: '1' } });
  });

  it('mirrors serviceAccountName into the deprecated serviceAccount', () => {
    const tpl = { spec: { serviceAccountName: 'builder', containers: [] } } as PodTemplateSpec;
    setDefaultsPodTemplateSpec(tpl);
    expect(tpl.spec).toMatchObject({ serviceAccountName: 'builder', serviceAccount: 'builder' });
  });
});

describe('imagePullPolicyFor', () => {
  it.each([
    ['busybox', 'Always'],
    ['busybox:1.36', 'IfNotPresent'],
    ['docker.io/library/busybox:latest', 'Always'],
    ['NotAnImage', 'IfNotPresent'],
  ])('%s → %s', (image, policy) => expect(imagePullPolicyFor(image)).toBe(policy));
});
