import { parseApiVersion } from '../../api/groupVersion';
import { isJsonObject, type JsonObject } from '../../apiserver/patch/jsonValue';
import type { ApiClient } from '../../client/apiClient';
import { locateField, parseFieldPath, type FieldPathStep } from '../manifest/fieldPath';
import { parseManifest, type Manifest, type ManifestDocument } from '../manifest/manifest';
import { applyObject, type ApplyContext, type ObjectInfo } from './applyObject';
import type { ApplyMarker, ApplyResult } from './applyResult';
import { errorMessage } from './kubectlErrors';
import { OpenApiV3Client } from './openApiV3Client';
import { noKindMatchMessage, RESTMapper } from './restMapper';
import type { FieldError } from './statusFieldErrors';

// `kubectl apply -f -` over a manifest stream, as kubectl v1.32 reads it: documents in order, a
// List's items one by one. A YAML error or an object without apiVersion/kind ends the stream (the
// objects read before it are still applied); an unknown kind is reported and the rest applied.
// Results come in document order, where kubectl prints successes first and errors last.

/** ApplyOptions are the flags of one apply. */
export interface ApplyOptions {
  /** dryRun is --dry-run=server: every write is sent with dryRun=All. */
  dryRun?: boolean;
}

/** ApplierOptions configure an Applier like kubectl's context and input. */
export interface ApplierOptions {
  /** namespace is the default namespace ("default"). */
  namespace?: string;
  /** source names the manifest in messages ("STDIN", as for `kubectl apply -f -`). */
  source?: string;
}

/** Applier runs `kubectl apply` against one API server, keeping discovery and OpenAPI between runs. */
export class Applier {
  private mapper?: Promise<RESTMapper>;
  private readonly openApi: OpenApiV3Client;
  private readonly namespace: string;
  private readonly source: string;

  constructor(
    private readonly client: ApiClient,
    options: ApplierOptions = {},
  ) {
    this.openApi = new OpenApiV3Client(client);
    this.namespace = options.namespace ?? 'default';
    this.source = options.source ?? 'STDIN';
  }

  /** apply applies every object of a manifest stream and returns one result per object or error. */
  async apply(text: string, options: ApplyOptions = {}): Promise<ApplyResult[]> {
    const manifest = parseManifest(text);
    const results: ApplyResult[] = [];
    const ctx: ApplyContext = { client: this.client, openApi: this.openApi, namespace: this.namespace, source: this.source, dryRun: !!options.dryRun };
    try {
      const infos = await this.readObjects(manifest, results);
      for (const info of infos) results.push(await applyObject(ctx, info));
    } catch (e) {
      results.push({ message: errorMessage({ message: e instanceof Error ? e.message : String(e) }), markers: [], warnings: [] });
    }
    if (results.length === 0) results.push({ message: 'error: no objects passed to apply', markers: [], warnings: [] });
    return results.sort((a, b) => (a.document ?? Infinity) - (b.document ?? Infinity));
  }

  // readObjects resolves the stream's objects to resources, adding an error result for each
  // document kubectl refuses.
  private async readObjects(manifest: Manifest, results: ApplyResult[]): Promise<ObjectInfo[]> {
    const infos: ObjectInfo[] = [];
    const refuse = (doc: ManifestDocument, message: string, markers: ApplyMarker[]) => results.push({ document: doc.index, message, markers, warnings: [] });
    for (const doc of manifest.documents) {
      if (doc.syntaxError) {
        const { message, range } = doc.syntaxError;
        refuse(doc, `error: error parsing ${this.source}: error converting YAML to JSON: ${message}`, [{ message, range }]);
        return infos;
      }
      if (doc.object === undefined) continue;
      for (const { object, at } of objectsOf(doc.object)) {
        const markers = (errors: FieldError[], message: string) => fieldMarkers(manifest, doc, at, errors, message);
        const invalid = validationError(object);
        if (invalid !== undefined) {
          const message = `error: error validating "${this.source}": error validating data: ${invalid}; if you choose to ignore these errors, turn validation off with --validate=false`;
          refuse(doc, message, markers([], invalid));
          return infos;
        }
        const obj = object as JsonObject;
        const gvk = { ...parseApiVersion(String(obj.apiVersion)), kind: String(obj.kind) };
        this.mapper ??= RESTMapper.discover(this.client).catch((e: unknown) => {
          this.mapper = undefined;
          throw e;
        });
        const mapping = (await this.mapper).restMapping(gvk);
        if (!mapping) {
          const meta = isJsonObject(obj.metadata) ? obj.metadata : {};
          const noMatch = noKindMatchMessage(gvk);
          const message = `error: resource mapping not found for name: ${JSON.stringify(meta.name ?? '')} namespace: ${JSON.stringify(meta.namespace ?? '')} from "${this.source}": ${noMatch}\nensure CRDs are installed first`;
          refuse(doc, message, markers([{ path: 'kind', message: noMatch }], noMatch));
          continue;
        }
        infos.push({ document: doc.index, object: obj, mapping, markers });
      }
    }
    return infos;
  }
}

// objectsOf lists a document's objects: a List's items, each at its place, or the document itself.
function objectsOf(value: unknown): { object: unknown; at: FieldPathStep[] }[] {
  if (isJsonObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.map((object, index) => ({ object, at: [{ name: 'items' }, { index }] }));
  }
  return [{ object: value, at: [] }];
}

// validationError is what kubectl's schema validation says before decoding an object.
function validationError(value: unknown): string | undefined {
  if (!isJsonObject(value)) return 'invalid object to validate';
  const missing = [
    ...(typeof value.apiVersion === 'string' && value.apiVersion !== '' ? [] : ['apiVersion not set']),
    ...(typeof value.kind === 'string' && value.kind !== '' ? [] : ['kind not set']),
  ];
  if (missing.length === 0) return undefined;
  return missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
}

// fieldMarkers places each field error on its field (or the nearest part of the document that
// exists); with no field errors, one marker on the object's first line carries the message.
function fieldMarkers(manifest: Manifest, doc: ManifestDocument, at: FieldPathStep[], errors: FieldError[], message: string): ApplyMarker[] {
  const place = (steps: FieldPathStep[]) => {
    const loc = locateField(doc.yaml, steps);
    return loc ? manifest.rangeOf(loc.start, loc.end) : doc.range;
  };
  if (errors.length === 0) {
    const { start } = place(at);
    return [{ message, range: { start, end: manifest.lineRange(start.line).end } }];
  }
  return errors.map((e) => ({ message: e.message, range: place([...at, ...parseFieldPath(e.path)]) }));
}
