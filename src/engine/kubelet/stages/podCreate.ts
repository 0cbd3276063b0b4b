import { initialStatus } from '../podStatus';
import type { PodStage } from './types';

/**
 * podCreate is the pod worker picking up a pod bound to this node: the first status reports it
 * Pending with every container waiting in ContainerCreating (PodInitializing with init containers).
 */
export const podCreate: PodStage = {
  name: 'pod-create',
  scope: 'pod',
  match: (pod, rt) => !rt.created && !pod.metadata?.deletionTimestamp,
  delay: (_pod, _rt, env) => env.timing.create,
  next(pod, rt, now) {
    const created = { ...rt, created: true };
    return { runtime: { ...created, status: initialStatus(pod, created, now) } };
  },
};
