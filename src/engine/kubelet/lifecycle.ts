import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import { ApiError } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import type { ApiClient } from '../client/apiClient';
import type { EventRecorder } from '../client/eventRecorder';
import type { Rng } from '../sim/rng';
import type { Sim } from '../sim/sim';
import type { TimerId } from '../sim/timers';
import { imageInfo } from './images';
import { PodIPAllocator } from './ipam';
import { kubeletConditionTypes } from './podStatus';
import { recoverRuntime } from './recover';
import { ReferencedObjectWatches } from './referencedObjects';
import { shareStructure } from '../store/structuralShare';
import { newContainerRuntimes, type ContainerRuntime, type PodRuntime } from './runtime';
import type { Profile } from './stages/profiles';
import type { ContainerChannel, NodeEnv, Stage, StageResult } from './stages/types';
import type { NodeAllocatable } from './programs/downwardAPI';

/** retryWriteMs is how long a failed status write or delete waits before it is tried again. */
const retryWriteMs = 1000;

interface PodRecord {
  pod: Pod;
  rt: PodRuntime;
  /** timers holds one pending stage per target: "" for the pod, "c:name" / "i:name" (and "c:name/probe") for containers; none while idle. */
  timers?: Map<string, TimerId>;
  /** written is the status last sent to the API; the record is flushed while rt.status differs. */
  written?: PodStatus;
  /** writtenRV is the resourceVersion the API gave the last status write. */
  writtenRV?: number;
  writing: boolean;
  flushQueued: boolean;
  deleteRequested: boolean;
  deleteSent: boolean;
  gone: boolean;
}

/** PulledImage is an image on the node, as node status lists it. */
export interface PulledImage {
  names: string[];
  sizeBytes: number;
}

/**
 * PodLifecycle is the stage interpreter: it is fed the pods bound to its node (one watch per
 * kubelet), keeps the runtime record of each, runs the profile's stages on simulated time with
 * seeded jitter and reports through the API only: pods/status patches, Events, and the final
 * DELETE of a terminated pod.
 */
export class PodLifecycle {
  private readonly records = new Map<string, PodRecord>();
  private readonly ipam: PodIPAllocator;
  private readonly referenced: ReferencedObjectWatches;
  private pullQueueFreeAt = 0;
  private stopped = false;

  constructor(
    private readonly client: ApiClient,
    private readonly sim: Sim,
    private readonly recorder: EventRecorder,
    private readonly node: { name: string; hostIP: string; podCIDR: string; allocatable: NodeAllocatable },
    private readonly profile: Profile,
    private readonly rng: Rng,
    /** images are the images on the node by normalized name; they outlive a kubelet restart. */
    private readonly images: Map<string, PulledImage> = new Map(),
  ) {
    this.ipam = new PodIPAllocator(node.podCIDR);
    this.referenced = new ReferencedObjectWatches(client, (ms, fn) => sim.timers.after(ms, fn));
  }

  /** pulledImages lists the images on the node, largest first, as node status reports them. */
  pulledImages(): PulledImage[] {
    return [...this.images.values()].sort((a, b) => b.sizeBytes - a.sizeBytes);
  }

  /** podCount is the number of pods the kubelet tracks. */
  get podCount(): number {
    return this.records.size;
  }

  /** observe takes the current state of a pod bound to the node (watch ADDED or MODIFIED). */
  observe(pod: Pod): void {
    if (this.stopped) return;
    const uid = pod.metadata?.uid ?? '';
    let rec = this.records.get(uid);
    if (!rec) {
      rec = this.newRecord(pod);
      this.records.set(uid, rec);
      this.referenced.register(pod);
    } else {
      rec.pod = pod;
      shareWrittenStatus(rec, pod);
      // A newer write than ours changed a condition the kubelet owns (the node lifecycle
      // controller marking pods NotReady): post the kubelet's view again.
      const rv = Number(pod.metadata?.resourceVersion);
      const newer = rec.writtenRV === undefined || !(rv <= rec.writtenRV);
      if (newer && !rec.writing && rec.written && conditionStatus(pod.status, 'Ready') !== conditionStatus(rec.written, 'Ready')) {
        rec.written = undefined;
      }
    }
    this.schedule(rec);
    this.requestFlush(rec);
  }

  /** forget drops a pod that left the API (watch DELETED). */
  forget(pod: Pod): void {
    const rec = this.records.get(pod.metadata?.uid ?? '');
    if (!rec) return;
    rec.gone = true;
    this.cancelTimers(rec);
    this.ipam.release(rec.rt.podIP, rec.rt.uid);
    this.referenced.unregister(pod);
    this.records.delete(rec.rt.uid);
  }

  /** stop cancels every pending stage: the kubelet (or its node) went away. */
  stop(): void {
    this.stopped = true;
    for (const rec of this.records.values()) this.cancelTimers(rec);
    this.records.clear();
    this.referenced.stop();
  }

