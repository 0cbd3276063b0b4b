import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { TypedObject } from '../../api/object';
import { ApiError, isApiError } from '../../apiserver/errors';
import { Resources } from '../../apiserver/registry/resources';
import type { ApiClient } from '../../client/apiClient';
import { EventType, type EventRecorder } from '../../client/eventRecorder';
import { deepCopy } from '../../api/deepCopy';

// Event reasons and messages of RealPodControl, pkg/controller/controller_utils.go (v1.32).

/** FailedCreatePodReason is the event reason when a pod could not be created. */
export const FailedCreatePodReason = 'FailedCreate';
/** SuccessfulCreatePodReason is the event reason when a pod was created. */
export const SuccessfulCreatePodReason = 'SuccessfulCreate';
/** FailedDeletePodReason is the event reason when a pod could not be deleted. */
export const FailedDeletePodReason = 'FailedDelete';
/** SuccessfulDeletePodReason is the event reason when a pod was deleted. */
export const SuccessfulDeletePodReason = 'SuccessfulDelete';

/** NamespaceTerminatingCause is the status cause of a create refused in a terminating namespace. */
export const NamespaceTerminatingCause = 'NamespaceTerminating';

/** hasStatusCause reports whether err is an API error carrying a cause of the given type (its "reason" on the wire). */
export function hasStatusCause(err: unknown, type: string): boolean {
  return err instanceof ApiError && (err.status.details?.causes ?? []).some((c) => c.reason === type);
}

/**
 * PodControl creates and deletes a controller's pods through the API and records the
 * SuccessfulCreate/FailedCreate/SuccessfulDelete/FailedDelete events against the controller.
 */
export class PodControl {
  constructor(
    private readonly client: ApiClient,
    private readonly recorder: EventRecorder,
  ) {}

  /**
   * createPods creates one pod from template, owned through controllerRef; it returns the created
   * pod. generateName replaces the `<controller>-` prefix (CreatePodsWithGenerateName).
   */
  async createPods(namespace: string, template: PodTemplateSpec, object: TypedObject, controllerRef: OwnerReference, generateName?: string): Promise<Pod> {
    const pod = getPodFromTemplate(template, object, controllerRef);
    if (generateName) pod.metadata!.generateName = generateName;
    if (Object.keys(pod.metadata?.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
    pod.metadata!.namespace = namespace;
    let created: Pod;
    try {
      created = await this.client.create<Pod>(Resources.pods, pod);
    } catch (e) {
      // Only send an event if the namespace isn't terminating.
      if (!hasStatusCause(e, NamespaceTerminatingCause)) {
        this.recorder.event(object, EventType.Warning, FailedCreatePodReason, `Error creating: ${(e as Error).message}`);
      }
      throw e;
    }
    this.recorder.event(object, EventType.Normal, SuccessfulCreatePodReason, `Created pod: ${created.metadata?.name}`);
    return created;
  }

  /** deletePod deletes a pod; NotFound is thrown unrecorded, other failures are recorded and wrapped. */
  async deletePod(namespace: string, name: string, object: TypedObject): Promise<void> {
    try {
      await this.client.delete(Resources.pods, namespace, name);
    } catch (e) {
      if (isApiError(e, 'NotFound')) throw e;
      this.recorder.event(object, EventType.Warning, FailedDeletePodReason, `Error deleting: ${(e as Error).message}`);
      throw new Error(`unable to delete pods: ${(e as Error).message}`);
    }
    this.recorder.event(object, EventType.Normal, SuccessfulDeletePodReason, `Deleted pod: ${name}`);
  }
}

/** maxNameLength is the longest DNS subdomain a generateName prefix may be. */
const maxNameLength = 253;

/**
 * getPodFromTemplate is controller.GetPodFromTemplate: a pod named `<controller>-<random>` with the
 * template's labels, annotations, finalizers and spec, controlled by controllerRef.
 */
export function getPodFromTemplate(template: PodTemplateSpec, parent: TypedObject, controllerRef?: OwnerReference): Pod {
  const name = parent.metadata?.name ?? '';
  const prefix = name.length + 1 > maxNameLength ? name : `${name}-`;
  const t = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { generateName: prefix },
    spec: deepCopy(template.spec ?? { containers: [] }),
  };
  const meta = pod.metadata!;
  if (t.labels) meta.labels = { ...t.labels };
  if (t.annotations) meta.annotations = { ...t.annotations };
  if (t.finalizers) meta.finalizers = [...t.finalizers];
  if (controllerRef) meta.ownerReferences = [{ ...controllerRef }];
  return pod;
}
