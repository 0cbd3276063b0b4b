import type { YieldToHost } from '../../engine/sim/sim';
import { BatchedPort, type PortLike } from '../shared/batchedPort';
import { KubeletHost } from '../shared/kubeletHost';
import type { KubeletPortMessage } from '../shared/kubeletProtocol';

/**
 * createKubeletApi builds the one object the kubelet Worker exposes: attach hands it the port to
 * the control-plane Worker, which from then on starts, times and adds its kubelets. It knows
 * nothing of Comlink, so it can be tested over any MessagePort.
 */
export function createKubeletApi(yieldToHost: YieldToHost) {
  let host: KubeletHost | undefined;
  return {
    attach(controlPlanePort: PortLike): void {
      host ??= new KubeletHost(new BatchedPort<KubeletPortMessage>(controlPlanePort, yieldToHost), yieldToHost);
    },
    shutdown(): void {
      host?.stop();
    },
  };
}

/** KubeletApi is the type the page's bridge wraps. */
export type KubeletApi = ReturnType<typeof createKubeletApi>;
