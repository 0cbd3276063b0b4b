import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1';
import { ageColumn, column, nameColumn } from './columns';
import { humanDuration, translateTimestampSince } from './duration';
import type { Printer } from './types';

// The CertificateSigningRequest printer of pkg/printers/internalversion/printers.go (v1.32).

/** csrCondition is extractCSRStatus: Denied, Approved or Pending, then Failed and Issued. */
export function csrCondition(csr: CertificateSigningRequest): string {
  const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (csr.status?.certificate) status += ',Issued';
  return status;
}

/** certificateSigningRequestPrinter: NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION. */
export const certificateSigningRequestPrinter: Printer<CertificateSigningRequest> = {
  columns: [
    nameColumn,
    ageColumn,
    column('SignerName', 'string', 'Requested signer for the request. It is a qualified name in the form: `scope-hostname.io/name`.'),
    column('Requestor', 'string', 'Base64-encoded PKCS#10 CSR data'),
    column('RequestedDuration', 'string', 'expirationSeconds is the requested duration of validity of the issued certificate.'),
    column('Condition', 'string', 'Conditions applied to the request, such as approval or denial.'),
  ],
  cells: (csr, now) => [
    csr.metadata?.name ?? '',
    translateTimestampSince(csr.metadata?.creationTimestamp, now),
    csr.spec?.signerName || '<none>',
    csr.spec?.username ?? '',
    csr.spec?.expirationSeconds === undefined ? '<none>' : humanDuration(csr.spec.expirationSeconds * 1000),
    csrCondition(csr),
  ],
};
