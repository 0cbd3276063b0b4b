import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { KubeObject, MutableObjectMeta, StoredObject } from '../../api/object';
import type { Sim } from '../../sim/sim';
import { formatTime } from '../../sim/clock';
import {
  ErrKeyExists,
  ErrKeyNotFound,
  ErrRevisionMismatch,
  modRevision,
  objectKey,
  type MvccStore,
} from '../../store/mvccStore';
import { parseResourceVersion } from '../../store/revision';
import {
  isApiError,
  StatusReason,
  newAlreadyExists,
  newBadRequest,
  newConflict,
  newForbidden,
  newNotFound,
} from '../errors';
import { fieldError, newInvalid, type FieldError } from '../fieldErrors';
import type { ResourceDefinition } from './resourceDefinition';
import { storageKey } from './resourceDefinition';
import type { ResourceStrategy, StrategyContext } from './strategy';
import { Resources } from './resources';
import { deepEqual } from '../../api/deepEqual';
import { deepCopy } from '../../api/deepCopy';
import { Operation } from '../../quota/evaluator';
import type { Attributes, ValidationInterface } from '../admission/attributes';

/** WriteContext carries per-request options into a registry write. */
export interface WriteContext {
  dryRun: boolean;
  /** user is who makes the request, for strategies that record it. */
  user?: UserInfo;
}

/** DeleteRequest mirrors the fields of metav1.DeleteOptions the registry honours. */
export interface DeleteRequest extends WriteContext {
  propagationPolicy?: string;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  orphanDependents?: boolean;
}

/** DeleteResult says whether an object is gone or only marked for deletion. */
export interface DeleteResult {
  object: StoredObject;
  deleted: boolean;
}

const maxConflictRetries = 5;

/** maxNameGenerationCreateAttempts is how often upstream's Store tries a create whose name it generates. */
const maxNameGenerationCreateAttempts = 8;

/**
 * GenericRegistry is k8s.io/apiserver's generic Store: create, update, delete and read over the
 * MVCC store, calling a resource's strategy for defaulting, preparation and validation, and owning
 * what every resource shares (uid, creationTimestamp, generateName, namespaces, finalizers,
 * graceful deletion, optimistic concurrency).
 */
export class GenericRegistry {
  private readonly validatingAdmission: ValidationInterface[] = [];

  constructor(
    private readonly store: MvccStore,
    private readonly sim: Sim,
  ) {}

  /** useValidatingAdmission appends plugins to the validating admission chain every create and update passes. */
  useValidatingAdmission(...plugins: ValidationInterface[]): void {
    this.validatingAdmission.push(...plugins);
  }

  strategyContext(dryRun: boolean, user?: UserInfo): StrategyContext {
    return { sim: this.sim, store: this.store, now: formatTime(this.sim.clock.now()), dryRun, user };
  }

  get(s: ResourceStrategy, namespace: string, name: string): StoredObject {
    const obj = this.store.get(storageKey(s.def), objectKey(namespace, name));
    if (!obj) throw newNotFound(s.def, name);
    return obj;
  }

  tryGet(s: ResourceStrategy, namespace: string, name: string): StoredObject | undefined {
    return this.store.get(storageKey(s.def), objectKey(namespace, name));
  }

  create(s: ResourceStrategy, namespace: string, input: KubeObject, wc: WriteContext): StoredObject {
    if (input.metadata?.name || !input.metadata?.generateName) return this.createOnce(s, namespace, input, wc);
    // RetryGenerateName (GA in v1.31): a generated name that collides is drawn again, up to 8 attempts in all.
    for (let attempt = 1; ; attempt++) {
      try {
        return this.createOnce(s, namespace, input, wc);
      } catch (e) {
        if (attempt >= maxNameGenerationCreateAttempts || !isApiError(e, StatusReason.AlreadyExists)) throw e;
      }
    }
  }

