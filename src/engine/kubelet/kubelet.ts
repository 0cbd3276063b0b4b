import type { Node, NodeCondition, Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../apiserver/errors';
import { createMirrorPods } from './mirrorPods';
import { Resources } from '../apiserver/registry/resources';
import type { ApiClient } from '../client/apiClient';
import { EventRecorder } from '../client/eventRecorder';
import { Informer } from '../client/informer';
import type { Rng } from '../sim/rng';
import type { Sim } from '../sim/sim';
import type { KubeletConfig } from './config';
import { hexDigest } from './hash';
import { imageInfo } from './images';
import { NodeHeartbeat } from './lease';
import { PodLifecycle, type PulledImage } from './lifecycle';
import { newNode, nodeAllocatable, nodeCapacity, nodeConditions, nodeLabels, nodeStatus, type NodeIdentity } from './nodeStatus';
import { profiles, type Profile } from './stages/profiles';

export type { KubeletConfig, NodeRole, ProfileName } from './config';

/** preloadedImages are on every node before any pod runs, as in a kind node image. */
const preloadedImages = [
  'registry.k8s.io/pause:3.10',
  'registry.k8s.io/kube-proxy:v1.32.4',
  'registry.k8s.io/coredns/coredns:v1.11.3',
  'registry.k8s.io/etcd:3.5.16-0',
];

/**
 * Kubelet is the simulated kubelet of one node, a client of the API server like any other: it
 * registers its Node, keeps its Lease and status fresh, and runs the pods bound to it through the
 * stage interpreter, watching only those pods (fieldSelector spec.nodeName). stop() is a node
 * crash: nothing is written any more, and the node lifecycle controller notices.
 */
export class Kubelet {
  private readonly rng: Rng;
  private readonly recorder: EventRecorder;
  private readonly profile: Profile;
  /** images outlive a kubelet restart: containerd keeps them on disk. */
  private readonly images = new Map<string, PulledImage>();
  private readonly machine: Omit<NodeIdentity, 'bootID'>;
  private identity?: NodeIdentity;
  private informer?: Informer<Pod>;
  private lifecycle?: PodLifecycle;
  private heartbeat?: NodeHeartbeat;
  private networkTimer?: number;
  private networkReady = false;
  private running = false;

  constructor(
    readonly client: ApiClient,
    private readonly sim: Sim,
    readonly config: KubeletConfig,
  ) {
    this.rng = sim.rng.fork(`kubelet/${config.nodeName}`);
    this.recorder = new EventRecorder(client, sim, 'kubelet', { host: config.nodeName });
    this.profile = profiles[config.profile ?? 'general'];
    const uuid = this.rng.uuid();
    this.machine = { machineID: hexDigest(`machine/${uuid}`, 32), systemUUID: uuid };
    for (const ref of preloadedImages) {
      const info = imageInfo(ref);
      this.images.set(info.name, { names: [info.imageID, info.name], sizeBytes: info.sizeBytes });
    }
  }

  /** isRunning reports whether the kubelet is up (between start and stop). */
  get isRunning(): boolean {
    return this.running;
  }

  /** start registers the node, begins heartbeats and starts the pod watch. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    // Every start is a boot of the node.
    this.identity = { ...this.machine, bootID: this.rng.uuid() };
    this.networkReady = this.profile.networkReadyMs <= 0;
    const nodeRef = { kind: 'Node', metadata: { name: this.config.nodeName, uid: this.config.nodeName } };
    this.recorder.event(nodeRef, 'Normal', 'Starting', 'Starting kubelet.');
    const { node, conditions } = await this.registerNode();
    if (this.config.staticPods?.length) await createMirrorPods(this.client, this.config.staticPods, node, this.sim.clock.now());
    const lifecycle = new PodLifecycle(
      this.client,
      this.sim,
      this.recorder,
      { name: this.config.nodeName, hostIP: this.config.internalIP, podCIDR: this.config.podCIDR, allocatable: nodeAllocatable(nodeCapacity(this.config)) },
      this.profile,
      this.rng.fork('pods'),
      this.images,
    );
    this.lifecycle = lifecycle;
    this.heartbeat = new NodeHeartbeat(this.client, this.sim, this.recorder, node, (previous) =>
      nodeStatus(this.config, this.identity!, nodeConditions(this.networkReady, this.sim.clock.now(), previous), lifecycle.pulledImages()),
    );
    await this.heartbeat.start(conditions);
    this.recorder.event(nodeRef, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    if (!this.networkReady) {
      this.networkTimer = this.sim.timers.after(this.profile.networkReadyMs, () => {
        this.networkReady = true;
        void this.heartbeat?.syncStatus(undefined, false);
      });
    }
    const informer = new Informer<Pod>(this.client, Resources.pods, { fieldSelector: `spec.nodeName=${this.config.nodeName}` }, (ms, fn) => this.sim.timers.after(ms, fn));
    informer.addEventHandler({
      onAdd: (pod) => lifecycle.observe(pod),
      onUpdate: (_old, pod) => lifecycle.observe(pod),
      onDelete: (pod) => lifecycle.forget(pod),
    });
    this.informer = informer;
    await informer.start();
  }

  /** stop halts the kubelet at once: no more writes, pending transitions dropped. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.informer?.stop();
    this.lifecycle?.stop();
    this.heartbeat?.stop();
    if (this.networkTimer !== undefined) this.sim.timers.cancel(this.networkTimer);
    this.informer = this.lifecycle = this.heartbeat = undefined;
  }

  /** podCount is how many pods the kubelet currently runs. */
  get podCount(): number {
    return this.lifecycle?.podCount ?? 0;
  }

  /**
   * registerNode creates the Node, or adopts the existing one after a restart, keeping its spec
   * (taints, unschedulable) and reconciling the labels the kubelet owns.
   */
  private async registerNode(): Promise<{ node: Node; conditions?: NodeCondition[] }> {
    const status = nodeStatus(this.config, this.identity!, [], [...this.images.values()]);
    const fresh = newNode(this.config, status);
    try {
      const node = await this.client.create<Node>(Resources.nodes, fresh);
      return { node };
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 409)) throw e;
    }
    const existing = await this.client.get<Node>(Resources.nodes, undefined, this.config.nodeName);
    const labels = { ...existing.metadata?.labels, ...nodeLabels(this.config) };
    const node = await this.client.patch<Node>(Resources.nodes, undefined, this.config.nodeName, 'merge', { metadata: { labels } });
    return { node, conditions: existing.status?.conditions ?? [] };
  }
}
