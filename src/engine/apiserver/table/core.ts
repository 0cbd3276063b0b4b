import type {
  ConfigMap,
  Namespace,
  PodTemplate,
  ReplicationController,
  ResourceQuota,
  Secret,
  ServiceAccount,
} from 'kubernetes-types/core/v1';
import { ageColumn, column, containersDescription, imagesDescription, nameColumn, wideColumn } from './columns';
import { docs } from './descriptions';
import { translateTimestampSince } from './duration';
import { formatLabels, layoutContainerCells, quantity } from './format';
import type { Printer } from './types';

// core/v1 printers for the simple kinds (pkg/printers/internalversion/printers.go, v1.32). Pods,
// nodes, events, services and storage have their own files.

/** namespacePrinter: NAME STATUS AGE. */
export const namespacePrinter: Printer<Namespace> = {
  columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
  cells: (ns, now) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', translateTimestampSince(ns.metadata?.creationTimestamp, now)],
};

function count(m: Readonly<Record<string, unknown>> | undefined): number {
  return m ? Object.keys(m).length : 0;
}

/** configMapPrinter: NAME DATA AGE; DATA counts data and binaryData keys. */
export const configMapPrinter: Printer<ConfigMap> = {
  columns: [nameColumn, column('Data', 'string', docs.configMapData), ageColumn],
  cells: (cm, now) => [cm.metadata?.name ?? '', count(cm.data) + count(cm.binaryData), translateTimestampSince(cm.metadata?.creationTimestamp, now)],
};

/** secretPrinter: NAME TYPE DATA AGE. */
export const secretPrinter: Printer<Secret> = {
  columns: [nameColumn, column('Type', 'string', docs.secretType), column('Data', 'string', docs.secretData), ageColumn],
  cells: (s, now) => [s.metadata?.name ?? '', s.type ?? '', count(s.data), translateTimestampSince(s.metadata?.creationTimestamp, now)],
};

/** serviceAccountPrinter: NAME SECRETS AGE. */
export const serviceAccountPrinter: Printer<ServiceAccount> = {
  columns: [nameColumn, column('Secrets', 'string', docs.serviceAccountSecrets), ageColumn],
  cells: (sa, now) => [sa.metadata?.name ?? '', sa.secrets?.length ?? 0, translateTimestampSince(sa.metadata?.creationTimestamp, now)],
};

/** replicationControllerPrinter: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR. */
export const replicationControllerPrinter: Printer<ReplicationController> = {
  columns: [
    nameColumn,
    column('Desired', 'integer', docs.rcSpecReplicas),
    column('Current', 'integer', docs.rcStatusReplicas),
    column('Ready', 'integer', docs.rcStatusReadyReplicas),
    ageColumn,
    wideColumn('Containers', 'string', containersDescription),
    wideColumn('Images', 'string', imagesDescription),
    wideColumn('Selector', 'string', docs.rcSpecSelector),
  ],
  cells(rc, now) {
    const [names, images] = layoutContainerCells(rc.spec?.template?.spec?.containers);
    return [
      rc.metadata?.name ?? '',
      rc.spec?.replicas ?? 0,
      rc.status?.replicas ?? 0,
      rc.status?.readyReplicas ?? 0,
      translateTimestampSince(rc.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabels(rc.spec?.selector),
    ];
  },
};

/** podTemplatePrinter: NAME CONTAINERS IMAGES POD LABELS (no AGE upstream). */
export const podTemplatePrinter: Printer<PodTemplate> = {
  columns: [
    nameColumn,
    column('Containers', 'string', containersDescription),
    column('Images', 'string', imagesDescription),
    column('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  cells(pt) {
    const [names, images] = layoutContainerCells(pt.template?.spec?.containers);
    return [pt.metadata?.name ?? '', names, images, formatLabels(pt.template?.metadata?.labels)];
  },
};

/**
 * resourceQuotaPrinter: NAME AGE REQUEST LIMIT. v1.32 still has AGE second; it moved last in v1.33
 * (kubernetes PR 129419). Each cell lists "resource: used/hard" for the status.hard names, sorted;
 * names starting with "limits." go to LIMIT.
 */
export const resourceQuotaPrinter: Printer<ResourceQuota> = {
  columns: [
    nameColumn,
    ageColumn,
    column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
  ],
  cells(rq, now) {
    const hard = rq.status?.hard ?? {};
    const used = rq.status?.used ?? {};
    const request: string[] = [];
    const limit: string[] = [];
    for (const name of Object.keys(hard).sort()) {
      const target = name.startsWith('limits.') ? limit : request;
      target.push(`${name}: ${quantity(used[name])}/${quantity(hard[name])}`);
    }
    return [rq.metadata?.name ?? '', translateTimestampSince(rq.metadata?.creationTimestamp, now), request.join(', '), limit.join(', ')];
  },
};