  private createOnce(s: ResourceStrategy, namespace: string, input: KubeObject, wc: WriteContext): StoredObject {
    const def = s.def;
    const obj = cloneInput(input);
    const meta = (obj.metadata ??= {}) as MutableObjectMeta;
    if (def.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = namespace || meta.namespace;
    } else {
      delete meta.namespace;
    }
    const ctx = this.strategyContext(wc.dryRun, wc.user);
    s.defaults?.(obj);
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.sim.rng.suffix(5);
    if (meta.resourceVersion) {
      throw newBadRequest('resourceVersion should not be set on objects to be created');
    }
    if (def.namespaced && meta.namespace) this.checkNamespaceOpen(def, meta.namespace, meta.name ?? '');
    meta.uid = this.sim.rng.uuid();
    meta.creationTimestamp = ctx.now;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.managedFields;
    s.prepareForCreate?.(obj, ctx);
    // Strategies validate metadata themselves (validateObjectMeta); the bare minimum covers the rest.
    const errs = s.validate ? s.validate(obj, ctx) : validateMetaForCreate(def, meta);
    if (errs.length) throw newInvalid({ group: def.group, kind: def.kind }, meta.name ?? '', errs);
    // Validating admission sees the fully formed object before storage, as upstream's createValidation.
    this.admit({ operation: Operation.Create, resource: def, subresource: '', namespace: meta.namespace ?? '', name: meta.name!, object: obj, dryRun: wc.dryRun });
    if (this.store.get(storageKey(def), objectKey(meta.namespace ?? '', meta.name!))) {
      throw newAlreadyExists(def, meta.name!);
    }
    const allocErrs = s.allocator?.allocate(obj, ctx) ?? [];
    if (allocErrs.length) throw newInvalid({ group: def.group, kind: def.kind }, meta.name!, allocErrs);
    if (wc.dryRun) return obj as StoredObject;
    try {
      return this.store.create(storageKey(def), objectKey(meta.namespace ?? '', meta.name!), meta.namespace ?? '', obj as StoredObject);
    } catch (e) {
      s.allocator?.release(obj as StoredObject);
      if (e instanceof ErrKeyExists) throw newAlreadyExists(def, meta.name!);
      throw e;
    }
  }

