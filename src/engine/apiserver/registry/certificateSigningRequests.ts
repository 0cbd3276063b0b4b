import type { CertificateSigningRequest, CertificateSigningRequestCondition } from 'kubernetes-types/certificates/v1';
import type { KubeObject } from '../../api/object';
import { parseCertificateRequest } from '../../crypto/certificateRequest';
import { pemBlocks } from '../../crypto/derReader';
import { fieldError, GoValue, type FieldError } from '../fieldErrors';
import { isQualifiedName } from '../validation/names';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { decodeBase64 } from './base64';
import { Resources } from './resources';
import type { ResourceStrategy, SubresourceStrategy } from './strategy';
import { metaOf } from './strategyHelpers';

// CertificateSigningRequest as pkg/apis/certificates/validation/validation.go and
// pkg/registry/certificates/certificates/strategy.go of v1.32 define it: the requester's identity
// is stamped from the request, status comes only through /status and /approval.

/** KeyUsages are the usages a CSR may ask for (certificates.KeyUsage). */
export const KeyUsages = [
  'signing', 'digital signature', 'content commitment', 'key encipherment', 'key agreement', 'data encipherment', 'cert sign', 'crl sign',
  'encipher only', 'decipher only', 'any', 'server auth', 'client auth', 'code signing', 'email protection', 's/mime', 'ipsec end system',
  'ipsec tunnel', 'ipsec user', 'timestamping', 'ocsp signing', 'microsoft sgc', 'netscape sgc',
];

const asCsr = (o: KubeObject) => o as unknown as CertificateSigningRequest;

/** goBytes prints a []byte as %#v does: []byte{0x2d, 0x2d, …}. */
function goBytes(bytes: Uint8Array): GoValue {
  return new GoValue(`[]byte{${Array.from(bytes, (b) => `0x${b.toString(16)}`).join(', ')}}`);
}

/** parseCSR is certificates.ParseCSR: one PEM CERTIFICATE REQUEST block holding a PKCS#10 request. */
export function parseCSR(request: Uint8Array) {
  const block = pemBlocks(new TextDecoder().decode(request))[0];
  if (!block || block.label !== 'CERTIFICATE REQUEST') throw new Error('PEM block type must be CERTIFICATE REQUEST');
  return parseCertificateRequest(block.der);
}

/** requestBytes decodes spec.request ([]byte: base64 in JSON). */
export function requestBytes(csr: CertificateSigningRequest): Uint8Array {
  return decodeBase64(csr.spec?.request ?? '');
}

