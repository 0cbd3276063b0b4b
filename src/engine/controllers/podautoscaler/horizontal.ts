import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerStatus, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import type { Scale } from 'kubernetes-types/autoscaling/v1';
import { deepEqual } from '../../api/deepEqual';
import { parseApiVersion } from '../../api/groupVersion';
import type { ResourceDefinition } from '../../apiserver/registry/resourceDefinition';
import { Resources } from '../../apiserver/registry/resources';
import { EventRecorder, EventType } from '../../client/eventRecorder';
import { keyOf, splitKey, type Informer } from '../../client/informer';
import { WorkQueue } from '../../client/workQueue';
import { formatTime } from '../../sim/clock';
import { QueueController, type ControllerContext } from '../controller';
import { unavailableMetric } from './unavailableMetrics';

// The HorizontalPodAutoscaler controller of pkg/controller/podautoscaler/horizontal.go (v1.32).
// It reads the target's scale subresource and keeps the replica count within minReplicas and
// maxReplicas. This cluster serves no metrics API (no metrics-server), so every metric fails the
// way it does in such a real cluster: ScalingActive=False, FailedGetResourceMetric and
// FailedComputeMetricsReplicas events, and `<unknown>` targets in `kubectl get hpa`.

/** syncPeriodMs is --horizontal-pod-autoscaler-sync-period: every HPA is reconciled this often, the first time too. */
export const syncPeriodMs = 15_000;

const hpaRef = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' };

/** scalableResources are the served resources with a scale subresource (the controller's RESTMapper view). */
const scalableResources: ResourceDefinition[] = Object.values(Resources).filter((d) => d.subresources?.includes('scale'));

/** setCondition is setConditionInList: the transition time moves only when the status changes. */
function setCondition(status: HorizontalPodAutoscalerStatus, type: string, value: 'True' | 'False', reason: string, message: string, now: string): void {
  const list = (status.conditions ??= []);
  let c = list.find((x) => x.type === type);
  if (!c) list.push((c = { type, status: '' } as HorizontalPodAutoscalerCondition));
  if (c.status !== value) c.lastTransitionTime = now;
  c.status = value;
  c.reason = reason;
  c.message = message;
}

