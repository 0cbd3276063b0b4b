import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { KubeObject } from '../../../engine/api/object';
import { useClusterStore } from '../../state/clusterStore';
import type { ShapeNode } from '../flowElements';
import { selectHandlers, useIsSelected } from '../useCanvasView';
import { CornerHandle } from './CornerHandle';

const resourceOf = {
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
  CronJob: 'cronjobs',
} as const;

/** shortNames are kubectl's short names, as the shape's kind line shows them. */
const shortNames: Record<keyof typeof resourceOf, string> = { Deployment: 'deploy', ReplicaSet: 'rs', StatefulSet: 'sts', DaemonSet: 'ds', Job: 'job', CronJob: 'cj' };

/** progress is the counts `kubectl get` shows for the kind: ready/desired, completions, or schedule and active Jobs. */
function progress(kind: keyof typeof resourceOf, obj: KubeObject): string {
  switch (kind) {
    case 'DaemonSet': {
      const st = (obj as DaemonSet).status;
      return `ready ${st?.numberReady ?? 0}/${st?.desiredNumberScheduled ?? 0}`;
    }
    case 'Job': {
      const j = obj as Job;
      return `complete ${j.status?.succeeded ?? 0}/${j.spec?.completions ?? 1}`;
    }
    case 'CronJob': {
      const cj = obj as CronJob;
      return `${cj.spec?.schedule} · active ${cj.status?.active?.length ?? 0}`;
    }
    default: {
      const w = obj as Deployment | ReplicaSet | StatefulSet;
      return `ready ${w.status?.readyReplicas ?? 0}/${w.spec?.replicas ?? 0}`;
    }
  }
}

/** WorkloadShape draws a workload controller of the ownership overlay with its progress. */
export const WorkloadShape = memo(function WorkloadShape({ data }: NodeProps<ShapeNode>) {
  const kind = data.kind as keyof typeof resourceOf;
  const resource = resourceOf[kind];
  const obj = useClusterStore((s) => s.objects[resource][`${data.namespace}/${data.name}`]);
  const selected = useIsSelected({ resource, namespace: data.namespace, name: data.name });
  if (!obj) return null;
  const revision = obj.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  return (
    <div
      className={`workload-shape kind-${data.kind}${selected ? ' selected' : ''}`}
      data-kind={data.kind}
      data-name={data.name}
      data-namespace={data.namespace}
      {...selectHandlers({ resource, namespace: data.namespace, name: data.name })}
      aria-pressed={selected}
    >
      {data.kind !== 'Deployment' && data.kind !== 'CronJob' && <CornerHandle />}
      <span className="shape-kind">
        {shortNames[kind]}
        {revision ? ` · rev ${revision}` : ''}
      </span>
      <span className="shape-name">{data.name}</span>
      <span className="shape-line">{progress(kind, obj)}</span>
      <Handle type="source" position={Position.Right} isConnectable={false} className="source-handle" />
    </div>
  );
});
