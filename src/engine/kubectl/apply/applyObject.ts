import type { Status } from 'kubernetes-types/meta/v1';
import { deepCopy } from '../../api/deepCopy';
import { failure } from '../../apiserver/errors';
import { isJsonObject, type JsonObject } from '../../apiserver/patch/jsonValue';
import type { ApiClient } from '../../client/apiClient';
import { resourcePath } from '../../client/paths';
import type { ApiResponse } from '../../client/transport';
import { ApplyOperation, type ApplyMarker, type ApplyResult } from './applyResult';
import { goJson } from '../../api/goJson';
import { addSourceToErr, errorMessage, type KubectlError } from './kubectlErrors';
import { lastAppliedOf, LastAppliedConfigAnnotation, withLastApplied } from './lastApplied';
import type { OpenApiV3Client } from './openApiV3Client';
import type { RESTMapping } from './restMapper';
import { statusFieldErrors, type FieldError } from './statusFieldErrors';
import { createThreeWayMergePatch } from './threeWayMergePatch';

// One object of `kubectl apply` (client-side apply, k8s.io/kubectl/pkg/cmd/apply v1.32): create it
// with the last-applied annotation if it does not exist, otherwise send the three-way strategic
// merge patch from its last-applied configuration, or nothing when that patch is empty. Each object
// is one request, so the server accepts or refuses it whole.

/** FieldManager is the field manager kubectl's client-side apply writes as. */
export const FieldManager = 'kubectl-client-side-apply';

/** ObjectInfo is one manifest object resolved to its resource (kubectl's resource.Info). */
export interface ObjectInfo {
  document: number;
  object: JsonObject;
  mapping: RESTMapping;
  /** markers places field errors on the manifest; with none, a marker for the whole object says message. */
  markers(errors: FieldError[], message: string): ApplyMarker[];
}

/** ApplyContext is what applying an object needs besides the object. */
export interface ApplyContext {
  client: ApiClient;
  openApi: OpenApiV3Client;
  /** namespace is where namespaced objects without one go ("default"). */
  namespace: string;
  /** source names the manifest in messages, as kubectl names stdin "STDIN". */
  source: string;
  dryRun: boolean;
}

const noAnnotationWarning = (objectName: string) =>
  `Warning: resource ${objectName} is missing the ${LastAppliedConfigAnnotation} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`;

/** applyObject applies one object as kubectl apply does and reports what it printed. */
export async function applyObject(ctx: ApplyContext, info: ObjectInfo): Promise<ApplyResult> {
  const { mapping } = info;
  const obj = deepCopy(info.object);
  if (!isJsonObject(obj.metadata)) obj.metadata = {};
  const meta = obj.metadata as JsonObject;
  if (mapping.namespaced) meta.namespace ||= ctx.namespace;
  else delete meta.namespace;
  const name = typeof meta.name === 'string' ? meta.name : '';
  const namespace = mapping.namespaced ? String(meta.namespace) : '';
  const objectName = `${mapping.kind.toLowerCase()}${mapping.group ? `.${mapping.group}` : ''}/${name}`;
  const dry = ctx.dryRun ? ' (server dry run)' : '';
  const warnings: string[] = [];
  const fail = (err: KubectlError, fields: FieldError[] = []): ApplyResult => {
    const message = errorMessage(err);
    return { document: info.document, object: objectName, message, markers: info.markers(fields, message), warnings };
  };
  const done = (operation: ApplyOperation): ApplyResult => ({
    document: info.document,
    object: objectName,
    operation,
    message: `${objectName} ${operation}${dry}`,
    markers: [],
    warnings,
  });
  const request = async (req: Parameters<ApiClient['raw']>[0]): Promise<ApiResponse> => {
    const res = await ctx.client.raw(req);
    for (const w of res.warnings ?? []) warnings.push(`Warning: ${w}`);
    return res;
  };

  const described = `Resource: "${mapping.group}/${mapping.version}, Resource=${mapping.resource}", GroupVersionKind: "${mapping.group}/${mapping.version}, Kind=${mapping.kind}"\nName: "${name}", Namespace: "${namespace}"`;
  const retrieving = `retrieving current configuration of:\n${described}\nfrom server for:`;
  if (name === '') return fail(addSourceToErr(retrieving, ctx.source, { message: 'resource name may not be empty' }), [{ path: 'metadata.name', message: 'resource name may not be empty' }]);

  const query: Record<string, string> = { fieldManager: FieldManager, fieldValidation: 'Strict' };
  if (ctx.dryRun) query.dryRun = 'All';
  const current = await request({ method: 'GET', path: resourcePath(mapping, namespace, name) });

  if (current.status === 404) {
    const created = await request({ method: 'POST', path: resourcePath(mapping, namespace), query, body: withLastApplied(obj) });
    if (created.status >= 400) {
      const status = statusOf(created);
      return fail(addSourceToErr('creating', ctx.source, { status }), statusFieldErrors(status));
    }
    return done(ApplyOperation.Created);
  }
  if (current.status >= 400) return fail(addSourceToErr(retrieving, ctx.source, { status: statusOf(current) }));

  const live = current.body as JsonObject;
  const lastApplied = lastAppliedOf(live);
  if (lastApplied === undefined) warnings.push(noAnnotationWarning(`${mapping.resource}/${name}`));
  const modified = JSON.parse(goJson(withLastApplied(obj))) as JsonObject;
  let patch: JsonObject;
  try {
    const schema = await ctx.openApi.patchSchema(mapping);
    patch = createThreeWayMergePatch(parseConfiguration(lastApplied), modified, live, schema);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return fail(addSourceToErr(`creating patch with:\noriginal:\n${lastApplied ?? ''}\nmodified:\n${goJson(modified)}\ncurrent:\n${goJson(live)}\nfor:`, ctx.source, { message }));
  }
  if (Object.keys(patch).length === 0) return done(ApplyOperation.Unchanged);

  const patched = await request({
    method: 'PATCH',
    path: resourcePath(mapping, namespace, name),
    query,
    // The body as kubectl marshals it (sorted keys), so that it reads the same on the wire.
    body: JSON.parse(goJson(patch)),
    contentType: 'application/strategic-merge-patch+json',
  });
  if (patched.status >= 400) {
    const status = statusOf(patched);
    const err = addSourceToErr(`applying patch:\n${goJson(patch)}\nto:\n${described}\nfor:`, ctx.source, addSourceToErr('patching', ctx.source, { status }));
    return fail(err, statusFieldErrors(status));
  }
  return done(ApplyOperation.Configured);
}

// statusOf is the Status of a refused request; a body that is not one becomes one, as client-go does.
function statusOf(res: ApiResponse): Status {
  const body = res.body as Status | undefined;
  if (isJsonObject(body) && body.kind === 'Status') return body;
  return failure(res.status, '', typeof body === 'string' ? body : `the server responded with status ${res.status}`);
}

// A last-applied annotation that is not a JSON object counts as none, as an empty original does.
function parseConfiguration(text: string | undefined): JsonObject {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return isJsonObject(v) ? v : {};
  } catch {
    return {};
  }
}
