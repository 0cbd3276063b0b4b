import type { AuthorizationMode } from '../apiserver/authorization/authorizer';
import { ApiServer } from '../apiserver/server';
import { ApiClient } from '../client/apiClient';
import { ControllerManager } from '../controllers/controllerManager';
import { LocalPathProvisioner } from '../controllers/volume/localPathProvisioner';
import { Scheduler } from '../scheduler/scheduler';
import { Sim, type YieldToHost } from '../sim/sim';
import { bootstrapCluster } from './bootstrap';
import { controllerConstructors } from './controllers';
import { servedStrategies } from './servedStrategies';

/** ControlPlaneOptions choose the seed, the boot time and how the host lets queued work run. */
export interface ControlPlaneOptions {
  seed?: number | string;
  yieldToHost: YieldToHost;
  /** startMs is the simulated time the cluster boots at (default: the fixed SimEpoch). */
  startMs?: number;
  freeze?: boolean;
  historyLimit?: number;
  /** authorizationMode is the API server's --authorization-mode for remote requests. */
  authorizationMode?: AuthorizationMode;
}

/**
 * ControlPlane is everything of a cluster but its kubelets: the API server over its store, the
 * scheduler, the controller manager and kind's local-path provisioner on one Sim. Kubelets join as
 * clients of apiServer, in the same process (Cluster) or from another Worker over a MessagePort.
 */
export class ControlPlane {
  readonly sim: Sim;
  readonly apiServer: ApiServer;
  /** client is an admin client for hosts and tests. */
  readonly client: ApiClient;
  readonly scheduler: Scheduler;
  readonly controllerManager: ControllerManager;
  /** localPathProvisioner is kind's external provisioner of the `standard` StorageClass. */
  readonly localPathProvisioner: LocalPathProvisioner;

  constructor(opts: ControlPlaneOptions) {
    this.sim = new Sim(opts.seed ?? 1, opts.yieldToHost, opts.startMs);
    this.apiServer = new ApiServer(this.sim, { strategies: servedStrategies, freeze: opts.freeze, historyLimit: opts.historyLimit, authorizationMode: opts.authorizationMode });
    this.client = new ApiClient(this.apiServer, 'kube-playground-admin');
    this.scheduler = new Scheduler(new ApiClient(this.apiServer, 'kube-scheduler/v1.32.4'), this.sim);
    this.controllerManager = new ControllerManager(this.apiServer, this.sim, controllerConstructors);
    this.localPathProvisioner = new LocalPathProvisioner(this.apiServer, this.sim);
  }

  /** start creates the bootstrap objects, then starts the controller manager, the scheduler and the provisioner. */
  async start(): Promise<void> {
    await bootstrapCluster(this.client);
    await this.controllerManager.start();
    await this.scheduler.start();
    await this.localPathProvisioner.start();
  }

  stop(): void {
    this.localPathProvisioner.stop();
    this.scheduler.stop();
    this.controllerManager.stop();
  }
}
