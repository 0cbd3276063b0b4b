import { fieldError, type FieldError } from '../fieldErrors';
import { isDNS1123Subdomain, regexError } from '../validation/names';

// IsDomainPrefixedPath of k8s.io/apimachinery/pkg/util/validation/path.go (v1.32): the format of
// IngressClass spec.controller and Job spec.managedBy, "example.com/name".

const httpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const httpPathRe = new RegExp(`^${httpPathFmt}$`);

/** isDomainPrefixedPath checks a domain-prefixed path ("acme.io/foo"). */
export function isDomainPrefixedPath(path: string, value: string): FieldError[] {
  if (value.length === 0) return [fieldError.required(path)];
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || host.length === 0 || rest.length === 0) {
    return [fieldError.invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  }
  const errs = isDNS1123Subdomain(host).map((msg) => fieldError.invalid(path, host, msg));
  if (!httpPathRe.test(rest)) errs.push(fieldError.invalid(path, rest, regexError('Invalid path', httpPathFmt)));
  return errs;
}
