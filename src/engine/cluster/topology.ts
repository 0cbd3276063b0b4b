/** NodeSpec is one node of a simulated cluster, before its kubelet registers it. */
export interface NodeSpec {
  name: string;
  role: 'control-plane' | 'worker';
  cpu: string;
  memory: string;
  pods: string;
  podCIDR: string;
  internalIP: string;
  zone?: string;
}

/** TopologyOptions size a cluster: how many workers and what each node has. */
export interface TopologyOptions {
  workers?: number;
  controlPlanes?: number;
  workerCpu?: string;
  workerMemory?: string;
  zones?: string[];
}

/**
 * defaultTopology lays out kubeadm-style nodes: control-plane nodes first, then workers
 * worker-1..N, each with a /24 from 10.244.0.0/16 and an address on 172.18.0.0/16.
 */
export function defaultTopology(opts: TopologyOptions = {}): NodeSpec[] {
  const cps = opts.controlPlanes ?? 1;
  const workers = opts.workers ?? 3;
  const nodes: NodeSpec[] = [];
  for (let i = 0; i < cps + workers; i++) {
    const cp = i < cps;
    nodes.push({
      name: cp ? (cps === 1 ? 'control-plane' : `control-plane-${i + 1}`) : `worker-${i - cps + 1}`,
      role: cp ? 'control-plane' : 'worker',
      cpu: cp ? '2' : (opts.workerCpu ?? '4'),
      memory: cp ? '4Gi' : (opts.workerMemory ?? '8Gi'),
      pods: '110',
      podCIDR: podCIDRFor(i),
      internalIP: nodeIPFor(i),
      zone: opts.zones?.length ? opts.zones[i % opts.zones.length] : undefined,
    });
  }
  return nodes;
}

/** podCIDRFor gives node i its /24 (the node IPAM controller's --cluster-cidr=10.244.0.0/16). */
export function podCIDRFor(i: number): string {
  // The first 256 nodes get kubeadm's familiar 10.244.0.0/16; beyond that 10.0.0.0/8 has room for
  // 65,536 /24s, taken from 10.0.0.0 upwards while skipping 10.244.0.0/16.
  if (i < 256) return `10.244.${i}.0/24`;
  let j = i - 256;
  if (j >= 244 * 256) j += 256;
  return `10.${Math.floor(j / 256)}.${j % 256}.0/24`;
}

/** nodeIPFor gives node i an address on the simulated node network. */
export function nodeIPFor(i: number): string {
  const n = i + 2;
  return `172.18.${Math.floor(n / 256)}.${n % 256}`;
}
