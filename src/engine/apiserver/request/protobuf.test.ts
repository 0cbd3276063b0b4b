import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { decodeProtobuf } from './protobuf';
import { Writer } from './protobuf/wire';

// Fixtures in testdata/ are request bodies kubectl v1.32 sent (recorded by a logging proxy) next
// to `kubectl ... --dry-run=client -o json` for the same command: the JSON the decoder must equal.
const testdata = join(__dirname, 'protobuf', 'testdata');

/** envelope wraps a message in the "k8s\0" runtime.Unknown envelope client-go writes. */
function envelope(apiVersion: string, kind: string, raw: Writer): Uint8Array {
  const unknown = new Writer().message(1, new Writer().string(1, apiVersion).string(2, kind)).message(2, raw).finish();
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...unknown]);
}

const meta = (name: string) => new Writer().string(1, name).string(2, '').string(3, '').int64(7, 0);
const entry = (key: string, value: Writer | string) =>
  typeof value === 'string' ? new Writer().string(1, key).string(2, value) : new Writer().string(1, key).message(2, value);
const quantity = (s: string) => new Writer().string(1, s);
const statusOf = (f: () => unknown): number => {
  try {
    f();
  } catch (e) {
    return (e as ApiError).code;
  }
  return 0;
};

describe('decodeProtobuf', () => {
  const fixtures = readdirSync(testdata).filter((f) => f.endsWith('.pb')).map((f) => f.slice(0, -3));
  it.each(fixtures)('decodes kubectl’s %s body into the JSON kubectl would have sent', (name) => {
    const body = new Uint8Array(readFileSync(join(testdata, `${name}.pb`)));
    expect(decodeProtobuf(body)).toEqual(JSON.parse(readFileSync(join(testdata, `${name}.json`), 'utf8')));
  });

  it('drops zero omitempty scalars but keeps zero pointers and required numbers', () => {
    const port = new Writer()
      .string(1, '')
      .string(2, 'TCP')
      .int64(3, 0)
      .message(4, new Writer().int64(1, 1).int64(2, 0).string(3, 'http'))
      .int64(5, 0);
    const spec = new Writer().message(1, port).bool(13, false);
    const obj = decodeProtobuf(envelope('v1', 'Service', new Writer().message(1, meta('s')).message(2, spec)));
    expect(obj).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ protocol: 'TCP', port: 0, targetPort: 'http' }] },
    });
  });

  it('decodes a pod: quantities, times, inlined volume sources and probe handlers, packed ints', () => {
    const container = new Writer()
      .string(1, 'c')
      .string(2, 'nginx')
      .message(8, new Writer().message(1, entry('cpu', quantity('500m'))).message(2, entry('memory', new Writer())))
      .message(10, new Writer().message(1, new Writer().message(2, new Writer().string(1, '/healthz').message(2, new Writer().int64(2, 8080)))).int64(2, 1));
    const volume = new Writer().string(1, 'scratch').message(2, new Writer().message(2, new Writer()));
    const securityContext = new Writer().bytes(4, new Writer().uvarint(1000).uvarint(2000).finish());
    const spec = new Writer().message(1, volume).message(2, container).int64(4, 0).int64(5, -1).bool(11, false).bool(21, false).message(14, securityContext);
    const metadata = meta('p')
      .message(8, new Writer().int64(1, 1714564800))
      .message(11, entry('__proto__', 'x'))
      .message(11, entry('app', 'web'));
    const obj = decodeProtobuf(envelope('v1', 'Pod', new Writer().message(1, metadata).message(2, spec).message(3, new Writer())));
    expect(obj).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', creationTimestamp: '2024-05-01T12:00:00Z', labels: { ['__proto__']: 'x', app: 'web' } },
      spec: {
        volumes: [{ name: 'scratch', emptyDir: {} }],
        containers: [
          {
            name: 'c',
            image: 'nginx',
            resources: { limits: { cpu: '500m' }, requests: { memory: '0' } },
            livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 1 },
          },
        ],
        terminationGracePeriodSeconds: 0,
        activeDeadlineSeconds: -1,
        automountServiceAccountToken: false,
        securityContext: { supplementalGroups: [1000, 2000] },
      },
      status: {},
    });
    expect(Object.getPrototypeOf((obj.metadata as { labels: object }).labels)).toBe(Object.prototype);
  });

  it('renders a zero time as null, a MicroTime with microseconds and an embedded object as JSON', () => {
    const event = new Writer()
      .message(1, meta('e').message(8, new Writer()))
      .message(2, new Writer().int64(1, 1714564800).int64(2, 123456789))
      .string(7, 'Started');
    expect(decodeProtobuf(envelope('events.k8s.io/v1', 'Event', event))).toEqual({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'e', creationTimestamp: null },
      eventTime: '2024-05-01T12:00:00.123456Z',
      reason: 'Started',
    });
    const revision = new Writer().message(1, meta('r')).message(2, new Writer().string(1, '{"spec":{"replicas":3}}')).int64(3, 2);
    expect(decodeProtobuf(envelope('apps/v1', 'ControllerRevision', revision))).toMatchObject({ data: { spec: { replicas: 3 } }, revision: 2 });
  });

  it('skips fields it does not know and keeps DeleteOptions of any served group version', () => {
    const opts = new Writer().int64(1, 0).string(4, 'Foreground').string(99, 'future field');
    expect(decodeProtobuf(envelope('apps/v1', 'DeleteOptions', opts))).toEqual({
      apiVersion: 'apps/v1',
      kind: 'DeleteOptions',
      gracePeriodSeconds: 0,
      propagationPolicy: 'Foreground',
    });
  });

  it('decodes a secret’s bytes as base64', () => {
    const secret = new Writer().message(1, meta('s')).message(2, new Writer().string(1, 'k').bytes(2, Uint8Array.from([0, 255, 16]))).string(3, 'Opaque');
    expect(decodeProtobuf(envelope('v1', 'Secret', secret))).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'AP8Q' }, type: 'Opaque' });
  });

  it.each([
    ['an unserved kind', () => decodeProtobuf(envelope('example.com/v1', 'Widget', new Writer())), 415],
    ['a body without the k8s magic', () => decodeProtobuf(Uint8Array.from([0x7b, 0x7d])), 400],
    ['a string sent as a varint', () => decodeProtobuf(envelope('v1', 'Namespace', new Writer().message(1, new Writer().int64(1, 5)))), 400],
    ['a truncated message', () => decodeProtobuf(envelope('v1', 'Namespace', new Writer().message(1, new Writer().uvarint(0x0a).uvarint(9)))), 400],
  ])('rejects %s', (_name, decode, code) => {
    expect(statusOf(decode)).toBe(code);
  });
});
