import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import {
  AnnBindCompleted,
  AnnSelectedNode,
  checkNodeAffinity,
  findMatchingVolume,
  getBindVolumeToClaim,
  getPersistentVolumeClaimClass,
  getPersistentVolumeClass,
  isDelayBindingMode,
  NotSupportedProvisioner,
  ephemeralClaimError,
  ephemeralClaimName,
  podClaimNames,
  storageRequest,
  type MatchNode,
} from '../../controllers/volume/pvHelpers';
import { Resources } from '../../apiserver/registry/resources';
import type { CycleState } from '../framework/cycleState';
import { ActionType, EventResource, type ClusterEventWithHint } from '../framework/events';
import type { BindingHandle, EnqueueExtensions, FilterPlugin, PreBindPlugin, PreFilterPlugin, ReservePlugin, VolumeListers } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import { asStatus, Code, skipStatus, Status } from '../framework/status';
import { NodeSelectorMatcher } from './helper/nodeAffinity';
import { Names } from './names';

// From pkg/scheduler/framework/plugins/volumebinding/volume_binding.go and binder.go (v1.32):
// claims that wait for their first consumer are matched or provisioned on the node the pod goes
// to; PreBind writes that choice and waits for the PV controller and the provisioner to bind them.
// CSI storage capacity and volume capacity scoring (an alpha feature) are not simulated.

/** Conflict reasons of binder.go (v1.32). */
export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
export const ErrReasonNodeConflict = 'node(s) had volume node affinity conflict';
export const ErrReasonNotEnoughSpace = 'node(s) did not have enough free storage';
export const ErrReasonPVNotExist = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
/** ErrUnboundImmediateClaims is PreFilter's reason when a claim that binds at once is not bound yet. */
export const ErrUnboundImmediateClaims = 'pod has unbound immediate PersistentVolumeClaims';

/** bindTimeoutMs is VolumeBindingArgs.bindTimeoutSeconds' default; PreBind polls every second until then. */
const bindTimeoutMs = 600_000;
const pollIntervalMs = 1000;

const stateKey = Names.VolumeBinding;

/** PodVolumes are the pod's binding decisions for one node: volumes to pre-bind, claims to provision. */
interface PodVolumes {
  staticBindings: { pv: PersistentVolume; pvc: PersistentVolumeClaim }[];
  dynamicProvisions: PersistentVolumeClaim[];
}

interface StateData {
  allBound: boolean;
  boundClaims: PersistentVolumeClaim[];
  unboundClaimsDelayBinding: PersistentVolumeClaim[];
  podVolumesByNode: Map<string, PodVolumes>;
}

const isFullyBound = (pvc: PersistentVolumeClaim) => !!pvc.spec?.volumeName && pvc.metadata?.annotations?.[AnnBindCompleted] !== undefined;
const rv = (o: { metadata?: { resourceVersion?: string } }) => Number(o.metadata?.resourceVersion ?? 0);
const unresolvable = (...reasons: string[]) => new Status(Code.UnschedulableAndUnresolvable, ...reasons);