  /**
   * update replaces an object (PUT). A resourceVersion in the input is a precondition; without one
   * the update is unconditional. An update that changes nothing writes nothing, as upstream.
   */
  update(s: ResourceStrategy, namespace: string, name: string, input: KubeObject, wc: WriteContext, subresource = ''): StoredObject {
    const def = s.def;
    const obj = cloneInput(input);
    const meta = (obj.metadata ??= {}) as MutableObjectMeta;
    if (meta.name && meta.name !== name) {
      throw newBadRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    }
    if (def.namespaced && meta.namespace && meta.namespace !== namespace) {
      throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.name = name;
    if (def.namespaced) meta.namespace = namespace;
    const old = this.tryGet(s, namespace, name);
    if (!old) {
      if (s.allowCreateOnUpdate && subresource === '') return this.create(s, namespace, obj, wc);
      throw newNotFound(def, name);
    }
    const expected = parseResourceVersion(meta.resourceVersion);
    if (meta.resourceVersion && expected !== modRevision(old)) throw newConflict(def, name);
    return this.writeUpdate(s, obj, old, wc, subresource);
  }

  /**
   * guaranteedUpdate re-reads and re-applies fn until the write does not conflict: what PATCH and
   * the scale subresource use (storage.GuaranteedUpdate).
   */
  guaranteedUpdate(
    s: ResourceStrategy,
    namespace: string,
    name: string,
    fn: (current: StoredObject) => KubeObject,
    wc: WriteContext,
    subresource = '',
  ): StoredObject {
    for (let attempt = 0; ; attempt++) {
      const old = this.get(s, namespace, name);
      const next = fn(old);
      const meta = (next.metadata ??= {});
      if (meta.name !== undefined && meta.name !== name) {
        throw newBadRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
      }
      try {
        return this.writeUpdate(s, next, old, wc, subresource);
      } catch (e) {
        if (e instanceof ErrRevisionMismatch && attempt < maxConflictRetries) continue;
        throw e;
      }
    }
  }

  private writeUpdate(s: ResourceStrategy, input: KubeObject, old: StoredObject, wc: WriteContext, subresource: string): StoredObject {
    const def = s.def;
    const obj = input === old ? cloneInput(old) : input;
    // An update built from the stored object may share its metadata: the server's fields go on a copy.
    if (obj.metadata === old.metadata) obj.metadata = { ...old.metadata };
    const meta = (obj.metadata ??= {}) as MutableObjectMeta;
    const name = old.metadata.name!;
    const ctx = this.strategyContext(wc.dryRun);
    // Fields the server owns come from the stored object whatever the client sent.
    meta.name = old.metadata.name;
    if (def.namespaced) meta.namespace = old.metadata.namespace;
    else delete meta.namespace;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    setOrDelete(meta, 'deletionTimestamp', old.metadata.deletionTimestamp);
    setOrDelete(meta, 'deletionGracePeriodSeconds', old.metadata.deletionGracePeriodSeconds);
    setOrDelete(meta, 'generation', old.metadata.generation);
    meta.resourceVersion = old.metadata.resourceVersion;
    let errs: FieldError[];
    if (subresource === 'binding' || subresource === 'finalize') {
      // Server-internal subresources write exactly what their REST handler computed.
      errs = [];
    } else if (subresource === 'status' || subresource === 'approval') {
      const sub = s[subresource];
      if (!sub) throw newNotFound(def, name);
      sub.prepareForUpdate(obj, old, ctx);
      errs = sub.validateUpdate?.(obj, old, ctx) ?? [];
    } else {
      s.defaults?.(obj);
      s.prepareForUpdate?.(obj, old, ctx);
      errs = s.validateUpdate?.(obj, old, ctx) ?? s.validate?.(obj, ctx) ?? [];
    }
    if (errs.length) throw newInvalid({ group: def.group, kind: def.kind }, name, errs);
    this.admit({
      operation: Operation.Update,
      resource: def,
      subresource,
      namespace: old.metadata.namespace ?? '',
      name,
      object: obj,
      oldObject: old,
      dryRun: wc.dryRun,
    });
    if (deepEqual(obj, old)) return old;
    // Once an object marked for deletion has no finalizers left, the update completes its deletion.
    if (old.metadata.deletionTimestamp && !(meta.finalizers?.length)) {
      if (wc.dryRun) return obj as StoredObject;
      return this.removeNow(s, old, obj as StoredObject);
    }
    const allocErrs = s.allocator?.allocate(obj, ctx, old) ?? [];
    if (allocErrs.length) throw newInvalid({ group: def.group, kind: def.kind }, name, allocErrs);
    if (wc.dryRun) return obj as StoredObject;
    try {
      return this.store.update(storageKey(def), objectKey(old.metadata.namespace ?? '', name), old.metadata.namespace ?? '', obj as StoredObject, modRevision(old));
    } catch (e) {
      if (e instanceof ErrRevisionMismatch) throw newConflict(def, name);
      if (e instanceof ErrKeyNotFound) throw newNotFound(def, name);
      throw e;
    }
  }

  /**
   * delete follows k8s.io/apiserver's graceful and finalizer-aware deletion: a Pod bound to a node
   * is only marked (its kubelet finishes the job); objects with finalizers, or deleted with
   * Foreground or Orphan propagation, are marked and wait for their finalizers; the rest go now.
   */
  delete(s: ResourceStrategy, namespace: string, name: string, req: DeleteRequest): DeleteResult {
    const def = s.def;
    const old = this.get(s, namespace, name);
    const pre = req.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw newConflict(def, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw newConflict(
        def,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
      );
    }
    const now = this.sim.clock.now();
    const finalizers = [...(old.metadata.finalizers ?? [])];
    const policy = req.propagationPolicy ?? (req.orphanDependents ? 'Orphan' : undefined);
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    const grace = this.gracePeriod(def, old, req);
    // A Namespace waits for its spec.finalizers (the namespace controller empties it first).
    const specFinalizers = def === Resources.namespaces ? ((old as { spec?: { finalizers?: string[] } }).spec?.finalizers ?? []) : [];
    if (finalizers.length === 0 && grace === 0 && specFinalizers.length === 0) {
      if (req.dryRun) return { object: old, deleted: true };
      return { object: this.removeNow(s, old), deleted: true };
    }
    const alreadyMarked = old.metadata.deletionTimestamp !== undefined;
    const meta: MutableObjectMeta = { ...old.metadata, finalizers: finalizers.length ? finalizers : undefined };
    if (!meta.finalizers) delete meta.finalizers;
    const prevGrace = old.metadata.deletionGracePeriodSeconds;
    // A second delete may shorten the grace period, never lengthen it.
    if (!alreadyMarked || (prevGrace !== undefined && grace < prevGrace)) {
      meta.deletionTimestamp = formatTime(now + grace * 1000);
      meta.deletionGracePeriodSeconds = grace;
    }
    if (alreadyMarked && deepEqual(meta, old.metadata)) return { object: old, deleted: false };
    const marked = { ...old, metadata: meta } as StoredObject;
    if (def === Resources.namespaces) (marked as KubeObject).status = { ...(old.status as object), phase: 'Terminating' };
    if (req.dryRun) return { object: marked, deleted: false };
    try {
      const stored = this.store.update(storageKey(def), objectKey(namespace, name), namespace, marked, modRevision(old));
      return { object: stored, deleted: false };
    } catch (e) {
      if (e instanceof ErrRevisionMismatch) throw newConflict(def, name);
      throw e;
    }
  }

  private gracePeriod(def: ResourceDefinition, old: StoredObject, req: DeleteRequest): number {
    if (def !== Resources.pods) return 0;
    const spec = (old as { spec?: { nodeName?: string; terminationGracePeriodSeconds?: number } }).spec;
    const status = (old as { status?: { phase?: string } }).status;
    // An unscheduled or finished pod has no kubelet to wait for (pod strategy CheckGracefulDelete).
    if (!spec?.nodeName || status?.phase === 'Succeeded' || status?.phase === 'Failed') return 0;
    const requested = req.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, requested);
  }

