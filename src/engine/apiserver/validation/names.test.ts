import { describe, it, expect } from 'vitest';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isCIdentifier,
  isEnvVarName,
  isConfigMapKey,
  nameIsDNSSubdomain,
} from './names';

// Expected texts are the v1.32 strings of k8s.io/apimachinery/pkg/util/validation/validation.go.
const subdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const dns1035Msg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('isDNS1123Subdomain', () => {
  it.each(['a', 'example.com', 'a-b.c-d', '0'])('accepts %s', (v) => expect(isDNS1123Subdomain(v)).toEqual([]));
  it.each(['Nginx', '-a', 'a-', 'a_b', ''])('rejects %s with the upstream message', (v) => expect(isDNS1123Subdomain(v)).toEqual([subdomainMsg]));
  it('reports length over 253', () => expect(isDNS1123Subdomain('a'.repeat(254))[0]).toBe('must be no more than 253 characters'));
});

describe('isDNS1123Label', () => {
  it('rejects dots with "must not contain dots"', () => expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']));
  it('rejects uppercase with the regex message', () => expect(isDNS1123Label('My')).toEqual([labelMsg]));
  it('rejects 64 characters', () => expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']));
});

describe('isDNS1035Label', () => {
  it('rejects a leading digit', () => expect(isDNS1035Label('1abc')).toEqual([dns1035Msg]));
  it('accepts my-svc', () => expect(isDNS1035Label('my-svc')).toEqual([]));
});

describe('isQualifiedName', () => {
  it.each(['app', 'app.kubernetes.io/name', 'A_b.c'])('accepts %s', (v) => expect(isQualifiedName(v)).toEqual([]));
  it('reports an empty prefix', () => expect(isQualifiedName('/a')).toEqual(['prefix part must be non-empty']));
  it('reports a bad name part', () =>
    expect(isQualifiedName('a/-b')).toEqual([
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]));
  it('reports too many slashes', () =>
    expect(isQualifiedName('a/b/c')[0]).toMatch(/^a qualified name must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/));
});

describe('isValidLabelValue', () => {
  it('accepts empty', () => expect(isValidLabelValue('')).toEqual([]));
  it('rejects a trailing dash', () =>
    expect(isValidLabelValue('v1-')).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]));
});

describe('isValidPortName', () => {
  it('collects every failure', () =>
    expect(isValidPortName('-HTTP--')).toEqual([
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must contain at least one letter (a-z)',
      'must not contain consecutive hyphens',
      'must not begin or end with a hyphen',
    ]));
  it('limits to 15 characters', () => expect(isValidPortName('abcdefghijklmnop')).toEqual(['must be no more than 15 characters']));
});

describe('other formats', () => {
  it('isCIdentifier rejects a leading digit', () => expect(isCIdentifier('1A')).toHaveLength(1));
  it('isEnvVarName rejects "..x"', () => expect(isEnvVarName('..x')).toContain("must not start with '..'"));
  it('isConfigMapKey rejects a slash', () => expect(isConfigMapKey('a/b')[0]).toMatch(/^a valid config key must consist of/));
  it('generateName may end in a dash', () => expect(nameIsDNSSubdomain('web-', true)).toEqual([]));
});
