import { certificateSigningRequestStrategy } from './certificateSigningRequests';
import { controllerRevisionStrategy } from './controllerRevisions';
import { cronJobStrategy } from './cronJobs';
import { daemonSetStrategy } from './daemonSets';
import { deploymentStrategy } from './deployments';
import { endpointSliceStrategy } from './endpointSlices';
import { horizontalPodAutoscalerV1Strategy, horizontalPodAutoscalerV2Strategy } from './horizontalPodAutoscalers';
import { ingressClassStrategy } from './ingressClasses';
import { ingressStrategy } from './ingresses';
import { jobStrategy } from './jobs';
import { leaseStrategy } from './leases';
import { networkPolicyStrategy } from './networkPolicies';
import { podDisruptionBudgetStrategy } from './podDisruptionBudgets';
import { priorityClassStrategy } from './priorityClasses';
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from './rbac';
import { replicaSetStrategy } from './replicaSets';
import { statefulSetStrategy } from './statefulSets';
import { storageClassStrategy } from './storageClasses';
import type { ResourceStrategy } from './strategy';

/** groupStrategies lists the REST strategies of every served non-core resource, one per served version. */
export const groupStrategies: ResourceStrategy[] = [
  deploymentStrategy,
  replicaSetStrategy,
  statefulSetStrategy,
  daemonSetStrategy,
  controllerRevisionStrategy,
  jobStrategy,
  cronJobStrategy,
  horizontalPodAutoscalerV2Strategy,
  horizontalPodAutoscalerV1Strategy,
  ingressStrategy,
  ingressClassStrategy,
  networkPolicyStrategy,
  podDisruptionBudgetStrategy,
  storageClassStrategy,
  leaseStrategy,
  certificateSigningRequestStrategy,
  endpointSliceStrategy,
  roleStrategy,
  clusterRoleStrategy,
  roleBindingStrategy,
  clusterRoleBindingStrategy,
  priorityClassStrategy,
];
