import { describe, expect, it } from 'vitest';
import { Reader } from '../request/protobuf/wire';
import { openApiV2Document } from './openapiV2';
import { encodeOpenApiV2, openApiV2Format, openApiV2Protobuf, OpenApiV2ProtobufContentType } from './openapiV2Protobuf';
import { serveOpenApi } from './serveOpenApi';

// A reader independent of the encoder's tables: field numbers below are read off gnostic-models
// openapiv2/OpenAPIv2.proto.
type Fields = Map<number, (Uint8Array | number)[]>;

function fields(buf: Uint8Array): Fields {
  const out: Fields = new Map();
  const r = new Reader(buf);
  while (!r.done) {
    const tag = r.varint();
    const value = (tag & 7) === 2 ? r.bytes() : r.varint();
    out.set(tag >>> 3, [...(out.get(tag >>> 3) ?? []), value]);
  }
  return out;
}
const text = (v: Uint8Array | number | undefined) => new TextDecoder().decode(v as Uint8Array);
const one = (f: Fields, n: number) => fields(f.get(n)![0] as Uint8Array);
/** named finds the value of the Named* entry {name = 1, value = 2} called name. */
function named(entries: (Uint8Array | number)[] | undefined, name: string): Fields {
  for (const e of entries ?? []) {
    const f = fields(e as Uint8Array);
    if (text(f.get(1)?.[0]) === name) return fields(f.get(2)![0] as Uint8Array);
  }
  throw new Error(`no entry ${name}`);
}
const vendorExtension = (entries: (Uint8Array | number)[] | undefined, name: string): unknown => JSON.parse(text(named(entries, name).get(2)?.[0]));

describe('openapi v2 as gnostic protobuf', () => {
  const doc = fields(openApiV2Protobuf());
  const json = openApiV2Document() as { paths: object; definitions: object };

  it('carries the version, every path and every definition', () => {
    expect(text(doc.get(1)?.[0])).toBe('2.0');
    expect(text(one(doc, 2).get(1)?.[0])).toBe('Kubernetes');
    expect(one(doc, 8).get(2)).toHaveLength(Object.keys(json.paths).length);
    expect(one(doc, 9).get(1)).toHaveLength(Object.keys(json.definitions).length);
  });

  it('encodes a definition with its type, $ref properties and group-version-kind extension', () => {
    const deployment = named(one(doc, 9).get(1), 'io.k8s.api.apps.v1.Deployment');
    expect(text(one(deployment, 22).get(1)?.[0])).toBe('object');
    expect(vendorExtension(deployment.get(31), 'x-kubernetes-group-version-kind')).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    const spec = named(one(deployment, 25).get(1), 'spec');
    expect(text(spec.get(1)?.[0])).toBe('#/definitions/io.k8s.api.apps.v1.DeploymentSpec');
    const labels = named(one(named(one(doc, 9).get(1), 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'), 25).get(1), 'labels');
    expect(text(one(one(one(labels, 21), 1), 22).get(1)?.[0])).toBe('string');
  });

  it('lets kubectl find the fieldValidation query parameter of a kind’s PATCH', () => {
    const item = named(one(doc, 8).get(2), '/apis/apps/v1/namespaces/{namespace}/deployments/{name}');
    const patch = one(item, 8);
    expect(vendorExtension(patch.get(13), 'x-kubernetes-group-version-kind')).toEqual({ group: 'apps', kind: 'Deployment', version: 'v1' });
    const queryNames = (patch.get(8) ?? []).flatMap((p) => {
      const nonBody = fields(fields(p as Uint8Array).get(1)![0] as Uint8Array).get(2);
      const query = nonBody && fields(nonBody[0] as Uint8Array).get(3);
      return query ? [text(fields(query[0] as Uint8Array).get(4)?.[0])] : [];
    });
    expect(queryNames).toContain('fieldValidation');
    const parameters = (patch.get(8) ?? []).map((p) => one(fields(p as Uint8Array), 1));
    const body = parameters.find((p) => p.has(1));
    expect(body && text(one(body, 1).get(3)?.[0])).toBe('body');
    const ok = named(one(patch, 9).get(1), '200');
    expect(text(one(one(one(ok, 1), 2), 1).get(1)?.[0])).toBe('#/definitions/io.k8s.api.apps.v1.Deployment');
  });

  it('refuses a key it has no field for', () => {
    expect(() => encodeOpenApiV2({ swagger: '2.0', info: { title: 't', version: 'v', contact: {} } })).toThrow('Info.contact');
  });

  it.each([
    [undefined, 'json'],
    ['application/json', 'json'],
    ['*/*', 'json'],
    ['application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'protobuf'],
    ['application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'protobuf'],
    ['application/json;q=0.5, application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'protobuf'],
    ['*/*, application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'protobuf'],
    ['text/html', undefined],
  ])('serves Accept %s as %s', (accept, format) => {
    expect(openApiV2Format(accept)).toBe(format);
  });

  it('answers /openapi/v2 by the Accept header', () => {
    const get = (accept?: string) => serveOpenApi({ method: 'GET', path: '/openapi/v2', query: {}, accept }, '/openapi/v2')!;
    const proto = get('application/com.github.proto-openapi.spec.v2@v1.0+protobuf');
    expect(proto.contentType).toBe(OpenApiV2ProtobufContentType);
    expect(proto.body).toBeInstanceOf(Uint8Array);
    expect(get().body).toBe(openApiV2Document());
    expect(get('text/html').status).toBe(406);
  });
});
