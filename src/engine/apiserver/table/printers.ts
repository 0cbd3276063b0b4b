import { groupResource } from '../../api/groupVersion';
import type { KubeObject } from '../../api/object';
import { controllerRevisionPrinter, daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './apps';
import { horizontalPodAutoscalerPrinter } from './autoscaling';
import { cronJobPrinter, jobPrinter } from './batch';
import { certificateSigningRequestPrinter } from './certificates';
import { leasePrinter } from './coordination';
import {
  configMapPrinter,
  namespacePrinter,
  podTemplatePrinter,
  replicationControllerPrinter,
  resourceQuotaPrinter,
  secretPrinter,
  serviceAccountPrinter,
} from './core';
import { defaultPrinter } from './defaultTable';
import { eventPrinter } from './events';
import { endpointSlicePrinter, ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './networking';
import { nodePrinter } from './nodes';
import { podPrinter } from './pods';
import { podDisruptionBudgetPrinter } from './policy';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac';
import { priorityClassPrinter } from './scheduling';
import { endpointsPrinter, servicePrinter } from './services';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage';
import type { Printer, TableColumnDefinition } from './types';

// Which printer serves which resource. Keys are group-qualified resources as Kubernetes spells them
// ("pods", "deployments.apps"); every version of a resource shares its printer, as upstream prints the
// internal object. events.k8s.io events print with the core Event printer for the same reason.

function erase<T>(p: Printer<T>): Printer<KubeObject> {
  return p as unknown as Printer<KubeObject>;
}

const printers = new Map<string, Printer<KubeObject>>([
  ['pods', erase(podPrinter)],
  ['podtemplates', erase(podTemplatePrinter)],
  ['replicationcontrollers', erase(replicationControllerPrinter)],
  ['services', erase(servicePrinter)],
  ['endpoints', erase(endpointsPrinter)],
  ['nodes', erase(nodePrinter)],
  ['events', erase(eventPrinter)],
  ['events.events.k8s.io', erase(eventPrinter)],
  ['namespaces', erase(namespacePrinter)],
  ['secrets', erase(secretPrinter)],
  ['serviceaccounts', erase(serviceAccountPrinter)],
  ['configmaps', erase(configMapPrinter)],
  ['persistentvolumes', erase(persistentVolumePrinter)],
  ['persistentvolumeclaims', erase(persistentVolumeClaimPrinter)],
  ['resourcequotas', erase(resourceQuotaPrinter)],
  ['deployments.apps', erase(deploymentPrinter)],
  ['replicasets.apps', erase(replicaSetPrinter)],
  ['statefulsets.apps', erase(statefulSetPrinter)],
  ['daemonsets.apps', erase(daemonSetPrinter)],
  ['controllerrevisions.apps', erase(controllerRevisionPrinter)],
  ['jobs.batch', erase(jobPrinter)],
  ['cronjobs.batch', erase(cronJobPrinter)],
  ['horizontalpodautoscalers.autoscaling', erase(horizontalPodAutoscalerPrinter)],
  ['ingresses.networking.k8s.io', erase(ingressPrinter)],
  ['ingressclasses.networking.k8s.io', erase(ingressClassPrinter)],
  ['networkpolicies.networking.k8s.io', erase(networkPolicyPrinter)],
  ['poddisruptionbudgets.policy', erase(podDisruptionBudgetPrinter)],
  ['storageclasses.storage.k8s.io', erase(storageClassPrinter)],
  ['leases.coordination.k8s.io', erase(leasePrinter)],
  ['certificatesigningrequests.certificates.k8s.io', erase(certificateSigningRequestPrinter)],
  ['endpointslices.discovery.k8s.io', erase(endpointSlicePrinter)],
  ['rolebindings.rbac.authorization.k8s.io', erase(roleBindingPrinter)],
  ['clusterrolebindings.rbac.authorization.k8s.io', erase(clusterRoleBindingPrinter)],
  ['priorityclasses.scheduling.k8s.io', erase(priorityClassPrinter)],
  // roles, clusterroles, limitranges and bindings use the default table, as upstream.
]);

/** printerFor returns the printer of a group and resource ('' or "core" is the core group), or the default one. */
export function printerFor(group: string, resource: string): Printer<KubeObject> {
  return printers.get(groupResource({ group: group === 'core' ? '' : group, resource })) ?? defaultPrinter;
}

/**
 * parseResource splits the resource argument of buildTable: a storage key ("core/pods",
 * "apps/deployments") or a group-qualified resource ("pods", "deployments.apps").
 */
export function parseResource(resource: string): { group: string; resource: string } {
  const slash = resource.indexOf('/');
  if (slash >= 0) {
    const group = resource.slice(0, slash);
    return { group: group === 'core' ? '' : group, resource: resource.slice(slash + 1) };
  }
  const dot = resource.indexOf('.');
  return dot < 0 ? { group: '', resource } : { group: resource.slice(dot + 1), resource: resource.slice(0, dot) };
}

/** tableColumnsFor lists every column (wide ones included) the Table of a resource carries. */
export function tableColumnsFor(group: string, resource: string): TableColumnDefinition[] {
  return printerFor(group, resource).columns.slice();
}
