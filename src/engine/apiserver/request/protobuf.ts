import { newBadRequest, newUnsupportedMediaType } from '../errors';
import { decodeMessage, messageForKind } from './protobuf/messages';
import { Reader } from './protobuf/wire';

// Kubernetes' protobuf encoding (k8s.io/apimachinery/pkg/runtime/serializer/protobuf): the magic
// "k8s\0" and a runtime.Unknown envelope {typeMeta = 1: {apiVersion = 1, kind = 2}, raw = 2,
// contentEncoding = 3, contentType = 4}. client-go's typed clients send bodies this way (kubectl
// create deployment/service/configmap/secret/namespace/job/..., drain's Eviction), so every kind
// the engine serves is decoded to the JSON form the rest of the request path already handles.

const magic = [0x6b, 0x38, 0x73, 0x00];

/** decodeProtobuf decodes a Kubernetes protobuf body into its JSON form; unknown kinds are a 415. */
export function decodeProtobuf(body: Uint8Array): Record<string, unknown> {
  if (body.length < 4 || magic.some((b, i) => body[i] !== b)) {
    throw newBadRequest('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  }
  const env = new Reader(body.subarray(4));
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array | undefined;
  while (!env.done) {
    const tag = env.varint();
    if (tag === 0x0a) {
      const tm = new Reader(env.bytes());
      while (!tm.done) {
        const t = tm.varint();
        if (t === 0x0a) apiVersion = tm.string();
        else if (t === 0x12) kind = tm.string();
        else tm.skip(t & 7);
      }
    } else if (tag === 0x12) raw = env.bytes();
    else env.skip(tag & 7);
  }
  const message = messageForKind(apiVersion, kind);
  if (!message) {
    throw newUnsupportedMediaType(
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`,
    );
  }
  const out: Record<string, unknown> = { apiVersion, kind };
  return decodeMessage(raw ?? new Uint8Array(0), message, out);
}
