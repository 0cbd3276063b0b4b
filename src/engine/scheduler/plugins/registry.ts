import type { Rng } from '../../sim/rng';
import type { AnyPlugin } from '../framework/interface';
import { Framework } from '../framework/runtime';
import { balancedAllocation } from './balancedAllocation';
import { defaultPreemption } from './defaultPreemption';
import { imageLocality } from './imageLocality';
import { interPodAffinity } from './interPodAffinity/plugin';
import { Names } from './names';
import { nodeAffinity } from './nodeAffinity';
import { nodeName } from './nodeName';
import { nodePorts } from './nodePorts';
import { nodeResourcesFit } from './nodeResourcesFit';
import { nodeUnschedulable } from './nodeUnschedulable';
import { podTopologySpread } from './podTopologySpread/plugin';
import { taintToleration } from './taintToleration';
import { volumeBinding } from './volumeBinding';

/** registry maps plugin names to the in-tree plugins this scheduler implements. */
export const registry: Readonly<Record<string, AnyPlugin>> = {
  [Names.NodeUnschedulable]: nodeUnschedulable,
  [Names.NodeName]: nodeName,
  [Names.TaintToleration]: taintToleration,
  [Names.NodeAffinity]: nodeAffinity,
  [Names.NodePorts]: nodePorts,
  [Names.NodeResourcesFit]: nodeResourcesFit,
  [Names.VolumeBinding]: volumeBinding,
  [Names.PodTopologySpread]: podTopologySpread,
  [Names.InterPodAffinity]: interPodAffinity,
  [Names.DefaultPreemption]: defaultPreemption,
  [Names.NodeResourcesBalancedAllocation]: balancedAllocation,
  [Names.ImageLocality]: imageLocality,
};

/** PluginConfig is one entry of a profile's multiPoint plugin list. */
export interface PluginConfig {
  name: string;
  weight?: number;
}

/**
 * defaultPluginConfig is getDefaultPlugins' multiPoint list (pkg/scheduler/apis/config/v1/
 * default_plugins.go, v1.32) in its order, which is also the order Filters run and so decides which
 * reason a node reports. The volume plugins other than VolumeBinding are not implemented and left
 * out.
 */
export const defaultPluginConfig: readonly PluginConfig[] = [
  { name: Names.NodeUnschedulable },
  { name: Names.NodeName },
  { name: Names.TaintToleration, weight: 3 },
  { name: Names.NodeAffinity, weight: 2 },
  { name: Names.NodePorts },
  { name: Names.NodeResourcesFit, weight: 1 },
  { name: Names.VolumeBinding },
  { name: Names.PodTopologySpread, weight: 2 },
  { name: Names.InterPodAffinity, weight: 2 },
  { name: Names.DefaultPreemption },
  { name: Names.NodeResourcesBalancedAllocation, weight: 1 },
  { name: Names.ImageLocality, weight: 1 },
];

/** newFramework builds a profile's Framework from a plugin list (the default profile when omitted). */
export function newFramework(rng: Rng, config: readonly PluginConfig[] = defaultPluginConfig, profileName = 'default-scheduler'): Framework {
  const plugins: AnyPlugin[] = [];
  const weights: Record<string, number> = {};
  for (const c of config) {
    const p = registry[c.name];
    if (!p) throw new Error(`plugin "${c.name}" does not exist`);
    plugins.push(p);
    weights[c.name] = c.weight ?? 1;
  }
  return new Framework(plugins, weights, rng, profileName);
}
