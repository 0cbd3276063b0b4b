import { ApiServer } from '../apiserver/server';
import { ApiClient } from '../client/apiClient';
import type { ApiTransport } from '../client/transport';
import { ControllerManager } from '../controllers/controllerManager';
import { Kubelet } from '../kubelet/kubelet';
import type { ProfileName } from '../kubelet/config';
import { Scheduler } from '../scheduler/scheduler';
import { Sim, type YieldToHost } from '../sim/sim';
import { bootstrapCluster } from './bootstrap';
import { controllerConstructors } from './controllers';
import { servedStrategies } from './servedStrategies';
import { kubeletConfigFor } from './kubeletConfig';
import { defaultTopology, type NodeSpec, type TopologyOptions } from './topology';

/** ClusterOptions choose the seed, the size and how the host lets queued work run. */
export interface ClusterOptions extends TopologyOptions {
  seed?: number | string;
  yieldToHost: YieldToHost;
  /** startMs is the simulated time the cluster boots at (default: the fixed SimEpoch). */
  startMs?: number;
  /** kubeletTransport lets a host run kubelets elsewhere (another Worker); default in-process. */
  kubeletTransport?: ApiTransport;
  freeze?: boolean;
  historyLimit?: number;
  /** startKubelets false leaves the nodes to a separate kubelet host. */
  startKubelets?: boolean;
  /** profile picks the kubelets' stage timings: "general" for people, "fast" for tests and big clusters. */
  profile?: ProfileName;
}

/**
 * Cluster is one simulated v1.32 cluster: the API server over its store, the scheduler, the
 * controller manager and a kubelet per node, every component a separate client of the API.
 */
export class Cluster {
  readonly sim: Sim;
  readonly apiServer: ApiServer;
  /** client is an admin client for hosts and tests. */
  readonly client: ApiClient;
  readonly scheduler: Scheduler;
  readonly controllerManager: ControllerManager;
  readonly kubelets = new Map<string, Kubelet>();
  readonly nodes: NodeSpec[];

  constructor(private readonly opts: ClusterOptions) {
    this.sim = new Sim(opts.seed ?? 1, opts.yieldToHost, opts.startMs);
    this.apiServer = new ApiServer(this.sim, { strategies: servedStrategies, freeze: opts.freeze, historyLimit: opts.historyLimit });
    this.client = new ApiClient(this.apiServer, 'kube-playground-admin');
    this.scheduler = new Scheduler(new ApiClient(this.apiServer, 'kube-scheduler/v1.32.4'), this.sim);
    this.controllerManager = new ControllerManager(this.apiServer, this.sim, controllerConstructors);
    this.nodes = defaultTopology(opts);
  }

  /** start bootstraps the API objects, then starts the control plane and the kubelets. */
  async start(): Promise<void> {
    await bootstrapCluster(this.client);
    await this.controllerManager.start();
    await this.scheduler.start();
    if (this.opts.startKubelets !== false) {
      for (const n of this.nodes) await this.startKubelet(n);
    }
    await this.sim.settle();
  }

  /** startKubelet starts the kubelet of a node (a new node joins the cluster this way). */
  async startKubelet(n: NodeSpec): Promise<Kubelet> {
    const transport = this.opts.kubeletTransport ?? this.apiServer;
    const k = new Kubelet(new ApiClient(transport, `kubelet/v1.32.4 (linux/amd64) ${n.name}`), this.sim, kubeletConfigFor(n, this.opts.profile));
    this.kubelets.set(n.name, k);
    if (!this.nodes.includes(n)) this.nodes.push(n);
    await k.start();
    return k;
  }

  stop(): void {
    for (const k of this.kubelets.values()) k.stop();
    this.scheduler.stop();
    this.controllerManager.stop();
  }
}
