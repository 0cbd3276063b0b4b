import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import { useClusterStore } from '../../state/clusterStore';
import type { ShapeNode } from '../flowElements';
import { selectHandlers, useIsSelected } from '../useCanvasView';

/** formatPort renders a Service port as kubectl get svc does, with its target: 80/TCP→http. */
function formatPort(p: ServicePort): string {
  const node = p.nodePort ? `:${p.nodePort}` : '';
  return `${p.port}${node}/${p.protocol ?? 'TCP'}→${p.targetPort ?? p.port}`;
}

/** ServiceShape draws a Service: its type, cluster IP and ports; edges lead to the pods behind it. */
export const ServiceShape = memo(function ServiceShape({ data }: NodeProps<ShapeNode>) {
  const svc = useClusterStore((s) => s.objects.services[`${data.namespace}/${data.name}`] as Service | undefined);
  const selected = useIsSelected({ resource: 'services', namespace: data.namespace, name: data.name });
  if (!svc) return null;
  const spec = svc.spec ?? {};
  const ports = (spec.ports ?? []).map(formatPort).join(', ');
  return (
    <div
      className={`service-shape${selected ? ' selected' : ''}`}
      data-kind="Service"
      data-name={data.name}
      data-namespace={data.namespace}
      data-type={spec.type ?? 'ClusterIP'}
      {...selectHandlers({ resource: 'services', namespace: data.namespace, name: data.name })}
      aria-pressed={selected}
      title={`service ${data.namespace}/${data.name}`}
    >
      <span className="shape-kind">svc · {spec.type ?? 'ClusterIP'}</span>
      <span className="shape-name">{data.name}</span>
      <span className="shape-line">
        {data.namespace} · {spec.clusterIP ?? 'pending IP'}
      </span>
      <span className="shape-line" title={ports}>
        {ports || 'no ports'}
      </span>
      <Handle type="source" position={Position.Right} isConnectable={false} className="source-handle" />
    </div>
  );
});
