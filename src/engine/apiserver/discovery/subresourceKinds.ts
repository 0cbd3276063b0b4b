import type { ResourceDefinition, Verb } from '../registry/resourceDefinition';

/** SubresourceInfo is what discovery says of one subresource: the kind it takes and its verbs. */
export interface SubresourceInfo {
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

const rw: Verb[] = ['get', 'patch', 'update'];

/** subresourceInfo describes a subresource the way v1.32 discovery lists it. */
export function subresourceInfo(def: ResourceDefinition, sub: string): SubresourceInfo {
  const self = { group: def.group, version: def.version, kind: def.kind };
  switch (sub) {
    case 'status':
    case 'ephemeralcontainers':
    case 'resize':
      return { ...self, verbs: rw };
    case 'scale':
      return { group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: rw };
    case 'binding':
      return { group: '', version: 'v1', kind: 'Binding', verbs: ['create'] };
    case 'eviction':
      return { group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] };
    case 'log':
      return { ...self, verbs: ['get'] };
    case 'exec':
      return { group: '', version: 'v1', kind: 'PodExecOptions', verbs: ['create', 'get'] };
    case 'attach':
      return { group: '', version: 'v1', kind: 'PodAttachOptions', verbs: ['create', 'get'] };
    case 'portforward':
      return { group: '', version: 'v1', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] };
    case 'proxy':
      return {
        group: '',
        version: 'v1',
        kind: def.kind === 'Node' ? 'NodeProxyOptions' : def.kind === 'Service' ? 'ServiceProxyOptions' : 'PodProxyOptions',
        verbs: ['create', 'delete', 'get', 'patch', 'update'],
      };
    case 'finalize':
      return { ...self, verbs: ['update'] };
    case 'token':
      return { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] };
    default:
      return { ...self, verbs: ['get'] };
  }
}
