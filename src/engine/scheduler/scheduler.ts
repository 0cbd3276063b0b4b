import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, ReplicationController, Service } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { Resources } from '../apiserver/registry/resources';
import type { ApiClient } from '../client/apiClient';
import { EventsV1Recorder } from '../client/eventsV1Recorder';
import { InformerFactory } from '../client/informerFactory';
import type { Lister } from '../client/lister';
import type { Sim } from '../sim/sim';
import { SchedulerCache } from './cache/cache';
import { VolumeAssumeCache } from './cache/volumeAssumeCache';
import { addAllEventHandlers, addStorageEventHandlers, DefaultSchedulerName } from './eventHandlers';
import type { NamespaceLister, WorkloadListers } from './framework/interface';
import type { Framework } from './framework/runtime';
import { ScheduleAlgorithm } from './framework/schedulePod';
import { newFramework, type PluginConfig } from './plugins/registry';
import { SchedulingQueue, type QueueingHint, type QueueOptions } from './queue/schedulingQueue';
import { scheduleOne, type SchedulerCore } from './scheduleOne';

/** SchedulerOptions are the parts of KubeSchedulerConfiguration this scheduler reads. */
export interface SchedulerOptions extends QueueOptions {
  /** schedulerName is the profile's name; pods naming another scheduler are left alone. */
  schedulerName?: string;
  /** percentageOfNodesToScore 0 (the default) is the adaptive 50 − nodes/125 percent, at least 5. */
  percentageOfNodesToScore?: number;
  plugins?: readonly PluginConfig[];
  /** hostname is the node kube-scheduler runs on (a host-network static pod), for the reporting instance. */
  hostname?: string;
}

/** yieldEvery is how many pods one turn schedules before letting bindings and watch events run. */
const yieldEvery = 64;

/**
 * Scheduler is kube-scheduler: it watches pods and nodes through the API, schedules each pending
 * pod of its profile with the framework, assumes it on the chosen node at once (so thousands of
 * pods place without waiting for their watch events) and binds it through pods/binding.
 */
export class Scheduler implements SchedulerCore {
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  readonly fwk: Framework;
  readonly algorithm: ScheduleAlgorithm;
  readonly recorder: EventsV1Recorder;
  readonly podLister: Lister<Pod>;
  private readonly informers: InformerFactory;
  /** workloadInformers feed DefaultSelector and namespaceSelectors; scheduling goes on without them if they fail to list. */
  private readonly workloadInformers: InformerFactory;
  private running = false;
  private loopScheduled = false;

  constructor(
    readonly client: ApiClient,
    readonly sim: Sim,
    opts: SchedulerOptions = {},
  ) {
    const rng = sim.rng.fork('kube-scheduler');
    const retryAfter = (ms: number, fn: () => void) => sim.timers.after(ms, fn);
    this.informers = new InformerFactory(client, retryAfter);
    this.workloadInformers = new InformerFactory(client, retryAfter);
    const pods = this.informers.for<Pod>(Resources.pods);
    const nodes = this.informers.for<Node>(Resources.nodes);
    const claims = this.informers.for<PersistentVolumeClaim>(Resources.persistentvolumeclaims);
    const volumes = this.informers.for<PersistentVolume>(Resources.persistentvolumes);
    const classes = this.informers.for<StorageClass>(Resources.storageclasses);
    this.podLister = pods.lister;
    const volumeCache = new VolumeAssumeCache({
      claim: (ns, name) => claims.lister.get(ns, name),
      volume: (name) => volumes.lister.get(undefined, name),
      volumes: () => volumes.lister.list(),
      storageClass: (name) => classes.lister.get(undefined, name),
    });
    this.cache = new SchedulerCache(this.workloadListers(), volumeCache, this.namespaceLister());
    this.fwk = newFramework(rng.fork('framework'), opts.plugins, opts.schedulerName ?? DefaultSchedulerName);
    const hints: QueueingHint[] = [];
    for (const [pluginName, events] of this.fwk.enqueueExtensions) for (const e of events) hints.push({ pluginName, ...e });
    this.queue = new SchedulingQueue(sim.clock, sim.timers, hints, opts);
    this.queue.onActive = () => this.wake();
    this.fwk.nominator = this.queue.nominator;
    this.algorithm = new ScheduleAlgorithm(this.fwk, rng.fork('selectHost'), opts.percentageOfNodesToScore ?? 0);
    const reporter = opts.schedulerName ?? DefaultSchedulerName;
    // NewRecorder names the reporting instance after the controller and the host it runs on.
    this.recorder = new EventsV1Recorder(client, sim, reporter, `${reporter}-${opts.hostname ?? 'control-plane'}`);
    addAllEventHandlers(this.cache, this.queue, pods, nodes, opts.schedulerName ?? DefaultSchedulerName);
    addStorageEventHandlers(this.queue, claims, volumes, classes);
  }

  /** start lists and watches, then schedules whatever is pending and everything that arrives. */
  async start(): Promise<void> {
    await Promise.all([this.informers.start(), this.workloadInformers.start().catch(() => undefined)]);
    this.running = true;
    this.wake();
  }

  stop(): void {
    this.running = false;
    this.recorder.stop();
    this.queue.close();
    this.informers.stop();
    this.workloadInformers.stop();
  }

  private wake(): void {
    if (!this.running || this.loopScheduled) return;
    this.loopScheduled = true;
    queueMicrotask(() => void this.run());
  }

  /** run pops and schedules pods until activeQ is empty, yielding now and then for bindings to progress. */
  private async run(): Promise<void> {
    let n = 0;
    while (this.running) {
      const q = this.queue.pop();
      if (!q) break;
      scheduleOne(this, q);
      if (++n % yieldEvery === 0) await Promise.resolve();
    }
    this.loopScheduled = false;
  }

  /** namespaceLister serves InterPodAffinity's namespaceSelectors; without it every namespace reads as unlabelled. */
  private namespaceLister(): NamespaceLister {
    const namespaces = this.workloadInformers.for<Namespace>(Resources.namespaces).lister;
    return { get: (name) => namespaces.get(undefined, name), list: () => namespaces.list() };
  }

  private workloadListers(): WorkloadListers {
    const f = this.workloadInformers;
    const services = f.for<Service>(Resources.services).lister;
    const rcs = f.for<ReplicationController>(Resources.replicationcontrollers).lister;
    const rss = f.for<ReplicaSet>(Resources.replicasets).lister;
    const sss = f.for<StatefulSet>(Resources.statefulsets).lister;
    return {
      services: (ns) => services.list(ns),
      replicationController: (ns, name) => rcs.get(ns, name),
      replicaSet: (ns, name) => rss.get(ns, name),
      statefulSet: (ns, name) => sss.get(ns, name),
    };
  }
}
