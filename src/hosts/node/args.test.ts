import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

describe('apiserver flags', () => {
  it('reads --flag value and --flag=value', () => {
    const a = parseArgs(['--port', '7000', '--nodes=5', '--seed', 'x', '--speed', '2.5', '--start-time', '2025-06-01T00:00:00Z']);
    expect(a).toMatchObject({ port: 7000, nodes: 5, seed: 'x', speed: 2.5, tls: false, startMs: Date.UTC(2025, 5, 1) });
  });
  it('reads --tls as a switch', () => {
    expect(parseArgs(['--tls', '--port', '1']).tls).toBe(true);
    expect(parseArgs(['--tls=false']).tls).toBe(false);
    expect(() => parseArgs(['--tls=maybe'])).toThrow(/--tls takes no value/);
  });
  it('reads --authorization-mode as kube-apiserver spells it', () => {
    expect(parseArgs([]).authorizationMode).toBe('AlwaysAllow');
    expect(parseArgs(['--authorization-mode', 'Node,RBAC']).authorizationMode).toBe('RBAC');
    expect(parseArgs(['--authorization-mode=RBAC']).authorizationMode).toBe('RBAC');
    expect(() => parseArgs(['--authorization-mode', 'ABAC'])).toThrow(/--authorization-mode must be AlwaysAllow, RBAC or Node,RBAC/);
  });
  it.each([
    [['--port', 'abc'], /--port must be an integer/],
    [['--speed', '-1'], /--speed must be a number >= 0/],
    [['--bogus', '1'], /unknown flag --bogus/],
    [['--start-time', 'yesterday'], /--start-time must be an RFC 3339 time/],
  ])('refuses %j with the usage line', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
    expect(() => parseArgs(argv)).toThrow(/usage: npm run apiserver/);
  });
});
