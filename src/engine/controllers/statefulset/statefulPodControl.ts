import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { deepCopy } from '../../api/deepCopy';
import { isApiError } from '../../apiserver/errors';
import { Resources } from '../../apiserver/registry/resources';
import type { ApiClient } from '../../client/apiClient';
import { EventType, type EventRecorder } from '../../client/eventRecorder';
import type { Lister } from '../../client/lister';
import { aggregate, errorMessage } from '../util/aggregate';
import {
  getPersistentVolumeClaimRetentionPolicy,
  hasStaleOwnerRef,
  hasUnexpectedController,
  isClaimOwnerUpToDate,
  updateClaimOwnerRefForSetAndPod,
} from './claimRetention';
import {
  getOrdinal,
  getPersistentVolumeClaimName,
  getPersistentVolumeClaims,
  identityMatches,
  podKind,
  storageMatches,
  updateIdentity,
  updateStorage,
} from './statefulSetUtils';

// StatefulPodControl of pkg/controller/statefulset/stateful_pod_control.go (v1.32): the pod and
// claim writes of the StatefulSet controller, each reported as an Event on the set.

/** ConflictingControllerReason is the warning on a claim another controller owns. */
export const ConflictingControllerReason = 'ConflictingController';

/** updateRetries is retry.DefaultBackoff's steps, for pod updates that conflict. */
const updateRetries = 4;

/** podEventMessage is recordPodEvent's message: `create Pod web-0 in StatefulSet web successful`. */
export function podEventMessage(verb: string, pod: string, set: string, err?: unknown): string {
  return err === undefined ? `${verb} Pod ${pod} in StatefulSet ${set} successful` : `${verb} Pod ${pod} in StatefulSet ${set} failed error: ${errorMessage(err)}`;
}

/** claimEventMessage is recordClaimEvent's message: `create Claim www-web-0 Pod web-0 in StatefulSet web success`. */
export function claimEventMessage(verb: string, claim: string, pod: string, set: string, err?: unknown): string {
  return err === undefined
    ? `${verb} Claim ${claim} Pod ${pod} in StatefulSet ${set} success`
    : `${verb} Claim ${claim} for Pod ${pod} in StatefulSet ${set} failed error: ${errorMessage(err)}`;
}

const title = (verb: string) => verb[0].toUpperCase() + verb.slice(1);

/**
 * StatefulPodControl creates, updates and deletes a set's pods and creates their claims, keeping
 * the claims' owner references in line with the retention policy. Reads come from the informers.
 */
export class StatefulPodControl {
  constructor(
    private readonly client: ApiClient,
    private readonly claimLister: Lister<PersistentVolumeClaim>,
    private readonly recorder: EventRecorder,
  ) {}

