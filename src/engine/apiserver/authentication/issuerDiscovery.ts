import type { Endpoints } from 'kubernetes-types/core/v1';
import type { ApiResponse } from '../../client/transport';
import { objectKey } from '../../store/mvccStore';
import type { ServerContext } from '../handlers/context';
import { storageKey } from '../registry/resourceDefinition';
import { Resources } from '../registry/resources';
import { publicJwk, serviceAccountKey } from './serviceAccountKey';
import { ServiceAccountIssuer } from './serviceAccountTokens';

// Service account issuer discovery (pkg/serviceaccount/openidmetadata.go, GA in v1.21): the OpenID
// configuration and the key set with which anyone can check the cluster's tokens.

/** serveIssuerDiscovery answers /.well-known/openid-configuration and /openid/v1/jwks; undefined for other paths. */
export function serveIssuerDiscovery(ctx: ServerContext, path: string): ApiResponse | undefined {
  if (path === '/.well-known/openid-configuration') {
    // Without --service-account-jwks-uri, the key set is named at the server's advertised address.
    const endpoints = ctx.store.get(storageKey(Resources.endpoints), objectKey('default', 'kubernetes')) as Endpoints | undefined;
    const subset = endpoints?.subsets?.[0];
    const host = subset?.addresses?.[0]?.ip;
    const jwksUri = host ? `https://${host}:${subset?.ports?.[0]?.port ?? 6443}/openid/v1/jwks` : `${ServiceAccountIssuer}/openid/v1/jwks`;
    const body = {
      issuer: ServiceAccountIssuer,
      jwks_uri: jwksUri,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
    };
    return { status: 200, body };
  }
  if (path === '/openid/v1/jwks') {
    return { status: 200, body: { keys: [publicJwk(serviceAccountKey(ctx.sim.seed))] }, contentType: 'application/jwk-set+json' };
  }
  return undefined;
}
