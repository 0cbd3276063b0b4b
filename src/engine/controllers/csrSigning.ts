import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1';
import { encodeBase64 } from '../api/base64';
import { isApiError } from '../apiserver/errors';
import { parseCSR, requestBytes } from '../apiserver/registry/certificateSigningRequests';
import { Resources } from '../apiserver/registry/resources';
import { keyOf, type Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { issueCertificate } from '../crypto/certificate';
import type { CertificateRequest } from '../crypto/certificateRequest';
import { clusterCA } from '../crypto/clusterCA';
import { sha256 } from '../crypto/sha256';
import { formatTime } from '../sim/clock';
import { QueueController, type ControllerContext } from './controller';

// The csrsigning controller of pkg/controller/certificates/signer (v1.32): kube-controller-manager
// signs approved requests for the kubernetes.io signers it serves with the cluster CA
// (--cluster-signing-cert-file), backdated five minutes, for expirationSeconds or at most the
// cluster signing duration (a year).

const ClusterSigningDurationMs = 365 * 86_400_000;
const BackdateMs = 5 * 60_000;

/** SignerValidation says whether a request suits a signer: an error makes it Failed. */
type SignerValidation = (req: CertificateRequest, usages: string[]) => string | undefined;

/** usageCheck allows only the allowed usages and requires the required ones (certificates/authority policies). */
function usageCheck(kind: string, allowed: string[], required: string[]): (usages: string[]) => string | undefined {
  return (usages) => {
    const invalid = usages.filter((u) => !allowed.includes(u));
    if (invalid.length) return `invalid usage for ${kind} certificate: ${invalid.join(',')}`;
    const missing = required.filter((u) => !usages.includes(u));
    return missing.length ? `missing required usages: [${missing.join(' ')}]` : undefined;
  };
}

const clientUsages = usageCheck('client', ['digital signature', 'key encipherment', 'client auth'], ['client auth']);
const servingUsages = usageCheck('serving', ['digital signature', 'key encipherment', 'server auth'], ['server auth']);

/** signers are the kubernetes.io signers kube-controller-manager signs for; legacy-unknown is not signed. */
const signers: Record<string, SignerValidation> = {
  'kubernetes.io/kube-apiserver-client': (_req, usages) => clientUsages(usages),
  'kubernetes.io/kube-apiserver-client-kubelet': (req, usages) => {
    if (req.organizations.join() !== 'system:nodes') return 'organization not equal to system:nodes';
    if (!req.commonName.startsWith('system:node:')) return 'subject common name does not begin with system:node:';
    return clientUsages(usages);
  },
  'kubernetes.io/kubelet-serving': (req, usages) => {
    if (req.organizations.join() !== 'system:nodes') return 'organization not equal to system:nodes';
    if (!req.commonName.startsWith('system:node:')) return 'subject common name does not begin with system:node:';
    return servingUsages(usages);
  },
};

const keyUsageBits: Record<string, number> = { 'digital signature': 0x80, 'content commitment': 0x40, 'key encipherment': 0x20, 'data encipherment': 0x10, 'key agreement': 0x08, 'cert sign': 0x04, 'crl sign': 0x02 };
const extKeyUsageOids: Record<string, string> = { 'server auth': '1.3.6.1.5.5.7.3.1', 'client auth': '1.3.6.1.5.5.7.3.2', 'code signing': '1.3.6.1.5.5.7.3.3', 'email protection': '1.3.6.1.5.5.7.3.4' };

/** serialFor is a certificate's serial number: 16 bytes, positive, the same for a request on every replay. */
function serialFor(seed: number | string, uid: string): Uint8Array {
  const serial = sha256(new TextEncoder().encode(`csr-serial/${seed}/${uid}`)).slice(0, 16);
  serial[0] &= 0x7f;
  return serial;
}

const isTrue = (csr: CertificateSigningRequest, type: string) => (csr.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

export class CSRSigningController extends QueueController {
  readonly name = 'certificatesigningrequest-signing-controller';
  protected readonly queue: WorkQueue;
  private readonly csrs: Informer<CertificateSigningRequest>;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers);
    this.csrs = ctx.informers.for<CertificateSigningRequest>(Resources.certificatesigningrequests);
    const enqueue = (csr: CertificateSigningRequest) => this.queue.add(keyOf(csr));
    this.csrs.addEventHandler({ onAdd: enqueue, onUpdate: (_old, csr) => enqueue(csr) });
  }

  /** sync is signer.handle: an approved, not failed, unsigned request for a served signer gets its certificate, or Failed. */
  async sync(key: string): Promise<void> {
    const cached = this.csrs.lister.get('', key);
    if (!cached || !isTrue(cached, 'Approved') || isTrue(cached, 'Failed') || cached.status?.certificate) return;
    const validate = signers[cached.spec?.signerName ?? ''];
    if (!validate) return;
    const csr = structuredClone(cached);
    const now = this.ctx.sim.clock.now();
    let req: CertificateRequest;
    try {
      req = parseCSR(requestBytes(csr));
    } catch {
      return;
    }
    const failure = validate(req, csr.spec?.usages ?? []);
    if (failure) {
      csr.status = { ...csr.status, conditions: [...(csr.status?.conditions ?? []), { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: failure, lastUpdateTime: formatTime(now) }] };
    } else {
      const requested = csr.spec?.expirationSeconds ? csr.spec.expirationSeconds * 1000 : ClusterSigningDurationMs;
      const pem = issueCertificate(clusterCA(this.ctx.sim.seed), {
        serial: serialFor(this.ctx.sim.seed, csr.metadata?.uid ?? key),
        subject: req.subject,
        publicKeyInfo: req.publicKeyInfo,
        notBefore: now - BackdateMs,
        notAfter: now + Math.min(requested, ClusterSigningDurationMs),
        keyUsage: (csr.spec?.usages ?? []).reduce((bits, u) => bits | (keyUsageBits[u] ?? 0), 0),
        extKeyUsages: (csr.spec?.usages ?? []).flatMap((u) => (extKeyUsageOids[u] ? [extKeyUsageOids[u]] : [])),
      });
      csr.status = { ...csr.status, certificate: encodeBase64(pem) };
    }
    try {
      await this.ctx.client.updateStatus(Resources.certificatesigningrequests, csr);
    } catch (e) {
      if (!isApiError(e, 'NotFound') && !isApiError(e, 'Conflict')) throw e;
    }
  }
}
