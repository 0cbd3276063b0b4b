import type { Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { decodeBase64, encodeBase64 } from '../api/base64';
import { issueLegacyToken } from '../apiserver/authentication/legacyServiceAccountTokens';
import { isApiError } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import { type Informer, splitKey } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { clusterCA } from '../crypto/clusterCA';
import { QueueController, type ControllerContext } from './controller';

// The token controller of pkg/controller/serviceaccount/tokens_controller.go (v1.32).

/** ServiceAccountTokenType is the Secret type the controller fills with a token. */
export const ServiceAccountTokenType = 'kubernetes.io/service-account-token';
const NameAnnotation = 'kubernetes.io/service-account.name';
const UidAnnotation = 'kubernetes.io/service-account.uid';

/**
 * TokensController fills every kubernetes.io/service-account-token Secret with a Secret-based token
 * for the ServiceAccount its annotation names, the cluster's CA and the namespace, and stamps the
 * ServiceAccount's uid on it. A Secret whose ServiceAccount does not exist (or is another one of
 * that name) is deleted, and so are a ServiceAccount's token Secrets when it is deleted. The
 * controller signs with the cluster's service-account key, as kube-controller-manager does with
 * --service-account-private-key-file.
 */
export class TokensController extends QueueController {
  readonly name = 'serviceaccount-token-controller';
  protected readonly queue: WorkQueue;
  private readonly secrets: Informer<Secret>;
  private readonly serviceAccounts: Informer<ServiceAccount>;
  private readonly rootCA: string;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers);
    this.rootCA = encodeBase64(clusterCA(ctx.sim.seed).certPem);
    this.secrets = ctx.informers.for<Secret>(Resources.secrets);
    this.serviceAccounts = ctx.informers.for<ServiceAccount>(Resources.serviceaccounts);
    const secretChanged = (s: Secret) => {
      if (s.type === ServiceAccountTokenType) this.queue.add(`Secret/${s.metadata!.namespace}/${s.metadata!.name}`);
    };
    this.secrets.addEventHandler({ onAdd: secretChanged, onUpdate: (_old, s) => secretChanged(s) });
    this.serviceAccounts.addEventHandler({ onDelete: (sa) => this.queue.add(`ServiceAccount/${sa.metadata!.namespace}/${sa.metadata!.name}`) });
  }

  async sync(key: string): Promise<void> {
    const [kind, rest] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const { namespace, name } = splitKey(rest);
    if (kind === 'ServiceAccount') return this.syncServiceAccount(namespace, name);
    return this.syncSecret(namespace, name);
  }

  /** syncServiceAccount deletes the token Secrets of a ServiceAccount that is gone. */
  private async syncServiceAccount(namespace: string, name: string): Promise<void> {
    if (this.serviceAccounts.lister.get(namespace, name)) return;
    for (const s of this.secrets.lister.list(namespace)) {
      if (s.type === ServiceAccountTokenType && s.metadata?.annotations?.[NameAnnotation] === name) await this.deleteToken(s);
    }
  }

  /** syncSecret deletes a token Secret without its ServiceAccount, or fills in what it lacks. */
  private async syncSecret(namespace: string, name: string): Promise<void> {
    const secret = this.secrets.lister.get(namespace, name);
    if (!secret || secret.type !== ServiceAccountTokenType) return;
    const annotations = secret.metadata?.annotations ?? {};
    const sa = await this.serviceAccount(namespace, annotations[NameAnnotation] ?? '');
    const uid = annotations[UidAnnotation];
    if (!sa || (uid && uid !== sa.metadata?.uid)) return this.deleteToken(secret);
    const data = secret.data ?? {};
    const needsCA = data['ca.crt'] !== this.rootCA;
    const needsNamespace = !decodeBase64(data.namespace ?? '');
    const needsToken = !data.token;
    if (!needsCA && !needsNamespace && !needsToken) return;
    const filled: Record<string, string> = { ...data };
    if (needsCA) filled['ca.crt'] = this.rootCA;
    if (needsNamespace) filled.namespace = encodeBase64(namespace);
    if (needsToken) filled.token = encodeBase64(issueLegacyToken(this.ctx.sim.seed, sa, name));
    const updated: Secret = {
      ...secret,
      metadata: { ...secret.metadata, annotations: { ...annotations, [NameAnnotation]: sa.metadata!.name!, [UidAnnotation]: sa.metadata!.uid! } },
      data: filled,
    };
    try {
      await this.ctx.client.update<Secret>(Resources.secrets, updated);
    } catch (e) {
      // Our view was stale: the update event that follows brings the Secret back.
      if (!isApiError(e, 'Conflict')) throw e;
    }
  }

  private async deleteToken(secret: Secret): Promise<void> {
    try {
      await this.ctx.client.delete(Resources.secrets, secret.metadata!.namespace!, secret.metadata!.name!, { preconditions: { uid: secret.metadata!.uid } });
    } catch (e) {
      if (!isApiError(e, 'NotFound') && !isApiError(e, 'Conflict')) throw e;
    }
  }

  // getServiceAccount with fetchOnCacheMiss: one the informer has not seen yet is read live.
  private async serviceAccount(namespace: string, name: string): Promise<ServiceAccount | undefined> {
    const cached = this.serviceAccounts.lister.get(namespace, name);
    if (cached) return cached;
    try {
      return await this.ctx.client.get<ServiceAccount>(Resources.serviceaccounts, namespace, name);
    } catch (e) {
      if (isApiError(e, 'NotFound')) return undefined;
      throw e;
    }
  }
}
