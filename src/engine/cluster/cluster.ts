import type { ApiServer } from '../apiserver/server';
import type { ApiClient } from '../client/apiClient';
import type { ControllerManager } from '../controllers/controllerManager';
import type { Kubelet } from '../kubelet/kubelet';
import type { Scheduler } from '../scheduler/scheduler';
import type { Sim } from '../sim/sim';
import { ControlPlane, type ControlPlaneOptions } from './controlPlane';
import { KubeletPool, type KubeletPoolOptions } from './kubeletPool';
import type { NodeRequest, NodeSpec } from './topology';

/** ClusterOptions choose the seed, the size and how the host lets queued work run. */
export interface ClusterOptions extends ControlPlaneOptions, KubeletPoolOptions {}

/**
 * Cluster is one simulated v1.32 cluster in one process: the control plane and a kubelet per node
 * on one Sim, every component a separate client of the API. Tests, benchmarks and the headless
 * server use it; the page splits the same two halves over two Workers.
 */
export class Cluster {
  readonly controlPlane: ControlPlane;
  readonly kubeletPool: KubeletPool;
  readonly sim: Sim;
  readonly apiServer: ApiServer;
  /** client is an admin client for hosts and tests. */
  readonly client: ApiClient;
  readonly scheduler: Scheduler;
  readonly controllerManager: ControllerManager;
  readonly kubelets: Map<string, Kubelet>;
  readonly nodes: NodeSpec[];

  constructor(opts: ClusterOptions) {
    const cp = (this.controlPlane = new ControlPlane(opts));
    this.sim = cp.sim;
    this.apiServer = cp.apiServer;
    this.client = cp.client;
    this.scheduler = cp.scheduler;
    this.controllerManager = cp.controllerManager;
    // The kubelets reach the API server in process, on the control plane's own clock.
    this.kubeletPool = new KubeletPool(cp.apiServer, cp.sim, opts);
    this.kubelets = this.kubeletPool.kubelets;
    this.nodes = this.kubeletPool.nodes;
  }

  /** start bootstraps the API objects, then starts the control plane and the kubelets. */
  async start(): Promise<void> {
    await this.controlPlane.start();
    await this.kubeletPool.start();
    await this.sim.settle();
  }

  /** addNode starts one more worker's kubelet (POST /playground/v1/nodes). */
  addNode(req: NodeRequest): Promise<NodeSpec> {
    return this.kubeletPool.addNode(req);
  }

  stop(): void {
    this.kubeletPool.stop();
    this.controlPlane.stop();
  }
}
