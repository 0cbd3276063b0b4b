import { describe, it, expect } from 'vitest';
import type { KubeObject, StoredObject } from '../../api/object';
import { secretsStrategy } from './secrets';
import { configmapsStrategy } from './configmaps';
import { createThrough, putObject, testContext, updateThrough } from './coreTesting';
import { Resources } from './resources';
import { decodeBase64, encodeBase64, utf8Bytes } from './base64';

const secret = (extra: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, ...extra });

describe('base64 as Go decodes it', () => {
  it.each([
    ['YWJj', 'abc'],
    ['YWI=', 'ab'],
    ['YQ==', 'a'],
    ['YW\nJj', 'abc'],
  ])('%j decodes', (input, text) => expect(String.fromCharCode(...decodeBase64(input))).toBe(text));
  it.each([
    ['YW!j', 2],
    ['YQ', 0],
    ['YQ=', 3],
    ['YWJj=', 4],
    ['Y===', 1],
  ])('%j fails at byte %d', (input, at) => expect(() => decodeBase64(input)).toThrow(`illegal base64 data at input byte ${at}`));
  it('round-trips UTF-8', () => expect(encodeBase64(utf8Bytes('héllo'))).toBe('aMOpbGxv'));
});

describe('secrets', () => {
  it('defaults type Opaque and merges stringData into data', () => {
    const { obj, errors } = createThrough(secretsStrategy, secret({ data: { a: 'YWJj' }, stringData: { b: 'xyz' } }), testContext());
    expect(errors).toEqual([]);
    expect(obj.type).toBe('Opaque');
    expect(obj.data).toEqual({ a: 'YWJj', b: 'eHl6' });
    expect(obj.stringData).toBeUndefined();
  });

  it('turns bad base64 into the decode error', () => {
    expect(() => createThrough(secretsStrategy, secret({ data: { a: 'not base64!' } }), testContext())).toThrow(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['bad key', { data: { 'a/b': 'YQ==' } }, `data[a/b]: Invalid value: "a/b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`],
    ['tls without key', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'YQ==' } }, 'data[tls.key]: Required value'],
    ['sa token', { type: 'kubernetes.io/service-account-token' }, 'metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    ['basic auth', { type: 'kubernetes.io/basic-auth' }, 'data[username]: Required value'],
  ])('%s', (_n, extra, message) => expect(createThrough(secretsStrategy, secret(extra), testContext()).errors).toContain(message));

  it('keeps type immutable', () => {
    const ctx = testContext();
    const old = putObject(ctx.store, Resources.secrets, createThrough(secretsStrategy, secret({ data: { a: 'YQ==' } }), ctx).obj);
    const next = { ...structuredClone(old), type: 'kubernetes.io/basic-auth', data: { username: 'YQ==' } } as StoredObject;
    expect(updateThrough(secretsStrategy, next, old, ctx).errors).toContain('type: Invalid value: "kubernetes.io/basic-auth": field is immutable');
    expect(secretsStrategy.fieldSelectors!.type(old)).toBe('Opaque');
  });

  it('refuses data changes once immutable', () => {
    const ctx = testContext();
    const old = putObject(ctx.store, Resources.secrets, createThrough(secretsStrategy, secret({ immutable: true, data: { a: 'YQ==' } }), ctx).obj);
    const next = { ...structuredClone(old), data: { a: 'Yg==' } } as StoredObject;
    expect(updateThrough(secretsStrategy, next, old, ctx).errors).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
  });
});

describe('configmaps', () => {
  it('rejects a key in both data and binaryData', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'v' }, binaryData: { k: 'dg==' } };
    expect(createThrough(configmapsStrategy, cm, testContext()).errors).toEqual(['data[k]: Invalid value: "k": duplicate of key present in binaryData']);
  });
  it('refuses changes of an immutable ConfigMap', () => {
    const ctx = testContext();
    const old = putObject(ctx.store, Resources.configmaps, createThrough(configmapsStrategy, { metadata: { name: 'c' }, immutable: true, data: { k: 'v' } }, ctx).obj);
    const next = { ...structuredClone(old), immutable: false } as StoredObject;
    expect(updateThrough(configmapsStrategy, next, old, ctx).errors).toEqual(['immutable: Forbidden: field is immutable when `immutable` is set']);
  });
});
