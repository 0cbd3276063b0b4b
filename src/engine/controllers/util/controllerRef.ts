import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { TypedObject } from '../../api/object';
import { matches, type Selector } from '../../api/labels';
import { aggregate } from './aggregate';
import { isApiError } from '../../apiserver/errors';
import type { ResourceDefinition } from '../../apiserver/registry/resourceDefinition';
import type { ApiClient } from '../../client/apiClient';
import type { Informer } from '../../client/informer';
import type { Lister } from '../../client/lister';

// ControllerRef handling as k8s.io/apimachinery's metav1.GetControllerOf/NewControllerRef and
// pkg/controller/controller_ref_manager.go (v1.32) do it.

/** GroupVersionKind names the kind of a controller for the owner references it writes. */
export interface GroupVersionKind {
  apiVersion: string;
  kind: string;
}

/** getControllerOf returns the owner reference with controller=true, if any. */
export function getControllerOf(obj: TypedObject): OwnerReference | undefined {
  const refs = obj.metadata?.ownerReferences;
  if (!refs) return undefined;
  for (const r of refs) if (r.controller) return r;
  return undefined;
}

/** newControllerRef is metav1.NewControllerRef: controller=true, blockOwnerDeletion=true. */
export function newControllerRef(owner: TypedObject, gvk: GroupVersionKind): OwnerReference {
  return {
    apiVersion: gvk.apiVersion,
    kind: gvk.kind,
    name: owner.metadata!.name!,
    uid: owner.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** ControllerUIDIndex files objects under their controller's UID, orphans under "orphan/<namespace>". */
export const ControllerUIDIndex = 'controllerUID';

/** orphanIndexValue is the ControllerUIDIndex value of the orphans of a namespace. */
export function orphanIndexValue(namespace: string | undefined): string {
  return `orphan/${namespace ?? ''}`;
}

function controllerUIDIndexFunc(obj: TypedObject): string[] {
  const ref = getControllerOf(obj);
  return [ref ? ref.uid : orphanIndexValue(obj.metadata?.namespace)];
}

const indexed = new WeakSet<object>();

/**
 * ensureControllerUIDIndex adds ControllerUIDIndex to an informer once, so that a controller finds
 * what it owns, and the orphans it may adopt, without scanning every object of the namespace.
 */
export function ensureControllerUIDIndex<T extends TypedObject>(informer: Informer<T>): void {
  if (indexed.has(informer)) return;
  indexed.add(informer);
  informer.addIndexer(ControllerUIDIndex, controllerUIDIndexFunc);
}

/**
 * ownedOrOrphaned returns the objects controlled by owner plus the orphans of its namespace: the
 * only ones a ControllerRefManager can claim. Objects owned by other controllers are left out.
 */
export function ownedOrOrphaned<T extends TypedObject>(lister: Lister<T>, owner: TypedObject): T[] {
  return [
    ...lister.byIndex(ControllerUIDIndex, owner.metadata!.uid!),
    ...lister.byIndex(ControllerUIDIndex, orphanIndexValue(owner.metadata?.namespace)),
  ];
}

/**
 * resolveControllerRef returns the controller a controllerRef names, of the given kind, when the
 * lister holds it with the same uid (a recreated namesake is not the owner).
 */
export function resolveControllerRef<T extends TypedObject>(lister: Lister<T>, kind: string, namespace: string | undefined, ref: OwnerReference): T | undefined {
  if (ref.kind !== kind) return undefined;
  const owner = lister.get(namespace, ref.name);
  return owner?.metadata?.uid === ref.uid ? owner : undefined;
}

/**
 * controllersSelecting lists the controllers whose selector matches an orphan's labels, as the
 * listers' GetPodReplicaSets, GetPodStatefulSets and GetPodDaemonSets do: an object without labels,
 * and a controller with an empty or nil selector, match nothing.
 */
export function controllersSelecting<T>(controllers: readonly T[], labels: Record<string, string> | undefined, selectorOf: (c: T) => Selector): T[] {
  if (!labels || Object.keys(labels).length === 0) return [];
  return controllers.filter((c) => {
    const sel = selectorOf(c);
    return !sel.nothing && sel.requirements.length > 0 && matches(sel, labels);
  });
}

/** recheckDeletionTimestamp is controller.RecheckDeletionTimestamp: a quorum read before adopting. */
export function recheckDeletionTimestamp(getObject: () => Promise<TypedObject>): () => Promise<void> {
  return async () => {
    let obj: TypedObject;
    try {
      obj = await getObject();
    } catch (e) {
      throw new Error(`can't recheck DeletionTimestamp: ${(e as Error).message}`);
    }
    const ts = obj.metadata?.deletionTimestamp;
    if (ts) throw new Error(`${obj.metadata?.namespace}/${obj.metadata?.name} has just been deleted at ${ts}`);
  };
}

/**
 * ControllerRefManager is BaseControllerRefManager with its pod and ReplicaSet flavours: it claims
 * the objects a controller should own. Orphans matching the selector are adopted by patching in a
 * controller reference; owned objects that stopped matching are released by patching it out.
 */
export class ControllerRefManager<T extends TypedObject> {
  private canAdoptOnce?: Promise<void>;

  constructor(
    private readonly client: ApiClient,
    private readonly resource: ResourceDefinition,
    private readonly controller: TypedObject,
    private readonly selector: Selector,
    private readonly controllerKind: GroupVersionKind,
    private readonly canAdoptFn: () => Promise<void>,
  ) {}

  /** claim returns the objects the controller owns after adoption and release; errors are aggregated. */
  async claim(objs: T[]): Promise<T[]> {
    const claimed: T[] = [];
    const errs: Error[] = [];
    const uid = this.controller.metadata!.uid;
    for (const o of objs) {
      // The common cases, ours or someone else's, need no write: skip the await (100k pods).
      const ref = getControllerOf(o);
      if (ref && ref.uid !== uid) continue;
      if (ref && this.match(o)) {
        claimed.push(o);
        continue;
      }
      try {
        if (await this.claimObject(o)) claimed.push(o);
      } catch (e) {
        errs.push(e as Error);
      }
    }
    const failed = aggregate(errs);
    if (failed) throw failed;
    return claimed;
  }

  private async claimObject(obj: T): Promise<boolean> {
    const ref = getControllerOf(obj);
    const deleting = !!this.controller.metadata?.deletionTimestamp;
    if (ref) {
      if (ref.uid !== this.controller.metadata!.uid) return false;
      if (this.match(obj)) return true;
      if (deleting) return false;
      await this.release(obj);
      return false;
    }
    if (deleting || !this.match(obj) || obj.metadata?.deletionTimestamp) return false;
    if (this.controller.metadata?.namespace && this.controller.metadata.namespace !== obj.metadata?.namespace) return false;
    try {
      await this.adopt(obj);
    } catch (e) {
      if (isApiError(e, 'NotFound')) return false;
      throw e;
    }
    return true;
  }

  private match(obj: T): boolean {
    return matches(this.selector, obj.metadata?.labels);
  }

  private async adopt(obj: T): Promise<void> {
    this.canAdoptOnce ??= this.canAdoptFn();
    const m = obj.metadata!;
    try {
      await this.canAdoptOnce;
    } catch (e) {
      throw new Error(`can't adopt ${this.resource.kind} ${m.namespace}/${m.name} (${m.uid}): ${(e as Error).message}`);
    }
    // ValidateOwnerReferences rejects this patch if another controller reference appeared meanwhile.
    const patch = { metadata: { ownerReferences: [newControllerRef(this.controller, this.controllerKind)], uid: m.uid } };
    await this.client.patch(this.resource, m.namespace, m.name!, 'strategic', patch);
  }

  private async release(obj: T): Promise<void> {
    const m = obj.metadata!;
    const patch = { metadata: { uid: m.uid, ownerReferences: [{ $patch: 'delete', uid: this.controller.metadata!.uid }] } };
    try {
      await this.client.patch(this.resource, m.namespace, m.name!, 'strategic', patch);
    } catch (e) {
      // NotFound: already gone. Invalid: no owner references left, or the UID belongs to a re-created object.
      if (isApiError(e, 'NotFound') || isApiError(e, 'Invalid')) return;
      throw e;
    }
  }
}
