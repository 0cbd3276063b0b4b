import { ApiError } from '../../engine/apiserver/errors';
import type { KubeletPoolOptions } from '../../engine/cluster/kubeletPool';
import type { NodeRequest, NodeSpec } from '../../engine/cluster/topology';
import type { BatchedPort } from './batchedPort';
import type { KubeletPortMessage, PoolCommand, PoolReplies, PoolReply } from './kubeletProtocol';
import type { NodeAdder } from './nodesApi';

/**
 * RemoteKubeletPool is the control plane's handle on a KubeletHost in another Worker: it starts
 * the kubelets, moves their clock and adds nodes, each as a command answered over the port.
 */
export class RemoteKubeletPool implements NodeAdder {
  private readonly waiting = new Map<number, (reply: PoolReply) => void>();
  private seq = 0;
  /** nextDue is when the kubelets' next timer is due, as of their last reply (undefined: none pending). */
  nextDue?: number;

  constructor(private readonly port: BatchedPort<KubeletPortMessage>) {
    port.onMessage((msg) => {
      if (msg.t !== 'reply') return;
      const resolve = this.waiting.get(msg.seq);
      this.waiting.delete(msg.seq);
      resolve?.(msg.reply);
    });
  }

  /** start boots the kubelet host at the control plane's simulated time and starts every node's kubelet. */
  async start(seed: number | string, startMs: number, options: KubeletPoolOptions): Promise<void> {
    this.nextDue = (await this.call({ op: 'start', seed, startMs, options })).nextDue;
  }

  /** advanceTo runs the kubelets' clock to t and resolves once the work that started is done. */
  async advanceTo(t: number): Promise<void> {
    this.nextDue = (await this.call({ op: 'advance', to: t })).nextDue;
  }

  async addNode(request: NodeRequest): Promise<NodeSpec> {
    return (await this.call({ op: 'addNode', request })).node;
  }

  private async call<C extends PoolCommand>(command: C): Promise<PoolReplies[C['op']]> {
    const seq = ++this.seq;
    this.port.send({ t: 'command', seq, command });
    const reply = await new Promise<PoolReply>((resolve) => this.waiting.set(seq, resolve));
    if ('status' in reply) throw new ApiError(reply.status);
    return reply as PoolReplies[C['op']];
  }
}
