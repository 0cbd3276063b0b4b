import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1';
import { isApiError } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import type { Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { clusterCA } from '../crypto/clusterCA';
import { QueueController, type ControllerContext } from './controller';
import { isNamespaceActive } from './serviceAccount';
import { hasStatusCause, NamespaceTerminatingCause } from './util/podControl';

// The root CA publisher of pkg/controller/certificates/rootcacertpublisher/publisher.go (v1.32).

/** RootCACertConfigMapName is the ConfigMap every namespace gets. */
export const RootCACertConfigMapName = 'kube-root-ca.crt';
/** DescriptionAnnotation and Description explain the ConfigMap to its readers (text from publisher.go, v1.32). */
export const DescriptionAnnotation = 'kubernetes.io/description';
export const Description =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

/**
 * RootCACertPublisher publishes the cluster's root CA bundle as the ConfigMap kube-root-ca.crt
 * (key ca.crt) in every namespace, and puts it back when it is changed or deleted.
 */
export class RootCACertPublisher extends QueueController {
  readonly name = 'root-ca-cert-publisher';
  protected readonly queue: WorkQueue;
  private readonly configMaps: Informer<ConfigMap>;
  private readonly rootCA: string;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers);
    this.rootCA = clusterCA(ctx.sim.seed).certPem;
    this.configMaps = ctx.informers.for<ConfigMap>(Resources.configmaps);
    const namespaces = ctx.informers.for<Namespace>(Resources.namespaces);
    this.configMaps.addEventHandler({
      onUpdate: (_old, cm) => this.configMapChanged(cm),
      onDelete: (cm) => this.configMapChanged(cm),
    });
    namespaces.addEventHandler({
      onAdd: (ns) => this.queue.add(ns.metadata!.name!),
      onUpdate: (_old, ns) => {
        if (isNamespaceActive(ns)) this.queue.add(ns.metadata!.name!);
      },
    });
  }

  /** sync is syncNamespace: create the ConfigMap, or restore its data and description annotation. */
  async sync(namespace: string): Promise<void> {
    const data = { 'ca.crt': this.rootCA };
    const cm = this.configMaps.lister.get(namespace, RootCACertConfigMapName);
    if (!cm) {
      const created: ConfigMap = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: RootCACertConfigMapName, namespace, annotations: { [DescriptionAnnotation]: Description } },
        data,
      };
      try {
        await this.ctx.client.create(Resources.configmaps, created);
      } catch (e) {
        // Do not retry into a namespace that is gone or terminating.
        if (isApiError(e, 'NotFound') || hasStatusCause(e, NamespaceTerminatingCause)) return;
        throw e;
      }
      return;
    }
    const keys = Object.keys(cm.data ?? {});
    if (keys.length === 1 && cm.data?.['ca.crt'] === this.rootCA && cm.metadata?.annotations?.[DescriptionAnnotation]) return;
    await this.ctx.client.update(Resources.configmaps, {
      ...cm,
      metadata: { ...cm.metadata, annotations: { ...cm.metadata?.annotations, [DescriptionAnnotation]: Description } },
      data,
    });
  }

  private configMapChanged(cm: ConfigMap): void {
    if (cm.metadata?.name === RootCACertConfigMapName) this.queue.add(cm.metadata.namespace!);
  }
}