export class HorizontalController extends QueueController {
  readonly name = 'horizontal-pod-autoscaler';
  protected readonly queue: WorkQueue;
  private readonly hpas: Informer<HorizontalPodAutoscaler>;
  private readonly recorder: EventRecorder;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers);
    this.recorder = new EventRecorder(ctx.client, ctx.sim, 'horizontal-pod-autoscaler');
    this.hpas = ctx.informers.for<HorizontalPodAutoscaler>(Resources.horizontalpodautoscalersV2);
    // Upstream's fixed-interval rate limiter: a request waits a sync period; one already waiting absorbs the next.
    const enqueue = (hpa: HorizontalPodAutoscaler) => this.queue.addAfter(keyOf(hpa), syncPeriodMs);
    this.hpas.addEventHandler({ onAdd: enqueue, onUpdate: (_old, hpa) => enqueue(hpa) });
  }

  /** sync reconciles one HPA and, while it exists, comes back a sync period later whatever happened. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.hpas.lister.get(namespace, name);
    if (!cached) return;
    try {
      await this.reconcileAutoscaler(structuredClone(cached));
    } finally {
      this.queue.addAfter(key, syncPeriodMs);
    }
  }

  private async reconcileAutoscaler(hpa: HorizontalPodAutoscaler): Promise<void> {
    const original = structuredClone(hpa.status ?? {}) as HorizontalPodAutoscalerStatus;
    const status = (hpa.status ??= {} as HorizontalPodAutoscalerStatus);
    const now = formatTime(this.ctx.sim.clock.now());
    const ref = hpa.spec!.scaleTargetRef;
    const namespace = hpa.metadata!.namespace;
    // What the events point at: HPAs list without kind, an event's involvedObject needs it.
    const involved = { ...hpaRef, metadata: hpa.metadata };
    const failScale = async (message: string) => {
      this.recorder.event(involved, EventType.Warning, 'FailedGetScale', message);
      setCondition(status, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${message}`, now);
      await this.updateStatusIfNeeded(hpa, original);
    };
    const apiVersion = ref.apiVersion ?? '';
    if (apiVersion.split('/').length > 2) return failScale(`unexpected GroupVersion string: ${apiVersion}`);
    const group = parseApiVersion(apiVersion).group;
    const target = scalableResources.find((d) => d.group === group && d.kind === ref.kind);
    if (!target) return failScale(`no matches for kind "${ref.kind}" in group "${group}"`);
    let scale: Scale;
    try {
      scale = await this.ctx.client.getSubresource<Scale>(target, namespace, ref.name, 'scale');
    } catch (e) {
      return failScale((e as Error).message);
    }
    setCondition(status, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", now);
    const currentReplicas = scale.spec?.replicas ?? 0;
    const minReplicas = hpa.spec!.minReplicas ?? 1;
    const maxReplicas = hpa.spec!.maxReplicas;
    let desiredReplicas: number;
    let reason: string;
    let metricStatuses: MetricStatus[] | undefined;
    if (currentReplicas === 0 && minReplicas !== 0) {
      setCondition(status, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now);
      return this.setStatusAndUpdate(hpa, original, currentReplicas, 0, metricStatuses, false);
    } else if (currentReplicas > maxReplicas) {
      reason = 'Current number of replicas above Spec.MaxReplicas';
      desiredReplicas = maxReplicas;
    } else if (currentReplicas < minReplicas) {
      reason = 'Current number of replicas below Spec.MinReplicas';
      desiredReplicas = minReplicas;
    } else {
      // computeReplicasForMetrics, with every metric unreadable: status keeps the replica count, one empty status per metric.
      const metrics = hpa.spec!.metrics ?? [];
      metricStatuses = metrics.map(() => ({ type: '' }) as MetricStatus);
      // (The scale subresources this server serves always carry a valid selector: no SelectorRequired here.)
      const failures = metrics.map((m) => unavailableMetric(m, namespace!));
      for (const f of failures) this.recorder.event(involved, EventType.Warning, f.reason, f.err);
      const first = failures[0];
      if (first) setCondition(status, 'ScalingActive', 'False', first.reason, `the HPA was unable to compute the replica count: ${first.err}`, now);
      const error = `invalid metrics (${failures.length} invalid out of ${metrics.length}), first error is: ${first?.wrapped ?? '<nil>'}`;
      this.setStatus(status, currentReplicas, status.desiredReplicas ?? 0, metricStatuses, false, now);
      await this.updateStatusIfNeeded(hpa, original);
      this.recorder.event(involved, EventType.Warning, 'FailedComputeMetricsReplicas', error);
      return;
    }
    try {
      await this.ctx.client.updateSubresource<Scale>(target, namespace, ref.name, 'scale', { ...scale, spec: { ...scale.spec, replicas: desiredReplicas } });
    } catch (e) {
      const message = (e as Error).message;
      this.recorder.event(involved, EventType.Warning, 'FailedRescale', `New size: ${desiredReplicas}; reason: ${reason}; error: ${message}`);
      setCondition(status, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${message}`, now);
      this.setStatus(status, currentReplicas, status.desiredReplicas ?? 0, metricStatuses, false, now);
      await this.updateStatusIfNeeded(hpa, original);
      return;
    }
    setCondition(status, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desiredReplicas}`, now);
    this.recorder.event(involved, EventType.Normal, 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${reason}`);
    return this.setStatusAndUpdate(hpa, original, currentReplicas, desiredReplicas, metricStatuses, true);
  }

  private setStatus(status: HorizontalPodAutoscalerStatus, current: number, desired: number, metrics: MetricStatus[] | undefined, rescale: boolean, now: string): void {
    status.currentReplicas = current;
    status.desiredReplicas = desired;
    if (metrics?.length) status.currentMetrics = metrics;
    else delete status.currentMetrics;
    if (rescale) status.lastScaleTime = now;
  }

  private async setStatusAndUpdate(
    hpa: HorizontalPodAutoscaler,
    original: HorizontalPodAutoscalerStatus,
    current: number,
    desired: number,
    metrics: MetricStatus[] | undefined,
    rescale: boolean,
  ): Promise<void> {
    this.setStatus(hpa.status!, current, desired, metrics, rescale, formatTime(this.ctx.sim.clock.now()));
    await this.updateStatusIfNeeded(hpa, original);
  }

  /** updateStatusIfNeeded writes status only when it changed. */
  private async updateStatusIfNeeded(hpa: HorizontalPodAutoscaler, original: HorizontalPodAutoscalerStatus): Promise<void> {
    if (deepEqual(original, hpa.status)) return;
    await this.ctx.client.updateStatus<HorizontalPodAutoscaler>(Resources.horizontalpodautoscalersV2, hpa);
  }
}
