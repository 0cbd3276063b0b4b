import { ApiClient } from '../client/apiClient';
import { InformerFactory } from '../client/informerFactory';
import type { ApiTransport } from '../client/transport';
import type { Sim } from '../sim/sim';
import type { Controller, ControllerContext } from './controller';

/** ControllerConstructor builds one controller from the shared context. */
export type ControllerConstructor = new (ctx: ControllerContext) => Controller;

/**
 * ControllerManager is kube-controller-manager: one API client, one informer factory shared by
 * every controller, controllers registered before the informers start so none misses an event.
 */
export class ControllerManager {
  readonly controllers: Controller[] = [];
  private readonly informers: InformerFactory;
  private readonly ctx: ControllerContext;

  constructor(transport: ApiTransport, sim: Sim, constructors: ControllerConstructor[]) {
    const client = new ApiClient(transport, 'kube-controller-manager/v1.32.4');
    this.informers = new InformerFactory(client, (ms, fn) => sim.timers.after(ms, fn));
    this.ctx = { client, informers: this.informers, sim };
    for (const C of constructors) this.controllers.push(new C(this.ctx));
  }

  async start(): Promise<void> {
    await this.informers.start();
    for (const c of this.controllers) c.run();
  }

  stop(): void {
    for (const c of this.controllers) c.stop();
    this.informers.stop();
  }
}