/** podClaimsError is podHasPVCs' error for a claim the pod cannot use, or null. */
function podClaimsError(pod: Pod, v: VolumeListers): string | null {
  for (const vol of pod.spec?.volumes ?? []) {
    const ephemeral = !!vol.ephemeral;
    const name = vol.persistentVolumeClaim?.claimName ?? (ephemeral ? ephemeralClaimName(pod, vol.name) : undefined);
    if (name === undefined) continue;
    const pvc = v.apiClaim(pod.metadata?.namespace ?? '', name);
    // Right after a pod is created its ephemeral claim does not exist yet: say what it waits for.
    if (!pvc) return ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found`;
    if (pvc.status?.phase === 'Lost') return `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`;
    if (pvc.metadata?.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if (ephemeral) {
      const err = ephemeralClaimError(pod, pvc);
      if (err) return err;
    }
  }
  return null;
}

/** findPodVolumes is FindPodVolumes: the node's conflict reasons, or its binding decisions. */
function findPodVolumes(s: StateData, v: VolumeListers, node: MatchNode): string[] | PodVolumes {
  let boundVolumesSatisfied = true;
  let boundPVsFound = true;
  let unboundVolumesSatisfied = true;
  const staticBindings: PodVolumes['staticBindings'] = [];
  let dynamicProvisions: PersistentVolumeClaim[] = [];
  const reasons = () => {
    const out: string[] = [];
    if (!boundVolumesSatisfied) out.push(ErrReasonNodeConflict);
    if (!unboundVolumesSatisfied) out.push(ErrReasonBindConflict);
    if (!boundPVsFound) out.push(ErrReasonPVNotExist);
    return out;
  };
  for (const pvc of s.boundClaims) {
    const pv = v.volume(pvc.spec!.volumeName!);
    if (!pv) {
      boundPVsFound = false;
      break;
    }
    if (checkNodeAffinity(pv, node.labels) !== null) {
      boundVolumesSatisfied = false;
      break;
    }
  }
  if (s.unboundClaimsDelayBinding.length > 0) {
    const toProvision: PersistentVolumeClaim[] = [];
    const toMatch: PersistentVolumeClaim[] = [];
    for (const claim of s.unboundClaimsDelayBinding) {
      const selected = claim.metadata?.annotations?.[AnnSelectedNode];
      if (selected === undefined) toMatch.push(claim);
      else if (selected !== node.name) {
        unboundVolumesSatisfied = false;
        return reasons();
      } else toProvision.push(claim);
    }
    // Smallest claims first, so each gets the smallest volume that fits.
    toMatch.sort((a, b) => storageRequest(a) - storageRequest(b));
    const chosen = new Set<string>();
    const volumes = v.volumes();
    for (const pvc of toMatch) {
      const cls = getPersistentVolumeClaimClass(pvc);
      const pv = findMatchingVolume(pvc, volumes.filter((x) => getPersistentVolumeClass(x) === cls), node, chosen, true);
      if (!pv) {
        toProvision.push(pvc);
        unboundVolumesSatisfied = false;
        continue;
      }
      chosen.add(pv.metadata!.name!);
      staticBindings.push({ pv, pvc });
    }
    if (toProvision.length > 0) {
      const provisions = checkVolumeProvisions(toProvision, v, node);
      if (provisions instanceof Status) throw provisions;
      unboundVolumesSatisfied = provisions !== null;
      dynamicProvisions = provisions ?? [];
    }
  }
  const out = reasons();
  return out.length > 0 ? out : { staticBindings, dynamicProvisions };
}

/** checkVolumeProvisions returns the claims when the node can get all of them provisioned, null when not, or an error. */
function checkVolumeProvisions(claims: PersistentVolumeClaim[], v: VolumeListers, node: MatchNode): PersistentVolumeClaim[] | null | Status {
  for (const claim of claims) {
    const className = getPersistentVolumeClaimClass(claim);
    if (className === '') return asStatus(`no class for claim "${claim.metadata?.namespace}/${claim.metadata?.name}"`);
    const sc: StorageClass | undefined = v.storageClass(className);
    if (!sc) return asStatus(`failed to find storage class "${className}"`);
    if (!sc.provisioner || sc.provisioner === NotSupportedProvisioner) return null;
    if (!matchTopology(sc, node)) return null;
  }
  return claims;
}

/** matchTopology is MatchTopologySelectorTerms of the class's allowedTopologies against the node's labels. */
function matchTopology(sc: StorageClass, node: MatchNode): boolean {
  const terms = sc.allowedTopologies ?? [];
  if (terms.length === 0) return true;
  const nodeTerms = terms.map((t) => ({ matchExpressions: (t.matchLabelExpressions ?? []).map((e) => ({ key: e.key, operator: 'In', values: e.values })) }));
  return new NodeSelectorMatcher(nodeTerms).match(node.labels, node.name);
}

/** checkBindings is true once every claim the pod waits for is fully bound, false to poll again, or an error. */
function checkBindings(pod: Pod, node: NodeInfo | undefined, podVolumes: PodVolumes, v: VolumeListers, handle: BindingHandle): boolean | string {
  const nodeName = pod.spec?.nodeName ?? '';
  if (!node?.node) return `failed to get node "${nodeName}": node "${nodeName}" not found`;
  const labels = node.node.metadata?.labels ?? {};
  if (!handle.podLister.get(pod.metadata?.namespace, pod.metadata?.name ?? '')) return `pod does not exist any more: pods "${pod.metadata?.name}" not found`;
  for (const b of podVolumes.staticBindings) {
    const pv = v.apiVolume(b.pv.metadata!.name!);
    if (!pv) return `failed to check binding: PV "${b.pv.metadata?.name}" not found`;
    const pvc = v.apiClaim(b.pvc.metadata!.namespace!, b.pvc.metadata!.name!);
    if (!pvc) return `failed to check binding: PVC "${b.pvc.metadata?.namespace}/${b.pvc.metadata?.name}" not found`;
    if (rv(b.pv) > rv(pv)) return false;
    const affinity = checkNodeAffinity(pv, labels);
    if (affinity) return `pv "${pv.metadata?.name}" node affinity doesn't match node "${nodeName}": ${affinity}`;
    if (!pv.spec?.claimRef?.uid) return `ClaimRef got reset for pv "${pv.metadata?.name}"`;
    if (!isFullyBound(pvc)) return false;
  }
  for (const claim of podVolumes.dynamicProvisions) {
    const pvc = v.apiClaim(claim.metadata!.namespace!, claim.metadata!.name!);
    if (!pvc) return `failed to check provisioning pvc: PVC "${claim.metadata?.namespace}/${claim.metadata?.name}" not found`;
    if (rv(claim) > rv(pvc)) return false;
    const selected = pvc.metadata?.annotations?.[AnnSelectedNode];
    if (selected === undefined) return `selectedNode annotation reset for PVC "${pvc.metadata?.name}"`;
    // A provisioner that gives up removes the annotation to have the pod rescheduled.
    if (selected !== nodeName) return `provisioning failed for PVC "${pvc.metadata?.name}"`;
    if (pvc.spec?.volumeName) {
      const pv = v.apiVolume(pvc.spec.volumeName);
      if (!pv) return false;
      const affinity = checkNodeAffinity(pv, labels);
      if (affinity) return `pv "${pv.metadata?.name}" node affinity doesn't match node "${nodeName}": ${affinity}`;
    }
    if (!isFullyBound(pvc)) return false;
  }
  return true;
}

