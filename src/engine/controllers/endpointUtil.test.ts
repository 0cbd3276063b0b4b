import { describe, expect, it } from 'vitest';
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import { Lister } from '../client/lister';
import { formatTime, SimEpoch } from '../sim/clock';
import { findPort, getServicesToUpdateOnPodChange, TriggerTimeTracker } from './endpointUtil';

function pod(o: { labels?: Record<string, string>; ready?: boolean; ip?: string; rv?: string; readySince?: number } = {}): Pod {
  return {
    metadata: { name: 'p', namespace: 'default', resourceVersion: o.rv ?? '1', labels: o.labels ?? { app: 'web' } },
    spec: {
      containers: [
        {
          name: 'c',
          ports: [
            { name: 'http', containerPort: 8080 },
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
          ],
        },
      ],
      initContainers: [{ name: 'side', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001 }] }],
    },
    status: {
      podIP: o.ip ?? '10.0.0.1',
      podIPs: [{ ip: o.ip ?? '10.0.0.1' }],
      conditions: [
        { type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: formatTime(SimEpoch + (o.readySince ?? 0)) },
      ],
    },
  };
}

function service(name: string, selector: Record<string, string>): Service {
  return { metadata: { name, namespace: 'default', creationTimestamp: formatTime(SimEpoch) }, spec: { selector } };
}

describe('findPort', () => {
  it.each<[string, ServicePort, number | undefined]>([
    ['a numeric targetPort as is', { port: 80, targetPort: 9376 }, 9376],
    ['no targetPort as the port', { port: 80 }, 80],
    ['a named port of a container', { port: 80, targetPort: 'http' }, 8080],
    ['a named port with its protocol', { port: 53, protocol: 'UDP', targetPort: 'dns' }, 53],
    ['nothing for a named port of another protocol', { port: 53, protocol: 'TCP', targetPort: 'dns' }, undefined],
    ['a named port of a sidecar', { port: 80, targetPort: 'proxy' }, 15001],
    ['nothing for a name no container has', { port: 80, targetPort: 'grpc' }, undefined],
  ])('resolves %s', (_name, sp, want) => {
    expect(findPort(pod(), sp)).toBe(want);
  });
});

describe('getServicesToUpdateOnPodChange', () => {
  const services = new Lister<Service>();
  services.set(service('web', { app: 'web' }));
  services.set(service('api', { app: 'api' }));
  it.each<[string, Pod, Pod, string[]]>([
    ['nothing for the same resourceVersion', pod({ ready: false }), pod(), []],
    ['nothing when nothing endpoints show changed', pod(), pod({ rv: '2' }), []],
    ['the Service of a pod turning ready', pod({ ready: false }), pod({ rv: '2' }), ['default/web']],
    ['the Service of a pod whose IP changed', pod(), pod({ rv: '2', ip: '10.0.0.2' }), ['default/web']],
    ['both Services when only the labels moved the pod', pod(), pod({ rv: '2', labels: { app: 'api' } }), ['default/api', 'default/web']],
  ])('%s', (_name, oldPod, newPod, want) => {
    expect([...getServicesToUpdateOnPodChange(services, oldPod, newPod)].sort()).toEqual(want);
  });
});

describe('TriggerTimeTracker', () => {
  it('gives the Service creation first, then the earliest readiness change not yet seen, then nothing', () => {
    const t = new TriggerTimeTracker();
    const svc = service('web', { app: 'web' });
    expect(t.computeEndpointLastChangeTriggerTime('default', svc, [pod({ readySince: 5000 })])).toBe(SimEpoch);
    expect(t.computeEndpointLastChangeTriggerTime('default', svc, [pod({ readySince: 9000 })])).toBe(SimEpoch + 9000);
    expect(t.computeEndpointLastChangeTriggerTime('default', svc, [pod({ readySince: 9000 })])).toBeUndefined();
  });
});
