import { describe, it, expect } from 'vitest';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { formatFieldError } from '../fieldErrors';
import { validatePodTemplateSpec } from './podSpec';
import { setDefaultsPodTemplateSpec } from '../defaults/podSpec';

function check(tpl: unknown): string[] {
  const t = structuredClone(tpl) as PodTemplateSpec;
  setDefaultsPodTemplateSpec(t);
  return validatePodTemplateSpec(t, 'spec.template').map(formatFieldError);
}

const c = (extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'app:1', ...extra });

describe('validatePodTemplateSpec', () => {
  it('accepts a defaulted template', () => expect(check({ metadata: { labels: { app: 'x' } }, spec: { containers: [c()] } })).toEqual([]));

  it.each<[string, unknown, string]>([
    ['template labels at "<path>.labels"', { metadata: { labels: { 'a/b/c': 'x' } }, spec: { containers: [c()] } }, 'spec.template.labels: Invalid value: "a/b/c": a qualified name must consist of'],
    ['init container probe', { spec: { containers: [c()], initContainers: [c({ name: 'init', readinessProbe: { exec: { command: ['true'] } } })] } }, 'spec.template.spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always'],
    ['init name clash', { spec: { containers: [c()], initContainers: [c()] } }, 'spec.template.spec.initContainers[0].name: Duplicate value: "app"'],
    ['two handlers', { spec: { containers: [c({ livenessProbe: { exec: { command: ['a'] }, tcpSocket: { port: 80 } } })] } }, 'spec.template.spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'],
    ['named port too long', { spec: { containers: [c({ ports: [{ name: 'a-very-long-port-name', containerPort: 80 }] })] } }, 'spec.template.spec.containers[0].ports[0].name: Invalid value: "a-very-long-port-name": must be no more than 15 characters'],
    ['unknown resource', { spec: { containers: [c({ resources: { limits: { gpu: '1' } } })] } }, 'spec.template.spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified'],
    ['extended resource request without limit', { spec: { containers: [c({ resources: { requests: { 'nvidia.com/gpu': '1' } } })] } }, 'spec.template.spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources'],
    ['env fieldRef path', { spec: { containers: [c({ env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'metadata.foo' } } }] })] } }, 'spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "metadata.foo": error converting fieldPath: field label not supported: metadata.foo'],
    ['secret volume without name', { spec: { containers: [c()], volumes: [{ name: 's', secret: {} }] } }, 'spec.template.spec.volumes[0].secret.secretName: Required value'],
    ['two volume sources', { spec: { containers: [c()], volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }] } }, 'spec.template.spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type'],
    ['node affinity without terms', { spec: { containers: [c()], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } } }, 'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term'],
    ['spread without key', { spec: { containers: [c()], topologySpreadConstraints: [{ maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }] } }, 'spec.template.spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty'],
    ['empty-key toleration', { spec: { containers: [c()], tolerations: [{ operator: 'Equal', value: 'x' }] } }, 'spec.template.spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
  ])('%s', (_n, tpl, message) => {
    const out = check(tpl);
    expect(out.some((m) => m.startsWith(message))).toBe(true);
  });
});
