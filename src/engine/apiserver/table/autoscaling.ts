import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus, MetricTarget, MetricValueStatus } from 'kubernetes-types/autoscaling/v2';
import { ageColumn, column, nameColumn } from './columns';
import { docs } from './descriptions';
import { translateTimestampSince } from './duration';
import { none, quantityPtr } from './format';
import type { Printer } from './types';

// The HorizontalPodAutoscaler printer of pkg/printers/internalversion/printers.go (v1.32). It reads
// the autoscaling/v2 (storage) shape; status.currentMetrics is matched to spec.metrics by index.

const unknown = '<unknown>';

/** valueOrAverage formats an Object or External metric: "cur/target (avg)" or "cur/target". */
function valueOrAverage(target: MetricTarget | undefined, current: MetricValueStatus | undefined, hasStatus: boolean): string {
  if (target?.averageValue != null) {
    const cur = current?.averageValue != null ? current.averageValue : unknown;
    return `${cur}/${target.averageValue} (avg)`;
  }
  const cur = hasStatus ? quantityPtr(current?.value) : unknown;
  return `${cur}/${quantityPtr(target?.value)}`;
}

/** resourceMetric formats a Resource or ContainerResource metric: "cpu: 40%/80%" or "memory: 100Mi/200Mi". */
function resourceMetric(name: string, target: MetricTarget | undefined, current: MetricValueStatus | undefined, hasStatus: boolean): string {
  if (target?.averageValue != null) {
    const cur = hasStatus ? quantityPtr(current?.averageValue) : unknown;
    return `${name}: ${cur}/${target.averageValue}`;
  }
  const cur = current?.averageUtilization != null ? `${current.averageUtilization}%` : unknown;
  const tgt = target?.averageUtilization != null ? `${target.averageUtilization}%` : '<auto>';
  return `${name}: ${cur}/${tgt}`;
}

function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External':
      return valueOrAverage(spec.external?.target, status?.external?.current, status?.external != null);
    case 'Pods': {
      const cur = status?.pods != null ? quantityPtr(status.pods.current.averageValue) : unknown;
      return `${cur}/${quantityPtr(spec.pods?.target.averageValue)}`;
    }
    case 'Object':
      return valueOrAverage(spec.object?.target, status?.object?.current, status?.object != null);
    case 'Resource':
      return resourceMetric(spec.resource?.name ?? '', spec.resource?.target, status?.resource?.current, status?.resource != null);
    case 'ContainerResource':
      return resourceMetric(
        spec.containerResource?.name ?? '',
        spec.containerResource?.target,
        status?.containerResource?.current,
        status?.containerResource != null,
      );
  }
  return '<unknown type>';
}

/** formatHPAMetrics is the TARGETS cell: at most two metrics, then " + N more...". */
export function formatHPAMetrics(specs: readonly MetricSpec[] | undefined, statuses: readonly MetricStatus[] | undefined): string {
  if (!specs || specs.length === 0) return none;
  const max = 2;
  const list: string[] = [];
  for (let i = 0; i < specs.length && i < max; i++) list.push(formatMetric(specs[i], statuses?.[i]));
  const ret = list.join(', ');
  return specs.length > max ? `${ret} + ${specs.length - max} more...` : ret;
}

/** horizontalPodAutoscalerPrinter: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE. */
export const horizontalPodAutoscalerPrinter: Printer<HorizontalPodAutoscaler> = {
  columns: [
    nameColumn,
    column('Reference', 'string', docs.hpaScaleTargetRef),
    column('Targets', 'string', docs.hpaMetrics),
    column('MinPods', 'string', docs.hpaMinReplicas),
    column('MaxPods', 'string', docs.hpaMaxReplicas),
    column('Replicas', 'string', docs.hpaCurrentReplicas),
    ageColumn,
  ],
  cells(hpa, now) {
    const ref = hpa.spec?.scaleTargetRef;
    const min = hpa.spec?.minReplicas;
    return [
      hpa.metadata?.name ?? '',
      `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      formatHPAMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
      min != null ? String(min) : '<unset>',
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      translateTimestampSince(hpa.metadata?.creationTimestamp, now),
    ];
  },
};
