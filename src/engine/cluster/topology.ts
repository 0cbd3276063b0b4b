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

/** NodeRequest asks for one more worker node; what it leaves out comes from the topology's defaults. */
export interface NodeRequest {
  name?: string;
  cpu?: string;
  memory?: string;
  pods?: string;
}

/**
 * defaultTopology lays out kubeadm-style nodes: control-plane nodes first, then workers
 * worker-1..N, each with a /24 from 10.244.0.0/16 and an address on 172.18.0.0/16.
 */
export function defaultTopology(opts: TopologyOptions = {}): NodeSpec[] {
  const cps = opts.controlPlanes ?? 1;
  const workers = opts.workers ?? 3;
  const nodes: NodeSpec[] = [];
  for (let i = 0; i < cps; i++) {
    const name = cps === 1 ? 'control-plane' : `control-plane-${i + 1}`;
    nodes.push(nodeAt(i, { name, role: 'control-plane', cpu: '2', memory: '4Gi' }, opts));
  }
  for (let w = 1; w <= workers; w++) nodes.push(workerAt(nodes.length, { name: `worker-${w}` }, opts));
  return nodes;
}

/** workerAt lays out the i-th node of the cluster as a worker, sized by the request or the topology. */
export function workerAt(i: number, req: NodeRequest & { name: string }, opts: TopologyOptions = {}): NodeSpec {
  const { name, cpu = opts.workerCpu ?? '4', memory = opts.workerMemory ?? '8Gi', pods } = req;
  return nodeAt(i, { name, role: 'worker', cpu, memory, pods }, opts);
}

function nodeAt(i: number, n: Pick<NodeSpec, 'name' | 'role' | 'cpu' | 'memory'> & { pods?: string }, opts: TopologyOptions): NodeSpec {
  return {
    ...n,
    pods: n.pods ?? '110',
    podCIDR: podCIDRFor(i),
    internalIP: nodeIPFor(i),
    zone: opts.zones?.length ? opts.zones[i % opts.zones.length] : undefined,
  };
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
