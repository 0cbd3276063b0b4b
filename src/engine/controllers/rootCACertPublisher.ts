import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1';
import { isApiError } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import type { Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { Rng } from '../sim/rng';
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
    this.rootCA = simulatedRootCA(ctx.sim.seed);
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

/**
 * simulatedRootCA is the cluster CA bundle in PEM form: a random DER-looking body drawn from the
 * seed, so the same seed gives the same bundle. It is no certificate, and its first line says so.
 */
export function simulatedRootCA(seed: number | string): string {
  const rng = new Rng(`${seed}:kubernetes-ca`);
  // A real kubeadm CA is about 1.1 kB of DER starting with a SEQUENCE header, hence the "MIIDBTCC" look.
  const bytes = [0x30, 0x82, 0x03, 0x05, 0x30, 0x82];
  while (bytes.length < 777) bytes.push(rng.int(256));
  const body = base64(bytes);
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  return [
    '# Simulated kubernetes CA (kube-playground): not a real certificate.',
    '-----BEGIN CERTIFICATE-----',
    ...lines,
    '-----END CERTIFICATE-----',
    '',
  ].join('\n');
}

function base64(bytes: number[]): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63];
    out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? alphabet[n & 63] : '=';
  }
  return out;
}