  /** createStatefulPod creates the pod's claims, then the pod; an AlreadyExists pod is returned unrecorded. */
  async createStatefulPod(set: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.createPersistentVolumeClaims(set, pod);
    } catch (e) {
      this.recordPodEvent('create', set, pod, e);
      throw e;
    }
    let createErr: unknown;
    try {
      await this.client.create<Pod>(Resources.pods, pod);
    } catch (e) {
      if (isApiError(e, 'AlreadyExists')) throw e;
      createErr = e;
    }
    // Set the claims' policy as far as possible now (upstream does so whether or not the pod was made).
    try {
      await this.updatePodClaimForRetentionPolicy(set, pod);
    } catch (e) {
      this.recordPodEvent('update', set, pod, e);
      throw e;
    }
    this.recordPodEvent('create', set, pod, createErr);
    if (createErr !== undefined) throw createErr;
  }

  /**
   * updateStatefulPod restores the pod's identity, storage and claim ownership, then writes the pod
   * (a copy) if anything changed, re-reading it after a conflict.
   */
  async updateStatefulPod(set: StatefulSet, pod: Pod): Promise<void> {
    let attempted = false;
    let err: unknown;
    for (let attempt = 1; ; attempt++) {
      try {
        if (!(await this.reconcilePod(set, pod))) return;
      } catch (e) {
        err = e;
        break;
      }
      attempted = true;
      try {
        await this.client.update<Pod>(Resources.pods, pod);
        err = undefined;
        break;
      } catch (e) {
        err = e;
        if (!isApiError(e, 'Conflict') || attempt >= updateRetries) break;
        pod = deepCopy(await this.client.get<Pod>(Resources.pods, set.metadata?.namespace, pod.metadata!.name!));
      }
    }
    if (attempted) this.recordPodEvent('update', set, pod, err);
    if (err !== undefined) throw err;
  }

  /** reconcilePod brings pod (a copy) in line with set; it reports whether the pod itself must be written. */
  private async reconcilePod(set: StatefulSet, pod: Pod): Promise<boolean> {
    let dirty = false;
    if (!identityMatches(set, pod)) {
      updateIdentity(set, pod);
      dirty = true;
    }
    if (!storageMatches(set, pod)) {
      updateStorage(set, pod);
      dirty = true;
      await this.recordingUpdateFailure(set, pod, () => this.createPersistentVolumeClaims(set, pod));
    }
    if (!(await this.recordingUpdateFailure(set, pod, async () => this.claimsMatchRetentionPolicy(set, pod)))) {
      await this.recordingUpdateFailure(set, pod, () => this.updatePodClaimForRetentionPolicy(set, pod));
      dirty = true;
    }
    return dirty;
  }

  private async recordingUpdateFailure<T>(set: StatefulSet, pod: Pod, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      this.recordPodEvent('update', set, pod, e);
      throw e;
    }
  }

  /** deleteStatefulPod deletes the pod and records the outcome. */
  async deleteStatefulPod(set: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.client.delete(Resources.pods, pod.metadata?.namespace, pod.metadata!.name!);
    } catch (e) {
      this.recordPodEvent('delete', set, pod, e);
      throw e;
    }
    this.recordPodEvent('delete', set, pod);
  }

  /** claimsMatchRetentionPolicy reports whether each existing claim of the pod has the owners the policy wants. */
  claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod): boolean {
    for (const claim of this.existingClaims(set, pod)) if (!isClaimOwnerUpToDate(claim, set, pod)) return false;
    return true;
  }

  /** updatePodClaimForRetentionPolicy rewrites the owner references of the pod's claims that do not follow the policy. */
  async updatePodClaimForRetentionPolicy(set: StatefulSet, pod: Pod): Promise<void> {
    for (const claim of this.existingClaims(set, pod)) {
      const name = claim.metadata!.name!;
      if (hasUnexpectedController(claim, set, pod)) {
        this.recorder.event(
          set,
          EventType.Warning,
          ConflictingControllerReason,
          `PersistentVolumeClaim ${name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`,
        );
      }
      if (isClaimOwnerUpToDate(claim, set, pod)) continue;
      const updated = deepCopy(claim);
      updateClaimOwnerRefForSetAndPod(updated, set, pod);
      try {
        await this.client.update<PersistentVolumeClaim>(Resources.persistentvolumeclaims, updated);
      } catch (e) {
        throw new Error(`could not update claim ${name} for delete policy ownerRefs: ${errorMessage(e)}`);
      }
    }
  }

  /**
   * podClaimIsStale reports a claim that still belongs to an earlier pod of the same name (with a
   * Delete-on-scale-down policy): the pod must wait until the garbage collector removes it.
   */
  podClaimIsStale(set: StatefulSet, pod: Pod): boolean {
    if (getPersistentVolumeClaimRetentionPolicy(set).whenScaled === 'Retain') return false;
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const existing = this.claimLister.get(claim.metadata?.namespace, claim.metadata!.name!);
      if (existing && hasStaleOwnerRef(existing, pod, podKind)) return true;
    }
    return false;
  }

  /** createMissingPersistentVolumeClaims creates the pod's missing claims and sets their policy. */
  async createMissingPersistentVolumeClaims(set: StatefulSet, pod: Pod): Promise<void> {
    await this.createPersistentVolumeClaims(set, pod);
    try {
      await this.updatePodClaimForRetentionPolicy(set, pod);
    } catch (e) {
      this.recordPodEvent('update', set, pod, e);
      throw e;
    }
  }

  /**
   * createPersistentVolumeClaims creates each claim of the pod not in the cache; a claim being
   * deleted is an error, the pod must wait for it to go. Errors are aggregated.
   */
  async createPersistentVolumeClaims(set: StatefulSet, pod: Pod): Promise<void> {
    const errs: Error[] = [];
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const name = claim.metadata!.name!;
      const existing = this.claimLister.get(claim.metadata?.namespace, name);
      if (existing) {
        if (existing.metadata?.deletionTimestamp) errs.push(new Error(`pvc ${name} is being deleted`));
        continue;
      }
      let err: unknown;
      try {
        await this.client.create<PersistentVolumeClaim>(Resources.persistentvolumeclaims, claim);
      } catch (e) {
        err = e;
        errs.push(new Error(`failed to create PVC ${name}: ${errorMessage(e)}`));
      }
      if (err === undefined || !isApiError(err, 'AlreadyExists')) this.recordClaimEvent('create', set, pod, claim, err);
    }
    const err = aggregate(errs);
    if (err) throw err;
  }

  private existingClaims(set: StatefulSet, pod: Pod): PersistentVolumeClaim[] {
    const ordinal = getOrdinal(pod);
    const out: PersistentVolumeClaim[] = [];
    for (const template of set.spec?.volumeClaimTemplates ?? []) {
      // A claim not in the cache yet is picked up by a later sync.
      const claim = this.claimLister.get(set.metadata?.namespace, getPersistentVolumeClaimName(set, template, ordinal));
      if (claim) out.push(claim);
    }
    return out;
  }

  private recordPodEvent(verb: string, set: StatefulSet, pod: Pod, err?: unknown): void {
    const type = err === undefined ? EventType.Normal : EventType.Warning;
    const reason = `${err === undefined ? 'Successful' : 'Failed'}${title(verb)}`;
    this.recorder.event(set, type, reason, podEventMessage(verb, pod.metadata?.name ?? '', set.metadata?.name ?? '', err));
  }

  private recordClaimEvent(verb: string, set: StatefulSet, pod: Pod, claim: PersistentVolumeClaim, err?: unknown): void {
    const type = err === undefined ? EventType.Normal : EventType.Warning;
    const reason = `${err === undefined ? 'Successful' : 'Failed'}${title(verb)}`;
    this.recorder.event(set, type, reason, claimEventMessage(verb, claim.metadata?.name ?? '', pod.metadata?.name ?? '', set.metadata?.name ?? '', err));
  }
}
