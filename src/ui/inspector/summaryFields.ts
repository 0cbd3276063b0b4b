import type { KubeObject } from '../../engine/api/object';
import { translateTimestampSince } from '../../engine/apiserver/table/duration';

/** SummaryField is one "Label: value" line at the top of the inspector, as in kubectl describe. */
export type SummaryField = [label: string, value: string];

interface Workload {
  spec?: { replicas?: number; nodeName?: string };
  status?: { phase?: string; podIP?: string; replicas?: number; readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number; nodeInfo?: { kubeletVersion?: string } };
}

/** summaryFields picks the few facts describe leads with: age, owner, labels and each kind's essentials. */
export function summaryFields(obj: KubeObject, now: number | undefined): SummaryField[] {
  const m = obj.metadata ?? {};
  const { spec, status } = obj as Workload;
  const out: SummaryField[] = [];
  if (now !== undefined && m.creationTimestamp) out.push(['Created', `${translateTimestampSince(m.creationTimestamp, now)} ago`]);
  const owner = m.ownerReferences?.find((r) => r.controller);
  if (owner) out.push(['Controlled By', `${owner.kind}/${owner.name}`]);
  switch (obj.kind) {
    case 'Pod':
      out.push(['Status', m.deletionTimestamp ? 'Terminating' : (status?.phase ?? '')], ['Node', spec?.nodeName ?? '<none>'], ['IP', status?.podIP ?? '<none>']);
      break;
    case 'Node':
      if (status?.nodeInfo?.kubeletVersion) out.push(['Kubelet Version', status.nodeInfo.kubeletVersion]);
      break;
    case 'Deployment':
    case 'ReplicaSet':
      out.push(['Replicas', `${spec?.replicas ?? 1} desired | ${status?.updatedReplicas ?? status?.replicas ?? 0} ${obj.kind === 'Deployment' ? 'updated' : 'current'} | ${status?.readyReplicas ?? 0} ready | ${status?.availableReplicas ?? 0} available`]);
      break;
  }
  const labels = Object.entries(m.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  out.push(['Labels', labels.length ? labels.join(', ') : '<none>']);
  return out;
}
