import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import type { KubeObject, Mutable, StoredObject } from '../../api/object';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { defaultsOrDecodeError } from './decodeError';
import { setDefaultsPod, setDefaultsPodSpec } from '../defaults/podSpec';
import { validatePodCreate } from '../validation/podSpec';
import { validatePodStatusUpdate, validatePodUpdate } from '../validation/podUpdate';
import { computePodQOS } from '../validation/podQOS';
import { admitPod } from './pods/admission';
import { mutatePodAffinity } from './pods/affinity';

// The Pod REST strategy of pkg/registry/core/pod/strategy.go (v1.32). Pods carry no
// metadata.generation in v1.32 (PodObservedGenerationTracking came later).

/** PodReasonSchedulingGated is the PodScheduled reason of a pod held by scheduling gates. */
export const PodReasonSchedulingGated = 'SchedulingGated';

const asPod = (o: KubeObject) => o as unknown as Pod;

/** podsStrategy is the strategy of core/v1 pods and of their status subresource. */
export const podsStrategy: ResourceStrategy = {
  def: Resources.pods,
  defaults: defaultsOrDecodeError(Resources.pods, (obj) => {
    const pod = asPod(obj);
    if (!pod.spec) (pod as Mutable<Pod>).spec = { containers: [] };
    setDefaultsPodSpec(pod.spec!);
    setDefaultsPod(pod);
  }),
  prepareForCreate(obj, ctx) {
    const pod = asPod(obj);
    admitPod(pod, ctx);
    const status: Mutable<PodStatus> = { phase: 'Pending' };
    if (pod.spec?.schedulingGates?.length) {
      status.conditions = [
        {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null as unknown as string,
          lastTransitionTime: null as unknown as string,
          reason: PodReasonSchedulingGated,
          message: 'Scheduling is blocked due to non-empty scheduling gates',
        },
      ];
    }
    status.qosClass = computePodQOS(pod);
    obj.status = status;
    mutatePodAffinity(pod);
  },
  prepareForUpdate(obj, old) {
    obj.status = old.status;
  },
  validate: (obj) => validatePodCreate(asPod(obj)),
  validateUpdate: (obj, old) => validatePodUpdate(asPod(obj), asPod(old)),
  status: {
    prepareForUpdate(obj, old) {
      const status = (obj.status ?? {}) as Mutable<PodStatus>;
      const oldStatus = (old.status ?? {}) as PodStatus;
      obj.spec = old.spec;
      obj.metadata = { ...obj.metadata, ownerReferences: old.metadata.ownerReferences };
      if (obj.metadata.ownerReferences === undefined) delete obj.metadata.ownerReferences;
      // Old kubelets dropped qosClass; it is immutable, so it is backfilled.
      if (!status.qosClass && oldStatus.qosClass) status.qosClass = oldStatus.qosClass;
      obj.status = status;
    },
    validateUpdate: (obj, old) => validatePodStatusUpdate(asPod(obj), asPod(old)),
  },
  fieldSelectors: {
    'spec.nodeName': (o) => spec(o).nodeName ?? '',
    'spec.restartPolicy': (o) => spec(o).restartPolicy ?? '',
    'spec.schedulerName': (o) => spec(o).schedulerName ?? '',
    'spec.serviceAccountName': (o) => spec(o).serviceAccountName ?? '',
    'spec.hostNetwork': (o) => String(spec(o).hostNetwork ?? false),
    'status.phase': (o) => status(o).phase ?? '',
    'status.podIP': (o) => status(o).podIPs?.[0]?.ip ?? status(o).podIP ?? '',
    'status.nominatedNodeName': (o) => status(o).nominatedNodeName ?? '',
  },
};

function spec(o: StoredObject): NonNullable<Pod['spec']> {
  return (o as unknown as Pod).spec ?? { containers: [] };
}

function status(o: StoredObject): PodStatus {
  return ((o as unknown as Pod).status ?? {}) as PodStatus;
}
