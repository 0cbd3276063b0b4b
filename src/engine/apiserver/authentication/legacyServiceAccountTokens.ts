import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { decodeBase64 } from '../../api/base64';
import { objectKey } from '../../store/mvccStore';
import type { ServerContext } from '../handlers/context';
import { storageKey } from '../registry/resourceDefinition';
import { Resources } from '../registry/resources';
import { signJwt } from './jwt';
import { serviceAccountKey } from './serviceAccountKey';

// Secret-based ("legacy") service account tokens, pkg/serviceaccount/legacy.go (v1.32): what the
// token controller writes into a kubernetes.io/service-account-token Secret, and how the API server
// checks one. They never expire; deleting the Secret or the ServiceAccount invalidates them.

/** LegacyIssuer is the iss claim of Secret-based tokens. */
export const LegacyIssuer = 'kubernetes/serviceaccount';

const claimPrefix = 'kubernetes.io/serviceaccount/';
/** LastUsedLabel and InvalidSinceLabel are legacy.go's tracking labels on token Secrets. */
export const LastUsedLabel = 'kubernetes.io/legacy-token-last-used';
export const InvalidSinceLabel = 'kubernetes.io/legacy-token-invalid-since';

/** issueLegacyToken signs LegacyClaims for sa and the Secret that will hold the token, with the cluster's key of seed. */
export function issueLegacyToken(seed: number | string, sa: ServiceAccount, secretName: string): string {
  const key = serviceAccountKey(seed);
  const ns = sa.metadata?.namespace ?? '';
  const name = sa.metadata?.name ?? '';
  const claims = {
    iss: LegacyIssuer,
    [`${claimPrefix}namespace`]: ns,
    [`${claimPrefix}secret.name`]: secretName,
    [`${claimPrefix}service-account.name`]: name,
    [`${claimPrefix}service-account.uid`]: sa.metadata?.uid ?? '',
    sub: `system:serviceaccount:${ns}:${name}`,
  };
  return signJwt({ alg: 'ES256', kid: key.kid }, claims, key.sign);
}

/**
 * validateLegacyToken is legacyValidator.Validate: the Secret must still exist and hold this very
 * token, and the ServiceAccount must exist with the uid the token names. It returns the user, or
 * the reason the token is refused.
 */
export function validateLegacyToken(ctx: ServerContext, token: string, claims: Record<string, unknown>): { user?: UserInfo; error?: string } {
  const claim = (name: string) => String(claims[claimPrefix + name] ?? '');
  const [ns, secretName, saName, saUid] = [claim('namespace'), claim('secret.name'), claim('service-account.name'), claim('service-account.uid')];
  const secret = ctx.store.get(storageKey(Resources.secrets), objectKey(ns, secretName)) as Secret | undefined;
  if (!secret || secret.metadata?.deletionTimestamp) return { error: 'token has been invalidated' };
  if (decodeBase64(secret.data?.token ?? '') !== token) return { error: "token does not match server's copy" };
  const sa = ctx.store.get(storageKey(Resources.serviceaccounts), objectKey(ns, saName)) as ServiceAccount | undefined;
  if (!sa) return { error: `serviceaccounts "${saName}" not found` };
  if (sa.metadata?.deletionTimestamp) return { error: `ServiceAccount ${ns}/${saName} has been deleted` };
  if (sa.metadata?.uid !== saUid) return { error: `ServiceAccount UID (${sa.metadata?.uid}) does not match claim (${saUid})` };
  if (secret.metadata?.labels?.[InvalidSinceLabel]) {
    return {
      error: `the token in secret ${ns}/${secretName} for service account ${ns}/${saName} has been marked invalid. Use tokens from the TokenRequest API or manually created secret-based tokens, or remove the '${InvalidSinceLabel}' label from the secret to temporarily allow use of this token`,
    };
  }
  trackLastUsed(ctx, secret);
  return { user: { username: `system:serviceaccount:${ns}:${saName}`, uid: saUid, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] } };
}

/**
 * trackLastUsed labels the Secret with the day its token was last used (LegacyServiceAccountTokenTracking,
 * GA in v1.30), at most once a day: the label is written unless it already says today or tomorrow.
 */
function trackLastUsed(ctx: ServerContext, secret: Secret): void {
  const now = ctx.sim.clock.now();
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const lastUsed = secret.metadata?.labels?.[LastUsedLabel];
  if (lastUsed === day(now) || lastUsed === day(now + 86_400_000)) return;
  const s = ctx.strategies.lookup('', 'v1', 'secrets')!;
  const labels = { ...secret.metadata?.labels, [LastUsedLabel]: day(now) };
  try {
    ctx.registry.update(s, secret.metadata!.namespace!, secret.metadata!.name!, { ...secret, metadata: { ...secret.metadata, labels } } as never, { dryRun: false });
  } catch {
    // The API server only logs a failed label write; the request goes on authenticated.
  }
}
