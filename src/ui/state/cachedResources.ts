import { Resources } from '../../engine/apiserver/registry/resources';

/**
 * cachedResources are the resources the page lists and watches into its object cache. Events are
 * watched apart, into the timeline's EventIndex: the cache copies a resource's map per batch, and
 * a busy cluster has 100k events.
 */
export const cachedResources = {
  namespaces: Resources.namespaces,
  nodes: Resources.nodes,
  pods: Resources.pods,
  services: Resources.services,
  endpointslices: Resources.endpointslices,
  deployments: Resources.deployments,
  replicasets: Resources.replicasets,
  statefulsets: Resources.statefulsets,
  daemonsets: Resources.daemonsets,
  jobs: Resources.jobs,
  cronjobs: Resources.cronjobs,
  configmaps: Resources.configmaps,
  secrets: Resources.secrets,
};

export type CachedResource = keyof typeof cachedResources;
