import { Resources } from '../../engine/apiserver/registry/resources';

/** watchedResources are the resources the page lists and watches into its cache. */
export const watchedResources = {
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
  events: Resources.events,
};

export type WatchedResource = keyof typeof watchedResources;