/** revert drops what Reserve assumed for these decisions. */
function revert(v: VolumeListers, pv: PodVolumes): void {
  for (const b of pv.staticBindings) v.restoreVolume(b.pv.metadata!.name!);
  for (const c of pv.dynamicProvisions) v.restoreClaim(c.metadata!.namespace!, c.metadata!.name!);
}

/** VolumeBinding binds the pod's claims to volumes, or has them provisioned, on the pod's node. */
export const volumeBinding = {
  name: Names.VolumeBinding,

  preFilter(state: CycleState, pod: Pod): null | Status {
    const names = podClaimNames(pod);
    if (names.length === 0) {
      state.write(stateKey, { allBound: true, boundClaims: [], unboundClaimsDelayBinding: [], podVolumesByNode: new Map() } satisfies StateData);
      return skipStatus;
    }
    const v = state.snapshot.volumes;
    const err = podClaimsError(pod, v);
    if (err) return unresolvable(err);
    const s: StateData = { allBound: false, boundClaims: [], unboundClaimsDelayBinding: [], podVolumesByNode: new Map() };
    let immediate = 0;
    for (const name of names) {
      const pvc = v.claim(pod.metadata?.namespace ?? '', name)!;
      if (isFullyBound(pvc)) s.boundClaims.push(pvc);
      else if (!pvc.spec?.volumeName && isDelayBindingMode(pvc, (n) => v.storageClass(n))) s.unboundClaimsDelayBinding.push(pvc);
      else immediate++;
    }
    // Immediate claims are bound by the PV controller, not here: the pod waits for their update.
    if (immediate > 0) return unresolvable(ErrUnboundImmediateClaims);
    state.write(stateKey, s);
    return null;
  },

  filter(state: CycleState, pod: Pod, node: NodeInfo): Status | null {
    const s = state.read<StateData>(stateKey);
    // Without PreFilter's state (a what-if Filter run) a pod without claims passes, as Skip would let it.
    if (!s) return podClaimNames(pod).length === 0 ? null : asStatus(`reading "${stateKey}" from cycleState: not found`);
    let found: string[] | PodVolumes;
    try {
      found = findPodVolumes(s, state.snapshot.volumes, { name: node.name, labels: node.node?.metadata?.labels ?? {} });
    } catch (e) {
      if (e instanceof Status) return e;
      throw e;
    }
    if (Array.isArray(found)) return unresolvable(...found);
    s.podVolumesByNode.set(node.name, found);
    return null;
  },

  /** reserve is AssumePodVolumes: later cycles see the volumes pre-bound and the claims' selected node. */
  reserve(state: CycleState, pod: Pod, nodeName: string): Status | null {
    const s = state.read<StateData>(stateKey);
    if (!s) return asStatus(`reading "${stateKey}" from cycleState: not found`);
    const podVolumes = s.podVolumesByNode.get(nodeName);
    const v = state.snapshot.volumes;
    const ns = pod.metadata?.namespace ?? '';
    const allBound = podClaimNames(pod).every((name) => {
      const pvc = v.claim(ns, name);
      return pvc !== undefined && isFullyBound(pvc);
    });
    if (!podVolumes || allBound) {
      s.allBound = true;
      return null;
    }
    podVolumes.staticBindings = podVolumes.staticBindings.map(({ pv, pvc }) => {
      const bound = getBindVolumeToClaim(pv, pvc);
      if (bound.dirty) v.assumeVolume(bound.volume);
      return { pv: bound.volume, pvc };
    });
    podVolumes.dynamicProvisions = podVolumes.dynamicProvisions.map((claim) => {
      const assumed: PersistentVolumeClaim = { ...claim, metadata: { ...claim.metadata, annotations: { ...claim.metadata?.annotations, [AnnSelectedNode]: nodeName } } };
      v.assumeClaim(assumed);
      return assumed;
    });
    s.allBound = false;
    return null;
  },

  unreserve(state: CycleState, _pod: Pod, nodeName: string): void {
    const podVolumes = state.read<StateData>(stateKey)?.podVolumesByNode.get(nodeName);
    if (podVolumes) revert(state.snapshot.volumes, podVolumes);
  },

  /** preBind is BindPodVolumes: write the pre-bindings and selected nodes, then wait for the PV controller to bind every claim. */
  async preBind(state: CycleState, pod: Pod, nodeName: string, handle: BindingHandle): Promise<Status | null> {
    const s = state.read<StateData>(stateKey);
    if (!s) return asStatus(`reading "${stateKey}" from cycleState: not found`);
    if (s.allBound) return null;
    const podVolumes = s.podVolumesByNode.get(nodeName);
    if (!podVolumes) return asStatus(`no pod volumes found for node "${nodeName}"`);
    const v = state.snapshot.volumes;
    try {
      for (const b of podVolumes.staticBindings) b.pv = await handle.client.update<PersistentVolume>(Resources.persistentvolumes, b.pv);
      for (let i = 0; i < podVolumes.dynamicProvisions.length; i++) {
        podVolumes.dynamicProvisions[i] = await handle.client.update<PersistentVolumeClaim>(Resources.persistentvolumeclaims, podVolumes.dynamicProvisions[i]);
      }
    } catch (e) {
      revert(v, podVolumes);
      return asStatus(e);
    }
    const bound = { ...pod, spec: { ...pod.spec!, nodeName } };
    for (let waited = 0; waited < bindTimeoutMs; waited += pollIntervalMs) {
      await new Promise<void>((resolve) => handle.sim.timers.after(pollIntervalMs, resolve));
      const done = checkBindings(bound, state.snapshot.get(nodeName), podVolumes, v, handle);
      if (typeof done === 'string') return asStatus(`binding volumes: ${done}`);
      if (done) return null;
    }
    return asStatus('binding volumes: context deadline exceeded');
  },

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      // A new class, or new allowed topologies, may make the claims provisionable.
      {
        event: { resource: EventResource.StorageClass, actionType: ActionType.Add | ActionType.Update, label: 'StorageClassChange' },
        hint: (_pod, oldObj, newObj) => !oldObj || JSON.stringify((oldObj as StorageClass).allowedTopologies) !== JSON.stringify((newObj as StorageClass).allowedTopologies),
      },
      // Only the pod's own claims matter.
      {
        event: { resource: EventResource.PersistentVolumeClaim, actionType: ActionType.Add | ActionType.Update, label: 'PersistentVolumeClaimChange' },
        hint: (pod, _oldObj, newObj) => {
          const pvc = newObj as PersistentVolumeClaim;
          return pvc.metadata?.namespace === pod.metadata?.namespace && podClaimNames(pod).includes(pvc.metadata?.name ?? '');
        },
      },
      { event: { resource: EventResource.PersistentVolume, actionType: ActionType.Add | ActionType.Update, label: 'PersistentVolumeChange' } },
      { event: { resource: EventResource.Node, actionType: ActionType.Add | ActionType.UpdateNodeLabel, label: 'NodeChange' } },
    ];
  },
} satisfies PreFilterPlugin & FilterPlugin & ReservePlugin & PreBindPlugin & EnqueueExtensions;
