import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Status } from 'kubernetes-types/meta/v1';
import { imageName } from '../../kubelet/images';
import { hexDigest } from '../../kubelet/hash';
import type { ExecCommand } from '../../kubelet/programs/execCommand';
import { LineDiscipline } from '../../kubelet/programs/lineDiscipline';
import { coreutilsOf } from '../../kubelet/programs/program';
import { isShell } from '../../kubelet/programs/shell';
import { lacksTool } from '../../kubelet/programs/imageTools';
import type { ServerContext } from '../handlers/context';
import { streamProgram, type ExecStream, type Print } from './commandOutput';

const baseName = (path: string) => path.split('/').pop() ?? '';

/** isBareShell reports a shell started without a script (`sh`, `bash -i`): it reads commands from stdin. */
export function isBareShell(argv: string[]): boolean {
  if (!isShell(argv[0] ?? '')) return false;
  return argv.length === 1 || (argv.length === 2 && ['-i', '-l', '-il', '-li'].includes(argv[1]));
}

/**
 * missingExecutable is the runtime's refusal of a program the image does not have: busybox and
 * alpine have sh and ash but no bash, none of the images the simulation knows has zsh, and the
 * network tools are where imageTools.ts says (containerd and runc's words).
 */
export function missingExecutable(spec: Container, argv: string[]): Status | undefined {
  const cmd = baseName(argv[0] ?? '');
  const missing = cmd === 'zsh' || (cmd === 'bash' && coreutilsOf(imageName(spec.image ?? '')) === 'busybox') || lacksTool(spec.image ?? '', cmd);
  if (!missing) return undefined;
  const cause = `error executing command in container: failed to exec in container: failed to start exec "${hexDigest(`${spec.name}/${argv.join(' ')}`)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`;
  return { metadata: {}, status: 'Failure', message: `Internal error occurred: ${cause}`, reason: 'InternalError', details: { causes: [{ message: cause }] }, code: 500 };
}

/** SessionIO is what a shell session runs commands with and writes to. */
export interface SessionIO {
  argv: string[];
  pod: Pod;
  spec: Container;
  tty: boolean;
  run(argv: string[], atMs: number): ExecCommand;
  print: Print;
  end(exitCode: number): void;
}

/**
 * ShellSession is an interactive shell in a simulated container (`kubectl exec -it pod -- sh`): each
 * line read from stdin runs as `sh -c LINE` at the simulated time it arrives, one after another;
 * `exit [n]`, end of input or Ctrl-D end the session. With a terminal (-t) the session echoes what is
 * typed, prompts as the image's shell does and writes lines ending in CR LF; without one it runs
 * what is piped in.
 */
export class ShellSession implements ExecStream {
  private readonly discipline?: LineDiscipline;
  private readonly queue: string[] = [];
  private partial = '';
  private eof = false;
  private ended = false;
  private running?: () => void;
  private status = 0;
  private cwd = '/';

  constructor(
    private readonly ctx: ServerContext,
    private readonly io: SessionIO,
  ) {
    if (io.tty) this.discipline = new LineDiscipline();
  }

  start(): void {
    this.prompt();
  }

  input(data: string | null): void {
    if (this.ended) return;
    if (data === null) {
      this.eof = true;
    } else if (this.discipline) {
      const typed = this.discipline.feed(data);
      this.write(typed.echo);
      if (typed.interrupt) this.interrupt();
      this.queue.push(...typed.lines);
      if (typed.eof) this.eof = true;
    } else {
      const lines = (this.partial + data).split('\n');
      this.partial = lines.pop() ?? '';
      this.queue.push(...lines);
    }
    if (this.eof && this.partial) {
      this.queue.push(this.partial);
      this.partial = '';
    }
    this.drain();
  }

  stop(): void {
    this.running?.();
    this.ended = true;
  }

  private interrupt(): void {
    if (!this.running) return this.prompt();
    this.running();
    this.running = undefined;
    this.status = 130;
    this.prompt();
  }

  private drain(): void {
    while (!this.running && !this.ended && this.queue.length) this.execute(this.queue.shift()!);
    if (!this.running && !this.ended && this.eof && this.queue.length === 0) this.finish(this.status);
  }

  private execute(line: string): void {
    const text = line.trim();
    const exit = /^(?:exit|logout)(?:\s+(\d+))?$/.exec(text);
    if (exit) return this.finish(exit[1] === undefined ? this.status : Number(exit[1]) & 255);
    const cd = /^cd(?:\s+(\S+))?$/.exec(text);
    if (cd) {
      this.cwd = cd[1] === undefined ? '/root' : cd[1].startsWith('/') ? cd[1] : `${this.cwd.replace(/\/$/, '')}/${cd[1]}`;
      this.status = 0;
      return this.prompt();
    }
    if (text === 'pwd') {
      this.write(`${this.cwd}\n`);
      return this.prompt();
    }
    if (text === '') return this.prompt();
    const { program, notice } = this.io.run(['sh', '-c', text], this.ctx.sim.clock.now());
    if (notice) this.write(notice, 'stderr');
    let finished = false;
    const stop = streamProgram(this.ctx, program, this.ctx.sim.clock.now(), (t, stream) => this.write(t, stream), (code) => {
      finished = true;
      this.running = undefined;
      this.status = code;
      this.prompt();
      this.drain();
    });
    if (!finished) this.running = stop;
  }

  private finish(code: number): void {
    if (this.ended) return;
    this.ended = true;
    // bash says so on its terminal; ash and dash leave without a word.
    if (this.io.tty && baseName(this.io.argv[0]) === 'bash') this.write('exit\n');
    this.io.end(code);
  }

  /** prompt is the image's shell prompt, on a terminal only: busybox ash "/ # ", bash "root@pod:/# ", dash "# ". */
  private prompt(): void {
    if (!this.io.tty || this.ended) return;
    const shell = baseName(this.io.argv[0]);
    if (shell === 'bash') this.write(`root@${this.io.pod.metadata?.name ?? ''}:${this.cwd}# `);
    else if (coreutilsOf(imageName(this.io.spec.image ?? '')) === 'busybox') this.write(`${this.cwd} # `);
    else this.write('# ');
  }

  /** write passes output on; a terminal has one stream, and ends lines with CR LF. */
  private write(text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    if (!text) return;
    if (this.io.tty) this.io.print(text.replace(/\r?\n/g, '\r\n'), 'stdout');
    else this.io.print(text, stream);
  }
}
