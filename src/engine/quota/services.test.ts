import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object';
import { newServiceEvaluator } from './services';
import { toApi } from './resources';

const svc = (spec: Service['spec']) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec }) as unknown as KubeObject;
const ports = [{ port: 80 }, { port: 81, nodePort: 30081 }];

describe('service evaluator', () => {
  const e = newServiceEvaluator();
  it.each<[string, Service['spec'], Record<string, string>]>([
    ['ClusterIP', { ports }, { 'services.nodeports': '0', 'services.loadbalancers': '0' }],
    ['NodePort', { type: 'NodePort', ports }, { 'services.nodeports': '2', 'services.loadbalancers': '0' }],
    ['LoadBalancer', { type: 'LoadBalancer', ports }, { 'services.nodeports': '2', 'services.loadbalancers': '1' }],
    ['LoadBalancer without node port allocation', { type: 'LoadBalancer', ports, allocateLoadBalancerNodePorts: false }, { 'services.nodeports': '1', 'services.loadbalancers': '1' }],
  ])('charges a %s Service', (_n, spec, extra) => {
    expect(toApi(e.usage(svc(spec)))).toEqual({ 'count/services': '1', services: '1', ...extra });
  });
  it('handles creates and updates', () => {
    expect([e.handles('CREATE', ''), e.handles('UPDATE', '')]).toEqual([true, true]);
    expect(e.matchingResources(['services.nodeports', 'pods', 'count/services'])).toEqual(['count/services', 'services.nodeports']);
  });
});
