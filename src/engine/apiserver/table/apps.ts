import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import { parseApiVersion } from '../../api/groupVersion';
import { ageColumn, column, containersDescription, imagesDescription, nameColumn, wideColumn } from './columns';
import { docs } from './descriptions';
import { translateTimestampSince } from './duration';
import { formatLabels, formatLabelSelector, layoutContainerCells, none, selectorString } from './format';
import type { Printer } from './types';

// apps/v1 printers of pkg/printers/internalversion/printers.go (v1.32). Replica counts are Go int64
// cells (JSON numbers) even where the column type says "string", as upstream.

/** deploymentPrinter: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR. */
export const deploymentPrinter: Printer<Deployment> = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', docs.deployUpdatedReplicas),
    column('Available', 'string', docs.deployAvailableReplicas),
    ageColumn,
    wideColumn('Containers', 'string', containersDescription),
    wideColumn('Images', 'string', imagesDescription),
    wideColumn('Selector', 'string', docs.deploySelector),
  ],
  cells(d, now) {
    const [names, images] = layoutContainerCells(d.spec?.template.spec?.containers);
    return [
      d.metadata?.name ?? '',
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      translateTimestampSince(d.metadata?.creationTimestamp, now),
      names,
      images,
      selectorString(d.spec?.selector),
    ];
  },
};

/** replicaSetPrinter: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR. */
export const replicaSetPrinter: Printer<ReplicaSet> = {
  columns: [
    nameColumn,
    column('Desired', 'integer', docs.rsSpecReplicas),
    column('Current', 'integer', docs.rsStatusReplicas),
    column('Ready', 'integer', docs.rsStatusReadyReplicas),
    ageColumn,
    wideColumn('Containers', 'string', containersDescription),
    wideColumn('Images', 'string', imagesDescription),
    wideColumn('Selector', 'string', docs.rsSpecSelector),
  ],
  cells(rs, now) {
    const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata?.name ?? '',
      rs.spec?.replicas ?? 0,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      translateTimestampSince(rs.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

/** statefulSetPrinter: NAME READY AGE, wide CONTAINERS IMAGES. */
export const statefulSetPrinter: Printer<StatefulSet> = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'Number of the pod with ready state'),
    ageColumn,
    wideColumn('Containers', 'string', containersDescription),
    wideColumn('Images', 'string', imagesDescription),
  ],
  cells(ss, now) {
    const [names, images] = layoutContainerCells(ss.spec?.template.spec?.containers);
    return [
      ss.metadata?.name ?? '',
      `${ss.status?.readyReplicas ?? 0}/${ss.spec?.replicas ?? 0}`,
      translateTimestampSince(ss.metadata?.creationTimestamp, now),
      names,
      images,
    ];
  },
};

/** daemonSetPrinter: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide CONTAINERS IMAGES SELECTOR. */
export const daemonSetPrinter: Printer<DaemonSet> = {
  columns: [
    nameColumn,
    column('Desired', 'integer', docs.dsDesiredNumberScheduled),
    column('Current', 'integer', docs.dsCurrentNumberScheduled),
    column('Ready', 'integer', docs.dsNumberReady),
    column('Up-to-date', 'integer', docs.dsUpdatedNumberScheduled),
    column('Available', 'integer', docs.dsNumberAvailable),
    column('Node Selector', 'string', docs.podNodeSelector),
    ageColumn,
    wideColumn('Containers', 'string', containersDescription),
    wideColumn('Images', 'string', imagesDescription),
    wideColumn('Selector', 'string', docs.dsSpecSelector),
  ],
  cells(ds, now) {
    const [names, images] = layoutContainerCells(ds.spec?.template.spec?.containers);
    const s = ds.status;
    return [
      ds.metadata?.name ?? '',
      s?.desiredNumberScheduled ?? 0,
      s?.currentNumberScheduled ?? 0,
      s?.numberReady ?? 0,
      s?.updatedNumberScheduled ?? 0,
      s?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template.spec?.nodeSelector),
      translateTimestampSince(ds.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};

/** controllerRevisionPrinter: NAME CONTROLLER REVISION AGE; CONTROLLER reads "statefulset.apps/web". */
export const controllerRevisionPrinter: Printer<ControllerRevision> = {
  columns: [
    nameColumn,
    column('Controller', 'string', 'Controller of the object'),
    column('Revision', 'string', docs.controllerRevisionRevision),
    ageColumn,
  ],
  cells(cr, now) {
    let controller = none;
    const ref = cr.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (ref) {
      // formatResourceName(gvk.GroupKind(), name, withKind=true): lower-cased "Kind.group/name".
      const { group } = parseApiVersion(ref.apiVersion);
      const groupKind = group === '' ? ref.kind : `${ref.kind}.${group}`;
      controller = groupKind === '' ? ref.name : `${groupKind.toLowerCase()}/${ref.name}`;
    }
    return [cr.metadata?.name ?? '', controller, cr.revision, translateTimestampSince(cr.metadata?.creationTimestamp, now)];
  },
};
