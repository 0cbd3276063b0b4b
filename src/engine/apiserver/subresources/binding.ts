import type { Binding, Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import type { ApiRequest, ApiResponse } from '../../client/transport';
import { newBadRequest, newConflict } from '../errors';
import { fieldError, newInvalid } from '../fieldErrors';
import { asObject, decodeBody } from '../request/decode';
import type { ServerContext } from '../handlers/context';
import { isDryRun } from '../handlers/query';
import { formatTime } from '../../sim/clock';

const bindingsResource = { group: '', resource: 'pods/binding' };

/**
 * bindPod serves pods/{name}/binding and the bindings collection (pkg/registry/core/pod/storage
 * BindingREST): it sets spec.nodeName and the PodScheduled condition once, and refuses a pod
 * that is already bound or being deleted.
 */
export function bindPod(ctx: ServerContext, ns: string, podName: string | undefined, req: ApiRequest): ApiResponse {
  const binding = asObject(decodeBody(req.body, req.contentType), 'Binding') as KubeObject & Binding;
  const name = podName ?? binding.metadata?.name ?? '';
  if (podName && binding.metadata?.name && binding.metadata.name !== podName) {
    throw newBadRequest(`name in URL does not match name in Binding object`);
  }
  const target = binding.target?.name;
  if (!target) {
    throw newInvalid({ group: '', kind: 'Binding' }, name, [fieldError.required('target.name', '')]);
  }
  const s = ctx.strategies.lookup('', 'v1', 'pods')!;
  ctx.registry.guaranteedUpdate(
    s,
    ns,
    name,
    (current) => {
      const pod = current as unknown as Pod;
      if (current.metadata.deletionTimestamp) {
        throw newConflict(bindingsResource, name, `pod ${name} is being deleted, cannot be assigned to a host`);
      }
      if (pod.spec?.nodeName) {
        throw newConflict(bindingsResource, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
      }
      const now = formatTime(ctx.sim.clock.now());
      const conditions: PodCondition[] = [];
      for (const c of pod.status?.conditions ?? []) if (c.type !== 'PodScheduled') conditions.push(c);
      conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: now });
      return {
        ...current,
        spec: { ...pod.spec, nodeName: target },
        status: { ...pod.status, conditions },
      } as KubeObject;
    },
    { dryRun: isDryRun(req) },
    'binding',
  );
  return { status: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}
