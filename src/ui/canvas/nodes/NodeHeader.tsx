import { useCanvasStore } from '../canvasStore';
import { formatCPU, formatMemory, type NodeUsage, type NodeView } from '../viewModel';
import { UsageBar } from './UsageBar';

const count = (n: number) => String(n);

/** NodeHeader shows a node's status, its node agents (kubelet, kube-proxy, runtime), usage and taints. */
export function NodeHeader({ view, usage }: { view: NodeView; usage: NodeUsage }) {
  const kubeletPulse = useCanvasStore((s) => s.activity.kubelets[view.name]);
  return (
    <div className="node-header">
      <div className="node-title">
        <span className="node-name">{view.name}</span>
        <span className="node-roles">{view.roles.join(',') || 'worker'}</span>
        <span className={`badge status-${view.status}`}>{view.status}</span>
        {view.unschedulable && <span className="badge cordoned">SchedulingDisabled</span>}
        {view.pressure.map((c) => (
          <span key={c} className="badge pressure">
            {c}
          </span>
        ))}
      </div>
      <div className="node-agents">
        <span className="agent" title="kubelet (simulated)">
          kubelet {view.kubeletVersion}
          {kubeletPulse && <span key={kubeletPulse.seq} className="pulse pulse-kubelet" aria-hidden="true" />}
        </span>
        <span className="agent" title="kube-proxy (simulated)">
          kube-proxy{view.kubeProxyVersion ? ` ${view.kubeProxyVersion}` : ''}
        </span>
        <span className="agent" title="container runtime (status.nodeInfo.containerRuntimeVersion)">
          {view.containerRuntimeVersion || 'runtime ?'}
        </span>
      </div>
      <UsageBar label="cpu" usage={usage.cpu} format={formatCPU} />
      <UsageBar label="memory" usage={usage.memory} format={formatMemory} />
      <UsageBar label="pods" usage={usage.pods} format={count} />
      <div className="node-taints" title={view.taints.join('\n')}>
        {view.taints.length ? `taints: ${view.taints.join(', ')}` : 'no taints'}
      </div>
    </div>
  );
}