  private cancelTimers(rec: PodRecord): void {
    for (const id of rec.timers?.values() ?? []) this.sim.timers.cancel(id);
    rec.timers = undefined;
  }

  private newRecord(pod: Pod): PodRecord {
    const uid = pod.metadata?.uid ?? '';
    const now = this.sim.clock.now();
    const hostNetwork = !!pod.spec?.hostNetwork;
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    let podIP = pod.status?.podIP ?? '';
    if (hostNetwork) podIP = this.node.hostIP;
    else if (podIP && !terminal) this.ipam.reserve(podIP, uid);
    else if (!terminal) podIP = this.ipam.allocate(uid) ?? '';
    if (pod.status?.containerStatuses) {
      const rt = recoverRuntime(pod, this.node.hostIP, podIP, now);
      const written = sameKubeletStatus(pod.status, rt.status) ? rt.status : pod.status;
      return podRecord(pod, rt, written);
    }
    const rt: PodRuntime = { uid, hostIP: this.node.hostIP, podIP, created: false, containers: newContainerRuntimes(pod, now), status: pod.status ?? {} };
    return podRecord(pod, rt, rt.status);
  }

  private env(): NodeEnv {
    return {
      nodeName: this.node.name,
      imagePresent: (image) => this.images.has(imageInfo(image).name),
      pullQueueFreeAt: this.pullQueueFreeAt,
      clusterView: (namespace, startMs) => ({ ...this.referenced.view(namespace), startMs, allocatable: this.node.allocatable }),
      timing: this.profile.timing,
    };
  }

  /** schedule gives every idle target of the pod (the pod itself, each container) its next matching stage. */
  private schedule(rec: PodRecord): void {
    if (rec.gone || this.stopped) return;
    const now = this.sim.clock.now();
    if (!rec.timers?.has('')) {
      const stage = this.profile.stages.find((s) => s.scope === 'pod' && s.match(rec.pod, rec.rt));
      if (stage) this.arm(rec, '', stage, undefined, now);
    }
    for (const c of rec.rt.containers) {
      for (const channel of containerChannels) {
        const key = targetKey(c) + channel;
        if (rec.timers?.has(key)) continue;
        const stage = this.profile.stages.find((s) => s.scope === 'container' && (s.channel ?? '') === channel && s.match(rec.pod, rec.rt, c));
        if (stage) this.arm(rec, key, stage, c, now);
      }
    }
  }

  private arm(rec: PodRecord, key: string, stage: Stage, c: ContainerRuntime | undefined, now: number): void {
    const env = this.env();
    const d = stage.scope === 'pod' ? stage.delay(rec.pod, rec.rt, env, now) : stage.delay(rec.pod, rec.rt, c!, env, now);
    const ms = Math.round(this.rng.jitter(Math.max(0, d.ms), d.jitterMs));
    (rec.timers ??= new Map()).set(key, this.sim.timers.after(ms, () => this.fire(rec, key, stage)));
  }

  private fire(rec: PodRecord, key: string, stage: Stage): void {
    rec.timers!.delete(key);
    if (rec.timers!.size === 0) rec.timers = undefined;
    if (rec.gone || this.stopped) return;
    const now = this.sim.clock.now();
    const env = this.env();
    let result: StageResult | undefined;
    if (stage.scope === 'pod') {
      if (stage.match(rec.pod, rec.rt)) result = stage.next(rec.pod, rec.rt, now, env);
    } else {
      const c = rec.rt.containers.find((x) => containerChannels.some((channel) => targetKey(x) + channel === key));
      if (c && stage.match(rec.pod, rec.rt, c)) result = stage.next(rec.pod, rec.rt, c, now, env);
    }
    if (result) this.apply(rec, result);
    this.schedule(rec);
    this.requestFlush(rec);
  }

  /**
   * requestFlush writes the record once the stages due at this same instant have run, so that a
   * container that starts and exits at once costs one status write, as one kubelet sync would.
   */
  private requestFlush(rec: PodRecord): void {
    const pending = rec.rt.status !== rec.written || (rec.deleteRequested && !rec.deleteSent);
    if (!pending || rec.flushQueued || rec.writing) return;
    rec.flushQueued = true;
    this.sim.timers.after(0, () => {
      rec.flushQueued = false;
      void this.flush(rec);
    });
  }

  private apply(rec: PodRecord, r: StageResult): void {
    const ref = { apiVersion: 'v1', kind: 'Pod', metadata: rec.pod.metadata };
    for (const e of r.events ?? []) this.recorder.event(ref, e.type, e.reason, e.message, e.fieldPath);
    if (r.pulled) {
      const info = imageInfo(r.pulled);
      // Node status lists the image from its next update on.
      if (!this.images.has(info.name)) this.images.set(info.name, { names: [info.imageID, info.name], sizeBytes: info.sizeBytes });
    }
    if (r.pullBusyUntil !== undefined) this.pullQueueFreeAt = Math.max(this.pullQueueFreeAt, r.pullBusyUntil);
    const phase = r.runtime.status.phase;
    if (phase === 'Succeeded' || phase === 'Failed') this.ipam.release(r.runtime.podIP, r.runtime.uid);
    this.dropStaleTimers(rec, r.runtime);
    rec.rt = r.runtime;
    if (r.deletePod) rec.deleteRequested = true;
  }

