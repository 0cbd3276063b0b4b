import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { Node, Pod, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import { objectKey } from '../../store/mvccStore';
import type { ServerContext } from '../handlers/context';
import { storageKey } from '../registry/resourceDefinition';
import { Resources } from '../registry/resources';
import { parseJwt, signJwt } from './jwt';
import { LegacyIssuer, validateLegacyToken } from './legacyServiceAccountTokens';
import { serviceAccountKey } from './serviceAccountKey';

// Bound service account tokens as pkg/serviceaccount (v1.32) issues and checks them: the same
// claims, lifetimes, bound objects and errors, signed ES256 with the cluster's service-account key.

/** ServiceAccountIssuer is the iss claim, kubeadm's --service-account-issuer. */
export const ServiceAccountIssuer = 'https://kubernetes.default.svc.cluster.local';
/** ApiAudiences are the server's --api-audiences, which default to the issuer. */
export const ApiAudiences = [ServiceAccountIssuer];

// go-jose's DefaultLeeway: exp and nbf are checked a minute either side.
const leewaySeconds = 60;

/** A ref is a bound object's name and uid, as the kubernetes.io claim holds them. */
interface Ref {
  name: string;
  uid: string;
}

/** BoundObjects are what a token may be bound to, with the node a bound pod runs on. */
export interface BoundObjects {
  pod?: Ref;
  secret?: Ref;
  node?: Ref;
}

interface KubernetesClaim {
  namespace: string;
  serviceaccount: Ref;
  pod?: Ref;
  secret?: Ref;
  node?: Ref;
}

/** issueToken signs a token for sa, valid for expirationSeconds from nowMs (token.Claims + GenerateToken). */
export function issueToken(ctx: ServerContext, sa: ServiceAccount, bound: BoundObjects, expirationSeconds: number, audiences: string[], nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  const ns = sa.metadata?.namespace ?? '';
  const name = sa.metadata?.name ?? '';
  const kubernetes: KubernetesClaim = { namespace: ns, serviceaccount: { name, uid: sa.metadata?.uid ?? '' } };
  if (bound.pod) {
    kubernetes.pod = bound.pod;
    if (bound.node) kubernetes.node = bound.node;
  } else if (bound.secret) kubernetes.secret = bound.secret;
  else if (bound.node) kubernetes.node = bound.node;
  const key = serviceAccountKey(ctx.sim.seed);
  const claims = {
    aud: audiences,
    exp: now + expirationSeconds,
    iat: now,
    iss: ServiceAccountIssuer,
    jti: ctx.sim.rng.uuid(),
    'kubernetes.io': kubernetes,
    nbf: now,
    sub: serviceAccountUsername(ns, name),
  };
  return signJwt({ alg: 'ES256', kid: key.kid }, claims, key.sign);
}

/** TokenAuthentication is the answer for one bearer token: a user, or not, with the error if any. */
export interface TokenAuthentication {
  authenticated: boolean;
  user?: UserInfo;
  audiences?: string[];
  error?: string;
}

// The request authenticator's own error, which aggregates with what the token authenticator found.
const invalidBearerToken = 'invalid bearer token';
const failed = (why: string): TokenAuthentication => ({ authenticated: false, error: `[${invalidBearerToken}, ${why}]` });

/**
 * authenticateToken is the service account token authenticators (jwtTokenAuthenticator with the
 * validators of claims.go and legacy.go): a token of another issuer is not ours; ours must carry a
 * good signature and name one of the audiences asked for; a bound token must be within its
 * lifetime and name objects that still exist with the same uid, a Secret-based one must still be
 * in its Secret.
 */
export function authenticateToken(ctx: ServerContext, token: string, audiences: string[] = ApiAudiences): TokenAuthentication {
  const jwt = parseJwt(token);
  const legacy = jwt?.claims.iss === LegacyIssuer;
  if (!jwt || (jwt.claims.iss !== ServiceAccountIssuer && !legacy)) return { authenticated: false, error: invalidBearerToken };
  if (jwt.header.alg !== 'ES256' || !serviceAccountKey(ctx.sim.seed).verifies(token, jwt.signingInput, jwt.signature)) {
    return failed('go-jose/go-jose: error in cryptographic primitive');
  }
  // A token without audiences (a Secret-based one) is for the API server's own.
  const tokenAudiences = Array.isArray(jwt.claims.aud) ? (jwt.claims.aud as string[]) : ApiAudiences;
  const matched = tokenAudiences.filter((a) => audiences.includes(a));
  if (matched.length === 0) return failed(`token audiences ${goQuoted(tokenAudiences)} is invalid for the target audiences ${goQuoted(audiences)}`);
  if (legacy) {
    const { user, error } = validateLegacyToken(ctx, token, jwt.claims);
    return user ? { authenticated: true, user, audiences: matched } : failed(error!);
  }
  // Only this server's key signs tokens, and every bound token it signs carries these claims.
  const c = jwt.claims as { exp: number; nbf: number; iat: number; jti: string; 'kubernetes.io': KubernetesClaim };
  const now = Math.floor(ctx.sim.clock.now() / 1000);
  if (now > c.exp + leewaySeconds) return failed('service account token has expired');
  if (now + leewaySeconds < c.nbf) return failed('service account token is not valid yet');
  if (now + leewaySeconds < c.iat) return failed('service account token is issued in the future');
  const k = c['kubernetes.io'];
  const ns = k.namespace;
  const checks: [Ref | undefined, string, string, string][] = [
    [k.serviceaccount, storageKey(Resources.serviceaccounts), ns, 'service account'],
    [k.pod, storageKey(Resources.pods), ns, 'pod'],
    [k.secret, storageKey(Resources.secrets), ns, 'secret'],
    // A pod-bound token names its node for information; only a node-bound token depends on it.
    [k.pod ? undefined : k.node, storageKey(Resources.nodes), '', 'node'],
  ];
  for (const [ref, resource, namespace, what] of checks) {
    if (!ref) continue;
    const obj = ctx.store.get(resource, objectKey(namespace, ref.name)) as KubeObject | undefined;
    if (!obj || obj.metadata?.deletionTimestamp) return failed('service account token has been invalidated');
    if (obj.metadata?.uid !== ref.uid) return failed(`${what} UID (${obj.metadata?.uid}) does not match claim (${ref.uid})`);
  }
  const extra: Record<string, string[]> = {};
  if (k.pod) {
    extra['authentication.kubernetes.io/pod-name'] = [k.pod.name];
    extra['authentication.kubernetes.io/pod-uid'] = [k.pod.uid];
  }
  extra['authentication.kubernetes.io/credential-id'] = [`JTI=${c.jti}`];
  if (k.node) {
    extra['authentication.kubernetes.io/node-name'] = [k.node.name];
    extra['authentication.kubernetes.io/node-uid'] = [k.node.uid];
  }
  const user: UserInfo = {
    username: serviceAccountUsername(ns, k.serviceaccount.name),
    uid: k.serviceaccount.uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
    extra,
  };
  return { authenticated: true, user, audiences: matched };
}

/** serviceAccountUsername is serviceaccount.MakeUsername. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** boundRef reads a bound object's name and uid. */
export function boundRef(obj: Pod | Secret | Node): Ref {
  return { name: obj.metadata?.name ?? '', uid: obj.metadata?.uid ?? '' };
}

// Go's %q of a []string: ["a" "b"].
function goQuoted(values: string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}