function validateSpec(csr: CertificateSigningRequest): FieldError[] {
  const errs: FieldError[] = [];
  const spec = csr.spec;
  const request = requestBytes(csr);
  try {
    parseCSR(request);
  } catch (e) {
    errs.push(fieldError.invalid('spec.request', goBytes(request), (e as Error).message));
  }
  if (!spec?.usages?.length) errs.push(fieldError.required('spec.usages', 'usages must be provided'));
  (spec?.usages ?? []).forEach((u, i) => {
    if (!KeyUsages.includes(u)) errs.push(fieldError.notSupported(`spec.usages[${i}]`, u, KeyUsages));
  });
  const seen = new Set<string>();
  (spec?.usages ?? []).forEach((u, i) => {
    if (seen.has(u)) errs.push(fieldError.duplicate(`spec.usages[${i}]`, u));
    seen.add(u);
  });
  const signer = spec?.signerName ?? '';
  if (!signer) errs.push(fieldError.required('spec.signerName'));
  else {
    // A signer name is a domain-prefixed path: "example.com/signer-name".
    const slash = signer.indexOf('/');
    if (slash < 0) errs.push(fieldError.invalid('spec.signerName', signer, 'must be a fully qualified domain and path of the form \'example.com/signer-name\''));
    else for (const msg of isQualifiedName(signer.slice(0, slash) + '/a')) errs.push(fieldError.invalid('spec.signerName', signer, msg));
  }
  const seconds = spec?.expirationSeconds;
  if (seconds !== undefined && seconds < 600) errs.push(fieldError.invalid('spec.expirationSeconds', seconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
  return errs;
}

function validateConditions(csr: CertificateSigningRequest): FieldError[] {
  const errs: FieldError[] = [];
  const conditions = csr.status?.conditions ?? [];
  const types = new Set<string>();
  conditions.forEach((c, i) => {
    const path = `status.conditions[${i}]`;
    if (!c.type) errs.push(fieldError.required(`${path}.type`));
    if (!['True', 'False', 'Unknown'].includes(c.status)) errs.push(fieldError.notSupported(`${path}.status`, c.status, ['False', 'True', 'Unknown']));
    if (['Approved', 'Denied', 'Failed'].includes(c.type)) {
      if (types.has(c.type)) errs.push(fieldError.duplicate(`${path}.type`, c.type));
      types.add(c.type);
    }
  });
  if (types.has('Approved') && types.has('Denied')) {
    const i = conditions.findIndex((c) => c.type === 'Denied');
    errs.push(fieldError.invalid(`status.conditions[${i}].type`, 'Denied', 'Approved and Denied conditions are mutually exclusive'));
  }
  return errs;
}

/** conditionsOf keeps the conditions of the given types from one object and the others from another. */
function conditionsOf(from: CertificateSigningRequest, types: string[], rest: CertificateSigningRequest): CertificateSigningRequestCondition[] {
  return [...(from.status?.conditions ?? []).filter((c) => types.includes(c.type)), ...(rest.status?.conditions ?? []).filter((c) => !types.includes(c.type))];
}

/** stampConditionTimes fills lastUpdateTime and lastTransitionTime where a client left them unset, as the strategy does. */
function stampConditionTimes(csr: CertificateSigningRequest, old: CertificateSigningRequest | undefined, now: string): void {
  for (const c of csr.status?.conditions ?? []) {
    c.lastUpdateTime ??= now;
    const before = old?.status?.conditions?.find((o) => o.type === c.type);
    c.lastTransitionTime ??= before && before.status === c.status ? before.lastTransitionTime : now;
  }
}

const approvalTypes = ['Approved', 'Denied'];

/** subresourceStrategy is an update through /status or /approval: spec stays, status is what statusOf keeps of the client's and the stored one. */
function subresourceStrategy(statusOf: (csr: CertificateSigningRequest, before: CertificateSigningRequest) => CertificateSigningRequest['status']): SubresourceStrategy {
  return {
    prepareForUpdate(obj, old, ctx) {
      const csr = asCsr(obj);
      const before = asCsr(old as unknown as KubeObject);
      csr.spec = before.spec!;
      csr.status = statusOf(csr, before);
      stampConditionTimes(csr, before, ctx.now);
    },
    validateUpdate: (obj) => validateConditions(asCsr(obj)),
  };
}

/** certificateSigningRequestStrategy is the REST strategy of certificates.k8s.io/v1 certificatesigningrequests. */
export const certificateSigningRequestStrategy: ResourceStrategy = {
  def: Resources.certificatesigningrequests,
  prepareForCreate(obj, ctx) {
    const csr = asCsr(obj);
    delete (csr as { status?: unknown }).status;
    metaOf(obj).generation = undefined;
    // The requester is whoever created the object, whatever the client sent.
    const user = ctx.user;
    csr.spec = { ...csr.spec!, username: user?.username ?? '', uid: user?.uid || undefined, groups: user?.groups?.length ? user.groups : undefined, extra: user?.extra };
  },
  prepareForUpdate(obj, old) {
    const csr = asCsr(obj);
    const before = asCsr(old as unknown as KubeObject);
    csr.spec = before.spec!;
    csr.status = before.status;
  },
  validate: (obj) => [...validateObjectMeta(obj.metadata, false, () => []), ...validateSpec(asCsr(obj))],
  validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateSpec(asCsr(obj))],
  // /status keeps spec and the approval conditions (signers write the certificate and Failed);
  // /approval changes only the Approved and Denied conditions.
  status: subresourceStrategy((csr, before) => ({ ...csr.status, conditions: conditionsOf(before, approvalTypes, csr) })),
  approval: subresourceStrategy((csr, before) => ({ ...before.status, conditions: conditionsOf(csr, approvalTypes, before) })),
};
