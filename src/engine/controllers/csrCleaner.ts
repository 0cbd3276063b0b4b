import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1';
import { decodeBase64 } from '../api/base64';
import { isApiError } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import type { Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { certificateNotAfter } from '../crypto/certificate';
import { parseTime } from '../sim/clock';
import { QueueController, type ControllerContext } from './controller';

// The CSR cleaner of pkg/controller/certificates/cleaner/cleaner.go (v1.32): once an hour it
// deletes the requests that are done with: issued, denied or failed an hour ago, pending for a day,
// or whose certificate has expired.

const PollingIntervalMs = 3_600_000;
const ApprovedExpirationMs = 3_600_000;
const DeniedExpirationMs = 3_600_000;
const PendingExpirationMs = 24 * 3_600_000;

/** conditionTime is when a condition of the type was last updated, or undefined when there is none. */
function conditionTime(csr: CertificateSigningRequest, type: string): number | undefined {
  const c = csr.status?.conditions?.find((x) => x.type === type);
  return c ? parseTime(c.lastUpdateTime ?? c.lastTransitionTime ?? '') : undefined;
}

/** isDone is handle's test: the request is past its deadline and is deleted. */
export function isDone(csr: CertificateSigningRequest, now: number): boolean {
  const approved = conditionTime(csr, 'Approved');
  const denied = conditionTime(csr, 'Denied');
  const failed = conditionTime(csr, 'Failed');
  const issued = !!csr.status?.certificate;
  if (issued && approved !== undefined && approved + ApprovedExpirationMs < now) return true;
  if (denied !== undefined && denied + DeniedExpirationMs < now) return true;
  if (failed !== undefined && failed + DeniedExpirationMs < now) return true;
  if (approved === undefined && denied === undefined && parseTime(csr.metadata?.creationTimestamp ?? '') + PendingExpirationMs < now) return true;
  return issued && certificateExpiry(csr.status!.certificate!) < now;
}

/** certificateExpiry is the notAfter of an issued certificate (PEM, base64 in JSON). */
function certificateExpiry(certificate: string): number {
  return certificateNotAfter(decodeBase64(certificate) ?? '');
}

export class CSRCleanerController extends QueueController {
  readonly name = 'certificatesigningrequest-cleaner-controller';
  protected readonly queue: WorkQueue;
  private readonly csrs: Informer<CertificateSigningRequest>;
  private stopPolling?: () => void;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers);
    this.csrs = ctx.informers.for<CertificateSigningRequest>(Resources.certificatesigningrequests);
  }

  override run(): void {
    super.run();
    this.stopPolling = this.ctx.sim.timers.every(PollingIntervalMs, () => {
      for (const csr of this.csrs.lister.list()) this.queue.add(csr.metadata!.name!);
    });
  }

  override stop(): void {
    this.stopPolling?.();
    super.stop();
  }

  async sync(name: string): Promise<void> {
    const csr = this.csrs.lister.get('', name);
    if (!csr || !isDone(csr, this.ctx.sim.clock.now())) return;
    try {
      await this.ctx.client.delete(Resources.certificatesigningrequests, undefined, name);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }
}
