import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../api/object';
import { newBadRequest, newRequestEntityTooLarge } from '../errors';
import { decodeProtobuf } from './protobuf';

/** MaxRequestBodyBytes is kube-apiserver's default --max-request-bytes for a write (3 MiB). */
export const MaxRequestBodyBytes = 3 * 1024 * 1024;

/**
 * decodeBody turns a request body into an object: in-process callers already pass objects;
 * HTTP bodies are JSON or YAML text, or Kubernetes protobuf bytes for the kinds kubectl's typed
 * clients send. Malformed input is a 400 with the decoder's message, anything over 3 MiB a 413.
 */
export function decodeBody(body: unknown, contentType: string | undefined): unknown {
  if (body === undefined || body === null) return undefined;
  if (body instanceof Uint8Array) {
    if (body.length > MaxRequestBodyBytes) throw newRequestEntityTooLarge(MaxRequestBodyBytes);
    if ((contentType ?? '').includes('protobuf')) return decodeProtobuf(body);
    return decodeBody(new TextDecoder().decode(body), contentType);
  }
  if (typeof body !== 'string') return body;
  if (body.length > MaxRequestBodyBytes) throw newRequestEntityTooLarge(MaxRequestBodyBytes);
  const ct = (contentType ?? 'application/json').split(';')[0].trim().toLowerCase();
  if (ct.includes('protobuf')) throw newBadRequest('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  if (body.trim() === '') return undefined;
  if (ct === 'application/yaml' || ct === 'application/apply-patch+yaml' || ct === 'text/yaml') return decodeYaml(body);
  try {
    return JSON.parse(body);
  } catch (e) {
    throw newBadRequest(`couldn't get version/kind; json parse error: ${jsonErrorText(e, body)}`);
  }
}

function decodeYaml(text: string): unknown {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const doc = list[0];
  if (!doc) return undefined;
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw newBadRequest(`error converting YAML to JSON: yaml: ${line ? `line ${line}: ` : ''}${e.message.split('\n')[0]}`);
  }
  return doc.toJSON();
}

// Go's encoding/json names the offending character; JSON.parse messages differ by engine, so the
// character is recovered from the position when the engine reports one.
function jsonErrorText(e: unknown, body: string): string {
  const msg = e instanceof Error ? e.message : String(e);
  const m = msg.match(/position (\d+)/);
  if (m) {
    const ch = body[Number(m[1])];
    if (ch !== undefined) return `invalid character '${ch}' looking for beginning of value`;
  }
  if (/Unexpected end/.test(msg)) return 'unexpected end of JSON input';
  return msg;
}

/** asObject checks that a decoded body is a JSON object (not an array or a scalar). */
export function asObject(v: unknown, expectedKind: string): KubeObject {
  if (v === undefined) throw newBadRequest('the body of the request was empty');
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw newBadRequest(
      `${expectedKind} in version "v1" cannot be handled as a ${expectedKind}: json: cannot unmarshal ${goTypeName(v)} into Go value of type struct`,
    );
  }
  return v as KubeObject;
}

function goTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}