  private removeNow(s: ResourceStrategy, old: StoredObject, final?: StoredObject): StoredObject {
    const def = s.def;
    const key = objectKey(old.metadata.namespace ?? '', old.metadata.name!);
    try {
      const gone = this.store.delete(storageKey(def), key, modRevision(old));
      s.allocator?.release(old);
      return final ? { ...final, metadata: { ...final.metadata, resourceVersion: gone.metadata.resourceVersion } } : gone;
    } catch (e) {
      if (e instanceof ErrRevisionMismatch) throw newConflict(def, old.metadata.name!);
      if (e instanceof ErrKeyNotFound) throw newNotFound(def, old.metadata.name!);
      throw e;
    }
  }

  private admit(a: Attributes): void {
    for (const plugin of this.validatingAdmission) plugin.validate(a);
  }

  private checkNamespaceOpen(def: ResourceDefinition, namespace: string, name: string): void {
    const ns = this.store.get(storageKey(Resources.namespaces), objectKey('', namespace));
    if (!ns) throw newNotFound(Resources.namespaces, namespace);
    if (ns.metadata.deletionTimestamp) {
      throw newForbidden(def, name, `unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }
}

/**
 * setOrDelete sets a metadata field, or removes it when value is undefined. Setting undefined and
 * deleting after would add and remove a property, which turns the object into a slow dictionary.
 */
function setOrDelete<K extends keyof MutableObjectMeta>(meta: MutableObjectMeta, key: K, value: MutableObjectMeta[K]): void {
  if (value !== undefined) meta[key] = value;
  else if (key in meta) delete meta[key];
}

function cloneInput(obj: KubeObject): KubeObject {
  return deepCopy(obj);
}

function validateMetaForCreate(def: ResourceDefinition, meta: ObjectMeta): FieldError[] {
  const errs: FieldError[] = [];
  if (!meta.name) errs.push(fieldError.required('metadata.name', 'name or generateName is required'));
  if (def.namespaced && !meta.namespace) errs.push(fieldError.required('metadata.namespace', ''));
  return errs;
}
