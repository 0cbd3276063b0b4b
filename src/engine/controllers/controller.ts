import type { ApiClient } from '../client/apiClient';
import type { InformerFactory } from '../client/informerFactory';
import type { WorkQueue } from '../client/workQueue';
import type { Sim } from '../sim/sim';

/** ControllerContext is what the controller manager hands every controller it starts. */
export interface ControllerContext {
  client: ApiClient;
  informers: InformerFactory;
  sim: Sim;
}

/**
 * Controller is one reconcile loop of kube-controller-manager: informer handlers enqueue keys,
 * run() starts the work queue workers (informers are started by the manager after every
 * controller registered its handlers), and sync(key) reconciles one object idempotently.
 */
export interface Controller {
  readonly name: string;
  run(): void;
  stop(): void;
  sync(key: string): Promise<void>;
}

/** QueueController is a Controller with one work queue whose workers run sync: the usual run and stop. */
export abstract class QueueController implements Controller {
  abstract readonly name: string;
  protected abstract readonly queue: WorkQueue;
  abstract sync(key: string): Promise<void>;

  run(): void {
    this.queue.run((key) => this.sync(key));
  }

  stop(): void {
    this.queue.shutdown();
  }
}
