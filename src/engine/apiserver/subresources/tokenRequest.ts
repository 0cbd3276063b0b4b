import type { BoundObjectReference, TokenRequest } from 'kubernetes-types/authentication/v1';
import type { Node, Pod, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { parseApiVersion } from '../../api/groupVersion';
import type { ApiRequest, ApiResponse } from '../../client/transport';
import { formatTime } from '../../sim/clock';
import { ApiAudiences, type BoundObjects, boundRef, issueToken } from '../authentication/serviceAccountTokens';
import { newBadRequest, newConflict } from '../errors';
import { fieldError, newInvalid } from '../fieldErrors';
import type { ServerContext } from '../handlers/context';
import { checkKindObject } from '../handlers/decodeObject';
import { asObject, decodeBody } from '../request/decode';

// serviceaccounts/{name}/token as pkg/registry/core/serviceaccount/storage/token.go (v1.32) serves
// it, for `kubectl create token` (the simulated kubelet requests no projected tokens). Nothing is stored.

const tokenRequestKind = { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' };
// SetDefaults_TokenRequestSpec: an hour.
const defaultExpirationSeconds = 3600;

/** createToken answers POST serviceaccounts/{name}/token with a TokenRequest whose status holds the token. */
export function createToken(ctx: ServerContext, ns: string, name: string, req: ApiRequest): ApiResponse {
  const { obj, warnings } = checkKindObject(tokenRequestKind, asObject(decodeBody(req.body, req.contentType), 'TokenRequest'), req);
  const decoded = obj as unknown as TokenRequest;
  const meta = decoded.metadata ?? {};
  const mismatch = (field: string, value: string, what: string) =>
    newInvalid(tokenRequestKind, name, [fieldError.invalid(`metadata.${field}`, value, `must match the service account ${what} if specified`)]);
  if (meta.name && meta.name !== name) throw mismatch('name', meta.name, 'name');
  if (meta.namespace && meta.namespace !== ns) throw mismatch('namespace', meta.namespace, 'namespace');
  const sa = ctx.registry.get(coreStrategy(ctx, 'serviceaccounts'), ns, name) as unknown as ServiceAccount;
  const nowMs = ctx.sim.clock.now();
  const spec = {
    ...decoded.spec,
    audiences: decoded.spec?.audiences?.length ? decoded.spec.audiences : ApiAudiences,
    expirationSeconds: decoded.spec?.expirationSeconds ?? defaultExpirationSeconds,
  };
  const errs = [];
  if (spec.expirationSeconds < 600) errs.push(fieldError.invalid('spec.expirationSeconds', spec.expirationSeconds, 'may not specify a duration less than 10 minutes'));
  if (spec.expirationSeconds > 2 ** 32) errs.push(fieldError.invalid('spec.expirationSeconds', spec.expirationSeconds, 'may not specify a duration larger than 2^32 seconds'));
  if (errs.length) throw newInvalid(tokenRequestKind, '', errs);
  const bound = spec.boundObjectRef ? boundObjects(ctx, ns, name, spec.boundObjectRef) : {};
  const token = issueToken(ctx, sa, bound, spec.expirationSeconds, spec.audiences, nowMs);
  const out: TokenRequest = {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { ...meta, name, namespace: ns, creationTimestamp: formatTime(nowMs) },
    spec,
    status: { token, expirationTimestamp: formatTime(nowMs + spec.expirationSeconds * 1000) },
  };
  return { status: 201, body: out, warnings };
}

/** boundObjects resolves spec.boundObjectRef: a Pod (with its node), a Secret or a Node of the cluster. */
function boundObjects(ctx: ServerContext, ns: string, saName: string, ref: BoundObjectReference): BoundObjects {
  const gv = parseApiVersion(ref.apiVersion ?? '');
  const kind = ref.kind ?? '';
  const get = <T>(resource: string, namespace: string, objName: string) => ctx.registry.get(coreStrategy(ctx, resource), namespace, objName) as unknown as T;
  let bound: BoundObjects;
  let uid: string;
  if (gv.group === '' && kind === 'Pod') {
    const pod = get<Pod>('pods', ns, ref.name ?? '');
    if (pod.spec?.serviceAccountName !== saName) throw newBadRequest(`cannot bind token for serviceaccount "${saName}" to pod running with different serviceaccount name.`);
    // ServiceAccountTokenPodNodeInfo: the pod's node, when it still exists, is named too.
    const nodeName = pod.spec?.nodeName;
    const node = nodeName ? (ctx.registry.tryGet(coreStrategy(ctx, 'nodes'), '', nodeName) as unknown as Node | undefined) : undefined;
    bound = { pod: boundRef(pod), node: node ? boundRef(node) : undefined };
    uid = bound.pod!.uid;
  } else if (gv.group === '' && kind === 'Secret') {
    bound = { secret: boundRef(get<Secret>('secrets', ns, ref.name ?? '')) };
    uid = bound.secret!.uid;
  } else if (gv.group === '' && kind === 'Node') {
    bound = { node: boundRef(get<Node>('nodes', '', ref.name ?? '')) };
    uid = bound.node!.uid;
  } else {
    throw newBadRequest(`cannot bind token for serviceaccount "${saName}" to object of type ${gv.group}/${gv.version}, Kind=${kind}`);
  }
  if (ref.uid && ref.uid !== uid) {
    throw newConflict(
      { group: gv.group, resource: kind },
      ref.name ?? '',
      `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
    );
  }
  return bound;
}

function coreStrategy(ctx: ServerContext, resource: string) {
  return ctx.strategies.lookup('', 'v1', resource)!;
}
