import type { ControllerConstructor } from './controllerManager';
import { ClusterRoleAggregationController } from './clusterRoleAggregation';
import { CSRCleanerController } from './csrCleaner';
import { CSRSigningController } from './csrSigning';
import { CronJobController } from './cronjob/cronJobController';
import { DaemonSetsController } from './daemonset/daemonSetController';
import { DisruptionController } from './disruption';
import { EndpointsController } from './endpoints';
import { EndpointSliceController } from './endpointSlice';
import { JobController } from './job';
import { HorizontalController } from './podautoscaler/horizontal';
import { ResourceQuotaController } from './resourceQuota';
import { RootCACertPublisher } from './rootCACertPublisher';
import { ServiceAccountsController } from './serviceAccount';
import { TokensController } from './serviceAccountTokens';
import { StatefulSetController } from './statefulset/statefulSetController';
import { TTLAfterFinishedController } from './ttlAfterFinished';

/** extraControllers are the service, namespace-content, disruption, Job, CronJob, TTL-after-finished, HPA, StatefulSet, DaemonSet, quota, service account token, ClusterRole aggregation and CSR signing and cleaning controllers, for the controller manager's list. */
export const extraControllers: ControllerConstructor[] = [
  EndpointsController,
  EndpointSliceController,
  ServiceAccountsController,
  TokensController,
  RootCACertPublisher,
  DisruptionController,
  JobController,
  CronJobController,
  TTLAfterFinishedController,
  HorizontalController,
  StatefulSetController,
  DaemonSetsController,
  ResourceQuotaController,
  ClusterRoleAggregationController,
  CSRSigningController,
  CSRCleanerController,
];
