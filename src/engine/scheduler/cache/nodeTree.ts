import type { Node } from 'kubernetes-types/core/v1';

// From pkg/scheduler/backend/cache/node_tree.go (v1.32).

/** getZoneKey is utilnode.GetZoneKey: "region:\x00:zone", or '' for a node with neither label. */
export function getZoneKey(node: Node): string {
  const labels = node.metadata?.labels;
  if (!labels) return '';
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\x00:${zone}`;
}

/**
 * NodeTree groups node names by zone and lists them round-robin across zones, so that a cycle
 * which looks at only a fraction of the nodes still sees every zone.
 */
export class NodeTree {
  private readonly tree = new Map<string, string[]>();
  private readonly zoneOf = new Map<string, string>();
  private zones: string[] = [];
  numNodes = 0;

  addNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    if (this.zoneOf.has(name)) return;
    const zone = getZoneKey(node);
    const names = this.tree.get(zone);
    if (names) names.push(name);
    else {
      this.zones.push(zone);
      this.tree.set(zone, [name]);
    }
    this.zoneOf.set(name, zone);
    this.numNodes++;
  }

  removeNode(name: string): void {
    const zone = this.zoneOf.get(name);
    if (zone === undefined) return;
    const names = this.tree.get(zone)!;
    names.splice(names.indexOf(name), 1);
    if (names.length === 0) {
      this.tree.delete(zone);
      this.zones = this.zones.filter((z) => z !== zone);
    }
    this.zoneOf.delete(name);
    this.numNodes--;
  }

  /** updateNode moves a node whose zone labels changed; it reports whether it moved. */
  updateNode(node: Node): boolean {
    const name = node.metadata?.name ?? '';
    const zone = this.zoneOf.get(name);
    if (zone === getZoneKey(node)) return false;
    this.removeNode(name);
    this.addNode(node);
    return true;
  }

  /** list interleaves the zones: the first node of each zone, then the second of each, and so on. */
  list(): string[] {
    const out: string[] = [];
    let longest = 0;
    for (const names of this.tree.values()) longest = Math.max(longest, names.length);
    for (let i = 0; i < longest; i++) {
      for (const z of this.zones) {
        const names = this.tree.get(z)!;
        if (i < names.length) out.push(names[i]);
      }
    }
    return out;
  }
}
