import type { NodeInfo } from '../framework/nodeInfo';

/**
 * TopologyIndex numbers the values one node label takes across the cluster ("zone-a" → 0, ...),
 * so that per-domain counts can live in arrays indexed by value id and a node's domain is an
 * array read. A node without the label gets the id of '' (upstream reads a missing label as '')
 * and present[index] = 0.
 */
export class TopologyIndex {
  /** ids maps NodeInfo.index to the value id. */
  readonly ids: Int32Array;
  /** present maps NodeInfo.index to 1 when the node has the label. */
  readonly present: Uint8Array;
  /** values maps a value id back to the label value. */
  readonly values: string[] = [];

  constructor(
    readonly key: string,
    nodes: readonly (NodeInfo | undefined)[],
  ) {
    this.ids = new Int32Array(nodes.length).fill(-1);
    this.present = new Uint8Array(nodes.length);
    const idOf = new Map<string, number>();
    for (const ni of nodes) {
      if (!ni?.node) continue;
      const v = ni.labels[key];
      if (v !== undefined) this.present[ni.index] = 1;
      const value = v ?? '';
      let id = idOf.get(value);
      if (id === undefined) {
        id = this.values.length;
        this.values.push(value);
        idOf.set(value, id);
      }
      this.ids[ni.index] = id;
    }
  }

  /** valueId is the node's domain id, or -1 for a node the index does not know. */
  valueId(node: NodeInfo): number {
    return node.index < this.ids.length ? this.ids[node.index] : -1;
  }
}