  /**
   * dropStaleTimers cancels what a container's channels had pending when the container moved to
   * another step (a probe killed it, it exited): those stages were chosen for the step it left,
   * and the next schedule picks the ones for its new step.
   */
  private dropStaleTimers(rec: PodRecord, next: PodRuntime): void {
    if (!rec.timers) return;
    for (const c of next.containers) {
      const before = rec.rt.containers.find((o) => o.name === c.name && o.init === c.init);
      if (!before || before.step === c.step) continue;
      for (const channel of containerChannels) {
        const key = targetKey(c) + channel;
        const id = rec.timers.get(key);
        if (id === undefined) continue;
        this.sim.timers.cancel(id);
        rec.timers.delete(key);
      }
    }
    if (rec.timers.size === 0) rec.timers = undefined;
  }

  /** flush writes the pod's status (and its final DELETE) until the API has the kubelet's latest view. */
  private async flush(rec: PodRecord): Promise<void> {
    if (rec.writing) return;
    rec.writing = true;
    const { namespace, name, uid } = rec.pod.metadata ?? {};
    try {
      while (!rec.gone && !this.stopped) {
        const status = rec.rt.status;
        if (status !== rec.written) {
          rec.written = status;
          const patch = { metadata: { uid }, status: { ...status, conditions: withForeignConditions(status, rec.pod.status) } };
          const res = await this.client.patch<Pod>(Resources.pods, namespace, name!, 'merge', patch, { subresource: 'status' });
          const rv = Number(res?.metadata?.resourceVersion);
          if (!Number.isNaN(rv)) rec.writtenRV = rv;
          continue;
        }
        if (rec.deleteRequested && !rec.deleteSent) {
          rec.deleteSent = true;
          await this.client.delete(Resources.pods, namespace, name!, { gracePeriodSeconds: 0, preconditions: { uid } });
        }
        break;
      }
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 0;
      // Only a server that could not answer is asked again; a 404 (the pod is gone), a 409 (a new
      // pod took the name) or an invalid status would fail the same way forever.
      if (code === 0 || code === 429 || code >= 500) {
        rec.written = undefined;
        rec.deleteSent = false;
        this.sim.timers.after(retryWriteMs, () => this.requestFlush(rec));
      }
    } finally {
      rec.writing = false;
    }
  }
}

/**
 * shareWrittenStatus keeps the kubelet's copy of a status it already wrote small: every part equal
 * to the API's (read-only) version of it is swapped for the API's object. The content is unchanged.
 */
function shareWrittenStatus(rec: PodRecord, pod: Pod): void {
  if (!pod.status || rec.rt.status !== rec.written) return;
  const status = shareStructure(rec.written, pod.status, { freeze: false });
  if (status === rec.written) return;
  rec.rt = { ...rec.rt, status };
  rec.written = status;
}

/** podRecord is a new record; every field is set from the start, so records keep one compact layout. */
function podRecord(pod: Pod, rt: PodRuntime, written: PodStatus): PodRecord {
  return { pod, rt, timers: undefined, written, writtenRV: undefined, writing: false, flushQueued: false, deleteRequested: false, deleteSent: false, gone: false };
}

/**
 * containerChannels: each container has one pending stage per channel, so that the prober's
 * periodic runs ('/probe') neither wait for nor hold back the container's own life (pull, start,
 * exit, restart), as the kubelet's probe workers run beside its pod worker.
 */
const containerChannels: readonly ContainerChannel[] = ['', '/probe'];

function targetKey(c: ContainerRuntime): string {
  return `${c.init ? 'i' : 'c'}:${c.name}`;
}

function conditionStatus(status: PodStatus | undefined, type: string): string | undefined {
  return status?.conditions?.find((c) => c.type === type)?.status;
}

/** withForeignConditions keeps the conditions other components own (DisruptionTarget, readiness gates). */
function withForeignConditions(status: PodStatus, api: PodStatus | undefined): PodStatus['conditions'] {
  const mine = status.conditions ?? [];
  const foreign = (api?.conditions ?? []).filter((c) => !kubeletConditionTypes.has(c.type) && !mine.some((m) => m.type === c.type));
  return foreign.length ? [...foreign, ...mine] : mine;
}

function sameKubeletStatus(a: PodStatus | undefined, b: PodStatus): boolean {
  if (a?.phase !== b.phase || a?.podIP !== b.podIP) return false;
  for (const c of b.conditions ?? []) if (conditionStatus(a, c.type) !== c.status) return false;
  return true;
}
