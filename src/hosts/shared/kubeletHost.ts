import type { Status } from 'kubernetes-types/meta/v1';
import { ApiError, newInternalError } from '../../engine/apiserver/errors';
import { KubeletPool } from '../../engine/cluster/kubeletPool';
import { Sim, type YieldToHost } from '../../engine/sim/sim';
import type { BatchedPort } from './batchedPort';
import type { KubeletPortMessage, PoolCommand, PoolReply } from './kubeletProtocol';
import { PortApiTransport } from './portApiTransport';

/**
 * KubeletHost runs a KubeletPool in a Worker of its own, as the control plane commands over port:
 * its Sim follows the control plane's clock tick by tick, and its kubelets reach the API server
 * only through a PortApiTransport.
 */
export class KubeletHost {
  private readonly transport: PortApiTransport;
  private sim?: Sim;
  private pool?: KubeletPool;

  constructor(
    private readonly port: BatchedPort<KubeletPortMessage>,
    private readonly yieldToHost: YieldToHost,
  ) {
    this.transport = new PortApiTransport(port);
    port.onMessage((msg) => {
      if (msg.t !== 'command') return;
      const reply = (r: PoolReply) => port.send({ t: 'reply', seq: msg.seq, reply: r });
      // A failure crosses the Worker boundary as its Status, as data.
      void this.run(msg.command).then(reply, (e: unknown) => reply({ status: statusOf(e) }));
    });
  }

  stop(): void {
    this.pool?.stop();
    this.port.close();
  }

  private async run(command: PoolCommand): Promise<PoolReply> {
    switch (command.op) {
      case 'start': {
        if (this.sim) throw new Error('kubelet host: already started');
        this.sim = new Sim(command.seed, this.yieldToHost, command.startMs);
        this.pool = new KubeletPool(this.transport, this.sim, command.options);
        await this.pool.start();
        return this.quiesce();
      }
      case 'advance':
        await this.started().sim.runTo(command.to);
        return this.quiesce();
      case 'addNode':
        return { node: await this.started().pool.addNode(command.request) };
    }
  }

  /**
   * quiesce waits until the work the last command started is done (every request answered, what
   * the answers started settled) and reports when the kubelets' next timer is due.
   */
  private async quiesce(): Promise<PoolReply> {
    const { sim } = this.started();
    for (;;) {
      await sim.settle();
      if (this.transport.inFlight === 0) break;
      await this.transport.idle();
    }
    return { nextDue: sim.timers.nextDue() };
  }

  private started(): { sim: Sim; pool: KubeletPool } {
    if (!this.sim || !this.pool) throw new Error('kubelet host: not started');
    return { sim: this.sim, pool: this.pool };
  }
}

/** statusOf is the Status of a failed command: an API error's own, anything else an InternalError. */
function statusOf(e: unknown): Status {
  return (e instanceof ApiError ? e : newInternalError(e instanceof Error ? e.message : String(e))).status;
}
