import type { ContainerProgram, LogLine, Run } from '../../kubelet/programs/types';
import type { ServerContext } from '../handlers/context';

/** ExecPollMs is how often a running exec passes on what its command printed, in simulated time. */
const ExecPollMs = 1000;

/** Print passes on what a command wrote to one of its streams. */
export type Print = (text: string, stream: 'stdout' | 'stderr') => void;

/** ExecStream is a running exec: stop ends it (the client went away), input feeds its stdin (null: stdin closed). */
export interface ExecStream {
  stop(): void;
  input(data: string | null): void;
}

/**
 * streamProgram passes on what a command prints from startMs as simulated time passes, then calls
 * done with its exit code; it returns a function that stops it early (a signal).
 */
export function streamProgram(ctx: ServerContext, program: ContainerProgram, startMs: number, print: Print, done: (exitCode: number) => void): () => void {
  const run: Run = { startMs, endMs: startMs + program.runMs, signalled: false };
  let from = startMs;
  const flush = (to: number) => {
    const out: LogLine[] = [];
    program.output(run, from, to, out);
    from = to;
    // Consecutive lines of one stream go out together.
    for (let i = 0; i < out.length; ) {
      const stream = out[i].stderr ? 'stderr' : 'stdout';
      let text = '';
      for (; i < out.length && (out[i].stderr ? 'stderr' : 'stdout') === stream; i++) text += `${out[i].line}\n`;
      print(text, stream);
    }
  };
  if (run.endMs <= startMs) {
    flush(run.endMs + 1);
    done(program.exitCode);
    return () => undefined;
  }
  // What it prints as it starts goes out at once, the rest as time passes.
  flush(startMs + 1);
  const stop = ctx.sim.timers.every(ExecPollMs, () => {
    const now = ctx.sim.clock.now();
    if (now < run.endMs) return flush(now);
    stop();
    flush(run.endMs + 1);
    done(program.exitCode);
  });
  return stop;
}
