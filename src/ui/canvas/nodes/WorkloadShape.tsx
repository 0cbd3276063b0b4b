import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { useClusterStore } from '../../state/clusterStore';
import type { ShapeNode } from '../flowElements';
import { selectHandlers, useIsSelected } from '../useCanvasView';
import { CornerHandle } from './CornerHandle';

const resourceOf = { Deployment: 'deployments', ReplicaSet: 'replicasets' } as const;

/** WorkloadShape draws a Deployment or ReplicaSet of the ownership overlay, with its replica counts. */
export const WorkloadShape = memo(function WorkloadShape({ data }: NodeProps<ShapeNode>) {
  const resource = resourceOf[data.kind as keyof typeof resourceOf];
  const obj = useClusterStore((s) => s.objects[resource][`${data.namespace}/${data.name}`] as Deployment | ReplicaSet | undefined);
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
      {data.kind === 'ReplicaSet' && <CornerHandle />}
      <span className="shape-kind">
        {data.kind === 'Deployment' ? 'deploy' : 'rs'}
        {revision ? ` · rev ${revision}` : ''}
      </span>
      <span className="shape-name">{data.name}</span>
      <span className="shape-line">
        ready {obj.status?.readyReplicas ?? 0}/{obj.spec?.replicas ?? 0}
      </span>
      <Handle type="source" position={Position.Right} isConnectable={false} className="source-handle" />
    </div>
  );
});
