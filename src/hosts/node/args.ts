import type { AuthorizationMode } from '../../engine/apiserver/authorization/authorizer';

/** ApiserverArgs are the flags of `npm run apiserver`. */
export interface ApiserverArgs {
  port: number;
  nodes: number;
  seed: string;
  speed: number;
  kubeconfig?: string;
  /** authorizationMode is kube-apiserver's --authorization-mode: AlwaysAllow, or RBAC (Node,RBAC as kubeadm sets it). */
  authorizationMode: AuthorizationMode;
  /** tls serves HTTPS with certificates from a cluster CA made at start (kubectl sends bearer tokens over HTTPS only). */
  tls: boolean;
  /** startMs is when simulated time starts; the wall clock's now by default, so kubectl's ages read right. */
  startMs: number;
}

const usage =
  'usage: npm run apiserver -- --port <n> [--nodes <workers>] [--seed <s>] [--speed <x>] [--start-time <RFC 3339>] [--kubeconfig <path>] [--tls] [--authorization-mode AlwaysAllow|RBAC]';

/** parseArgs reads --flag value and --flag=value pairs; anything else is an error with the usage line. */
export function parseArgs(argv: string[]): ApiserverArgs {
  const out: ApiserverArgs = { port: 6443, nodes: 3, seed: '1', speed: 1, tls: false, authorizationMode: 'AlwaysAllow', startMs: Math.floor(Date.now() / 1000) * 1000 };
  for (let i = 0; i < argv.length; i++) {
    const m = argv[i].match(/^--([a-z-]+)(?:=(.*))?$/);
    if (!m) throw new Error(`unexpected argument ${argv[i]}\n${usage}`);
    if (m[1] === 'tls') {
      if (m[2] !== undefined && m[2] !== 'true' && m[2] !== 'false') throw new Error(`--tls takes no value, or true or false\n${usage}`);
      out.tls = m[2] !== 'false';
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value\n${usage}`);
    switch (m[1]) {
      case 'port':
        out.port = int(value, 'port', 0, 65535);
        break;
      case 'nodes':
        out.nodes = int(value, 'nodes', 0, 10000);
        break;
      case 'seed':
        out.seed = value;
        break;
      case 'speed':
        out.speed = Number(value);
        if (!(out.speed >= 0)) throw new Error(`--speed must be a number >= 0\n${usage}`);
        break;
      case 'start-time':
        out.startMs = Date.parse(value);
        if (Number.isNaN(out.startMs)) throw new Error(`--start-time must be an RFC 3339 time such as 2025-01-01T00:00:00Z\n${usage}`);
        break;
      case 'kubeconfig':
        out.kubeconfig = value;
        break;
      case 'authorization-mode': {
        // kubeadm's Node,RBAC: the Node authorizer speaks only for kubelets' own credentials.
        const modes = value.split(',');
        if (value === 'AlwaysAllow') out.authorizationMode = 'AlwaysAllow';
        else if (modes.includes('RBAC') && modes.every((mode) => mode === 'RBAC' || mode === 'Node')) out.authorizationMode = 'RBAC';
        else throw new Error(`--authorization-mode must be AlwaysAllow, RBAC or Node,RBAC\n${usage}`);
        break;
      }
      default:
        throw new Error(`unknown flag --${m[1]}\n${usage}`);
    }
  }
  return out;
}

function int(v: string, name: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}\n${usage}`);
  return n;
}
