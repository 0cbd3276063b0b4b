import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Namespace, Node, Pod, ReplicationController, Service } from 'kubernetes-types/core/v1';
import { ApiError, failure } from '../../engine/apiserver/errors';
import type { ResourceDefinition } from '../../engine/apiserver/registry/resourceDefinition';
import { Resources } from '../../engine/apiserver/registry/resources';
import { ApiClient } from '../../engine/client/apiClient';
import type { ApiRequest, ApiResponse, ApiTransport } from '../../engine/client/transport';
import { explainScheduling, type SchedulingExplanation } from '../../engine/scheduler/explain';
import type { WorkloadListers } from '../../engine/scheduler/framework/interface';

/** SchedulingApiPath matches the explanation path: a playground path Kubernetes does not use. */
const SchedulingApiPath = /^\/playground\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/scheduling$/;

/** PodSchedulingExplanation is the body of GET /playground/v1/namespaces/{ns}/pods/{name}/scheduling. */
export interface PodSchedulingExplanation extends SchedulingExplanation {
  kind: 'PodSchedulingExplanation';
  apiVersion: 'playground/v1';
  pod: { namespace: string; name: string; uid?: string; nodeName?: string; schedulerName: string };
}

/**
 * serveSchedulingApi answers GET /playground/v1/namespaces/{ns}/pods/{name}/scheduling with the
 * default profile's verdict on every node for that pod; undefined for any other path. It reads the
 * cluster only through the API, as the scheduler does, so the answer is what the scheduler would see.
 */
export async function serveSchedulingApi(transport: ApiTransport, req: ApiRequest): Promise<ApiResponse | undefined> {
  const path = req.path.split('?')[0].replace(/\/+$/, '');
  const match = SchedulingApiPath.exec(path);
  if (!match) return undefined;
  if (req.method !== 'GET') return { status: 405, body: failure(405, 'MethodNotAllowed', `${req.method} is not supported on ${path}`) };
  const [namespace, name] = [decodeURIComponent(match[1]), decodeURIComponent(match[2])];
  try {
    return { status: 200, body: await explainPod(new ApiClient(transport, 'kube-playground-scheduling-explain'), namespace, name) };
  } catch (e) {
    if (e instanceof ApiError) return { status: e.code, body: e.status };
    throw e;
  }
}

async function explainPod(client: ApiClient, namespace: string, name: string): Promise<PodSchedulingExplanation> {
  const pod = await client.get<Pod>(Resources.pods, namespace, name);
  const [nodes, assigned, listers, namespaces] = await Promise.all([
    client.list<Node>(Resources.nodes),
    // kube-scheduler's own pod informer leaves out finished pods; unassigned ones take no room.
    client.list<Pod>(Resources.pods, { fieldSelector: 'spec.nodeName!=,status.phase!=Succeeded,status.phase!=Failed' }),
    workloadListersFor(client, pod),
    // InterPodAffinity resolves namespaceSelectors against them.
    client.list<Namespace>(Resources.namespaces),
  ]);
  // A bound pod is explained as if it were pending again: without its nodeName (which the NodeName
  // filter would hold it to) and without its own requests counting on its node.
  const pending: Pod = { ...pod, spec: { ...pod.spec!, nodeName: undefined } };
  const others = assigned.items.filter((p) => p.metadata?.uid !== pod.metadata?.uid);
  const explanation = explainScheduling(pending, nodes.items, others, { listers, namespaces: namespaces.items });
  return {
    kind: 'PodSchedulingExplanation',
    apiVersion: 'playground/v1',
    pod: { namespace, name, uid: pod.metadata?.uid, nodeName: pod.spec?.nodeName, schedulerName: pod.spec?.schedulerName ?? 'default-scheduler' },
    ...explanation,
  };
}

/** workloadListersFor fetches what DefaultSelector reads for pod: its namespace's services and its controller. */
async function workloadListersFor(client: ApiClient, pod: Pod): Promise<WorkloadListers> {
  const namespace = pod.metadata?.namespace ?? '';
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller);
  const ownerResource: Record<string, ResourceDefinition> = {
    ReplicationController: Resources.replicationcontrollers,
    ReplicaSet: Resources.replicasets,
    StatefulSet: Resources.statefulsets,
  };
  const res = owner && ownerResource[owner.kind];
  const [services, controller] = await Promise.all([
    client.list<Service>(Resources.services, { namespace }),
    res ? client.get(res, namespace, owner.name).catch(() => undefined) : undefined,
  ]);
  const ownedAs = <T>(kind: string) => (ns: string, n: string) =>
    controller?.kind === kind && ns === namespace && n === controller.metadata?.name ? (controller as T) : undefined;
  return {
    services: (ns) => (ns === namespace ? services.items : []),
    replicationController: ownedAs<ReplicationController>('ReplicationController'),
    replicaSet: ownedAs<ReplicaSet>('ReplicaSet'),
    statefulSet: ownedAs<StatefulSet>('StatefulSet'),
  };
}
