import type { Namespace, Pod } from 'kubernetes-types/core/v1';
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from 'kubernetes-types/networking/v1';
import { matches, selectorFromLabelSelector } from '../../api/labels';
import { objectKey } from '../../store/mvccStore';
import type { ServerContext } from '../handlers/context';
import { storageKey } from '../registry/resourceDefinition';
import { Resources } from '../registry/resources';

// NetworkPolicy as kind's CNI (kindnet, with kube-network-policies) enforces it, for connections
// between pods over the simulated network: a pod that some policy selects for a direction only
// takes the traffic that one of those policies' rules allows (networking/v1 semantics).

function policiesIn(ctx: ServerContext, namespace: string): NetworkPolicy[] {
  return ctx.store.list(storageKey(Resources.networkpolicies), namespace) as unknown as NetworkPolicy[];
}

function namespaceLabels(ctx: ServerContext, name: string): Record<string, string> {
  const ns = ctx.store.get(storageKey(Resources.namespaces), objectKey('', name)) as unknown as Namespace | undefined;
  return ns?.metadata?.labels ?? {};
}

/** policyTypesOf is a policy's directions: as written, or Ingress plus Egress when it has egress rules. */
function policyTypesOf(p: NetworkPolicy): string[] {
  return p.spec?.policyTypes?.length ? p.spec.policyTypes : p.spec?.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
}

function selects(p: NetworkPolicy, pod: Pod): boolean {
  return matches(selectorFromLabelSelector(p.spec?.podSelector ?? {}), pod.metadata?.labels);
}

/** peerMatches says whether a rule's peer covers the pod at the other end (from the policy's namespace's point of view). */
function peerMatches(ctx: ServerContext, peer: NetworkPolicyPeer, policyNamespace: string, other: Pod): boolean {
  const ns = other.metadata?.namespace ?? '';
  if (peer.ipBlock) {
    const ip = other.status?.podIP ?? '';
    return inCidr(ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(ip, c));
  }
  const nsOk = peer.namespaceSelector ? matches(selectorFromLabelSelector(peer.namespaceSelector), namespaceLabels(ctx, ns)) : ns === policyNamespace;
  const podOk = peer.podSelector ? matches(selectorFromLabelSelector(peer.podSelector), other.metadata?.labels) : true;
  return nsOk && podOk;
}

/** portMatches says whether a rule's port covers the destination port (a number, or a named container port of the destination pod). */
function portMatches(p: NetworkPolicyPort, port: number, destination: Pod): boolean {
  if ((p.protocol ?? 'TCP') !== 'TCP') return false;
  if (p.port === undefined) return true;
  const start = typeof p.port === 'number' ? p.port : destination.spec?.containers.flatMap((c) => c.ports ?? []).find((cp) => cp.name === p.port)?.containerPort;
  if (start === undefined) return false;
  return port >= start && port <= (p.endPort ?? start);
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const toInt = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !/^\d+\.\d+\.\d+\.\d+$/.test(base ?? '')) return false;
  const mask = Number(bits) === 0 ? 0 : 2 ** 32 - 2 ** (32 - Number(bits));
  return (toInt(ip) & mask) >>> 0 === (toInt(base) & mask) >>> 0;
}

/** Rule is an ingress or egress rule as the check reads it: its peers (from or to) and its ports. */
interface Rule {
  peers?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

/**
 * admits says whether one direction lets the connection through: no policy of the pod's namespace
 * selects the pod for it, or a rule of one that does matches the pod at the other end and the port.
 */
function admits(ctx: ServerContext, direction: 'Ingress' | 'Egress', pod: Pod, other: Pod, destination: Pod, port: number): boolean {
  const ns = pod.metadata?.namespace ?? '';
  const selecting = policiesIn(ctx, ns).filter((p) => policyTypesOf(p).includes(direction) && selects(p, pod));
  const rulesOf = (p: NetworkPolicy): Rule[] =>
    direction === 'Ingress' ? (p.spec?.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })) : (p.spec?.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
  return (
    !selecting.length ||
    selecting.some((p) =>
      rulesOf(p).some((r) => (!r.peers?.length || r.peers.some((peer) => peerMatches(ctx, peer, ns, other))) && (!r.ports?.length || r.ports.some((pp) => portMatches(pp, port, destination)))),
    )
  );
}

/**
 * connectionAllowed says whether the network lets a TCP connection from one pod to another's port:
 * the source's egress policies must allow it, and the destination's ingress policies.
 */
export function connectionAllowed(ctx: ServerContext, from: Pod, to: Pod, port: number): boolean {
  return admits(ctx, 'Egress', from, to, to, port) && admits(ctx, 'Ingress', to, from, to, port);
}
