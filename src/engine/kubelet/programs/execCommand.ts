import type { Container, Pod } from 'kubernetes-types/core/v1';
import { imageName } from '../images';
import type { ClusterView } from './clusterDns';
import { coreutilsOf, programContext } from './program';
import { isShell, shellProgram } from './shell';
import type { ContainerProgram } from './types';


/** simulatedCommands are the commands whose effect and output the shell simulation knows (shellParse.ts). */
const simulatedCommands = new Set([
  'echo', 'printf', 'date', 'hostname', 'env', 'printenv', 'cat', 'ls', 'sleep', 'exit', 'false', 'true', ':', '[', 'test',
  'touch', 'rm', 'trap', 'exec', 'nslookup', 'host', 'wget', 'curl', 'grep', 'head', 'tail', 'wc', 'sort', 'uniq',
]);

/** ExecCommand is a command run in a container by `kubectl exec`: its simulated process, and a note when it is not modelled. */
export interface ExecCommand {
  program: ContainerProgram;
  /** notice goes to stderr: the command is not one the simulation models, so it printed nothing. */
  notice?: string;
}

/**
 * execCommand is what the container runtime runs for an exec: the command in the container's
 * environment, files and DNS view, starting at startMs. Shell scripts and the commands of
 * simulatedCommands follow the shell simulation; any other command runs without output, and says so.
 */
export function execCommand(pod: Pod, c: Container, argv: string[], attempt: number, view: ClusterView, startMs: number): ExecCommand {
  // kubectl cp runs tar through exec; the simulation keeps no file contents for it to copy.
  if (argv[0]?.split('/').pop() === 'tar') {
    const program: ContainerProgram = { runMs: 0, exitCode: 2, stopMs: 0, stopExitCode: 2, output: () => undefined };
    return { program, notice: `tar: files in Kube Playground's simulated containers have no content to archive or extract, so kubectl cp cannot copy them\n` };
  }
  const ctx = programContext(pod, c, attempt, { ...view, startMs });
  const program = shellProgram(argv, ctx, coreutilsOf(imageName(c.image ?? '')));
  const unknown = unsimulated(argv);
  if (unknown.length === 0) return { program };
  return { program, notice: unknown.map((cmd) => `kube-playground: "${cmd}" is not simulated in container ${c.name}: it ran and printed nothing\n`).join('') };
}

/** keywords are the shell's own words, which start no command. */
const keywords = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'while', 'until', 'do', 'done', 'case', 'esac', '{', '}', '!', 'cd', 'export', 'set', 'unset', 'read', 'shift', 'wait']);

/** unsimulated lists the commands of an argv, or of its `sh -c` script, that the shell simulation does not model. */
function unsimulated(argv: string[]): string[] {
  const cmd = argv[0]?.split('/').pop() ?? '';
  if (!isShell(cmd)) return simulatedCommands.has(cmd) ? [] : [argv[0]];
  const c = argv.indexOf('-c');
  if (c < 0) return [];
  const out: string[] = [];
  for (const segment of argv.slice(c + 1).join(' ').split(/[;&|\n()`]+|\$\(/)) {
    const words = segment.trim().split(/\s+/).filter((w) => !/^[A-Za-z_]\w*=/.test(w));
    let i = 0;
    while (i < words.length && keywords.has(words[i]) && words[i] !== 'cd') i++;
    const word = words[i];
    if (!word || keywords.has(word) || /^[<>'"$\d]/.test(word)) continue;
    const name = word.split('/').pop() ?? '';
    if (!simulatedCommands.has(name) && !isShell(name) && !out.includes(word)) out.push(word);
  }
  return out;
}
