import type { Node } from 'kubernetes-types/core/v1';
import { isApiError, newAlreadyExists } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import { ApiClient } from '../client/apiClient';
import type { ApiTransport } from '../client/transport';
import type { ProfileName } from '../kubelet/config';
import { Kubelet } from '../kubelet/kubelet';
import type { Sim } from '../sim/sim';
import { kubeletConfigFor } from './kubeletConfig';
import { defaultTopology, workerAt, type NodeRequest, type NodeSpec, type TopologyOptions } from './topology';

/** KubeletPoolOptions size the pool's nodes and pick their kubelets' stage timings. */
export interface KubeletPoolOptions extends TopologyOptions {
  /** profile picks the kubelets' stage timings: "general" for people, "fast" for tests and big clusters. */
  profile?: ProfileName;
}

/**
 * KubeletPool runs the virtual kubelets of a cluster, one per node, each a separate client of the
 * API over transport and timed by sim. It needs nothing else of the control plane, so it runs in
 * the control plane's process (Cluster) or in a Worker of its own.
 */
export class KubeletPool {
  readonly kubelets = new Map<string, Kubelet>();
  /** nodes are the pool's nodes in the order they joined; a node's index fixes its podCIDR and address. */
  readonly nodes: NodeSpec[];
  /** claimed names are taken, including those of nodes whose kubelet is still being started. */
  private readonly claimed = new Set<string>();
  private readonly client: ApiClient;

  constructor(
    private readonly transport: ApiTransport,
    private readonly sim: Sim,
    private readonly opts: KubeletPoolOptions = {},
  ) {
    this.client = new ApiClient(transport, 'kube-playground-nodes');
    this.nodes = defaultTopology(opts);
    for (const n of this.nodes) this.claimed.add(n.name);
  }

  /** start starts the kubelet of every node of the topology, one after another. */
  async start(): Promise<void> {
    for (const n of this.nodes) await this.startKubelet(n);
  }

  /**
   * addNode starts the kubelet of one more worker, named as asked or the next free worker-N; it
   * resolves once the kubelet registered its Node, which turns Ready on the kubelet's own schedule.
   * A name held by a node of the pool or by a Node object is an AlreadyExists error.
   */
  async addNode(req: NodeRequest): Promise<NodeSpec> {
    let name = req.name;
    if (name !== undefined) {
      if (!(await this.claim(name))) throw newAlreadyExists(Resources.nodes, name);
    } else {
      for (let i = 1; !name; i++) if (await this.claim(`worker-${i}`)) name = `worker-${i}`;
    }
    const spec = workerAt(this.nodes.length, { ...req, name }, this.opts);
    this.nodes.push(spec);
    await this.startKubelet(spec);
    return spec;
  }

  /** startKubelet starts (or restarts, after a crash) the kubelet of a node of the pool. */
  async startKubelet(n: NodeSpec): Promise<Kubelet> {
    let k = this.kubelets.get(n.name);
    if (!k) {
      k = new Kubelet(new ApiClient(this.transport, `kubelet/v1.32.4 (linux/amd64) ${n.name}`), this.sim, kubeletConfigFor(n, this.opts.profile));
      this.kubelets.set(n.name, k);
    }
    await k.start();
    return k;
  }

  stop(): void {
    for (const k of this.kubelets.values()) k.stop();
  }

  /** claim takes a name no node of the pool and no Node object has; false when it is taken. */
  private async claim(name: string): Promise<boolean> {
    if (this.claimed.has(name)) return false;
    this.claimed.add(name);
    let exists: boolean;
    try {
      exists = await this.nodeExists(name);
    } catch (e) {
      this.claimed.delete(name);
      throw e;
    }
    if (exists) this.claimed.delete(name);
    return !exists;
  }

  private async nodeExists(name: string): Promise<boolean> {
    try {
      await this.client.get<Node>(Resources.nodes, undefined, name);
      return true;
    } catch (e) {
      if (isApiError(e, 'NotFound')) return false;
      throw e;
    }
  }
}
