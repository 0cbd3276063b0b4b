import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { SimEpoch, formatTime } from '../../sim/clock';
import { serviceEnv } from './serviceEnv';

const svc = (namespace: string, name: string, clusterIP: string, ports: ServicePort[], createdS = 0): Service => ({
  metadata: { namespace, name, creationTimestamp: formatTime(SimEpoch + createdS * 1000) },
  spec: { clusterIP, ports },
});

describe('serviceEnv', () => {
  const services = [
    svc('default', 'kubernetes', '10.96.0.1', [{ name: 'https', port: 443 }]),
    svc('shop', 'my-db', '10.96.7.7', [{ port: 5432 }]),
    svc('shop', 'headless', 'None', [{ port: 80 }]),
    svc('shop', 'later', '10.96.8.8', [{ port: 80 }], 600),
    svc('other', 'elsewhere', '10.96.9.9', [{ port: 80 }]),
  ];

  it("gives the kubernetes Service's and the namespace's Services' variables, as envvars.FromServices does", () => {
    const env = serviceEnv({ metadata: { namespace: 'shop' }, spec: { containers: [] } }, services, SimEpoch + 60_000);
    expect(env).toEqual({
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      KUBERNETES_SERVICE_PORT_HTTPS: '443',
      KUBERNETES_PORT: 'tcp://10.96.0.1:443',
      KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
      KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
      KUBERNETES_PORT_443_TCP_PORT: '443',
      KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
      MY_DB_SERVICE_HOST: '10.96.7.7',
      MY_DB_SERVICE_PORT: '5432',
      MY_DB_PORT: 'tcp://10.96.7.7:5432',
      MY_DB_PORT_5432_TCP: 'tcp://10.96.7.7:5432',
      MY_DB_PORT_5432_TCP_PROTO: 'tcp',
      MY_DB_PORT_5432_TCP_PORT: '5432',
      MY_DB_PORT_5432_TCP_ADDR: '10.96.7.7',
    });
  });

  it('keeps only the kubernetes Service when enableServiceLinks is false', () => {
    const env = serviceEnv({ metadata: { namespace: 'shop' }, spec: { containers: [], enableServiceLinks: false } }, services, SimEpoch + 60_000);
    expect(Object.keys(env).every((k) => k.startsWith('KUBERNETES_'))).toBe(true);
  });
});
