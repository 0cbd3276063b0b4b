import { hashFraction } from '../hash';
import { listDirectory } from './containerFiles';
import { commandOps, parseScript, type Filter, type Op, type Word } from './shellParse';
import { ClusterDNS } from '../config';
import { lacksTool, notFound } from './imageTools';
import { curlOutput, hostOutput, nslookupOutput, resolverFlavour, wgetOutput } from './netTools';
import type { ClusterNetwork, ToolOutput } from './network';
import { maxLoopLines, pushIn, type ContainerProgram, type LogLine, type ProgramContext, type Run } from './types';

const shells = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** isShell says whether a command (by path or name) is one of the shells scripts run with. */
export function isShell(command: string): boolean {
  return shells.has(command.split('/').pop() ?? '');
}

/** busyLoopMs is the period given to a loop that never sleeps, so its output stays finite. */
const busyLoopMs = 100;

/**
 * Coreutils is whose `cat` and `ls` an image has: busybox (busybox, alpine) or GNU (the rest); they
 * word a missing file differently.
 */
export type Coreutils = 'busybox' | 'gnu';

/** shellProgram simulates a container whose argv is a shell script or a plain command (echo, sleep, …). */
export function shellProgram(argv: string[], ctx: ProgramContext, coreutils: Coreutils = 'busybox'): ContainerProgram {
  const c = argv.indexOf('-c');
  const parsed = isShell(argv[0] ?? '') ? (c > 0 ? parseScript(argv.slice(c + 1).join(' ')) : []) : commandOps(argv);
  const ops = ctx.network ? answeredByNetwork(parsed, ctx, ctx.network) : parsed;
  // An await loop fails once per period until its last name resolves, counted from when the loop starts.
  const failures = (o: AwaitOp, atMs: number): number => {
    const st: State = { t: atMs, vars: { ...ctx.env }, exited: false };
    const resolvedAt = Math.max(...o.names.map((n) => ctx.resolvesAt(expand(n, st, ctx))));
    if (resolvedAt <= atMs) return 0;
    return resolvedAt === Infinity ? Infinity : Math.ceil((resolvedAt - atMs) / bodyLength([...o.cond, ...o.body]));
  };
  const { ms, code } = runLength(ops, (o, sinceStartMs) => failures(o, ctx.startMs + sinceStartMs));
  const traps = contains(ops, 'trap');
  return {
    runMs: ms,
    exitCode: code,
    awaits: awaitedNames(ops, ctx),
    // A shell or sleep running as PID 1 has no SIGTERM handler and the kernel ignores the signal,
    // so the pod waits out its whole grace period, unless the script traps TERM.
    stopMs: traps ? 100 : Infinity,
    stopExitCode: 0,
    output(run: Run, fromMs: number, toMs: number, out: LogLine[]) {
      const st: State = { t: run.startMs, vars: { ...ctx.env }, exited: false };
      emit(ops, st, { run, fromMs, toMs: Math.min(toMs, run.endMs + 1), out, ctx, failures });
    },
    exec: (command, sinceStartMs) => execInContainer(command, (path) => fileExistsAt(ops, path, sinceStartMs), coreutils),
  };
}

/**
 * execInContainer runs the commands exec probes use to look at a file (cat, ls, test -e/-f and
 * `[ -f … ]`, directly or under `sh -c`) against the files the script made; any other command is
 * not modelled and its result is undefined. An image's /tmp starts empty; other paths the script
 * never touched are taken to exist.
 */
function execInContainer(command: string[], exists: (path: string) => boolean | undefined, coreutils: Coreutils): { code: number; output: string } | undefined {
  const argv = command.length === 3 && isShell(command[0]) && command[1] === '-c' ? command[2].trim().split(/\s+/) : command;
  const cmd = argv[0]?.split('/').pop();
  const path = argv.filter((a, i) => i > 0 && !a.startsWith('-') && a !== ']').at(-1);
  if (!cmd || !path || !['cat', 'ls', 'test', '['].includes(cmd)) return undefined;
  const there = exists(path) ?? !path.startsWith('/tmp/');
  if (there) return { code: 0, output: '' };
  if (cmd === 'test' || cmd === '[') return { code: 1, output: '' };
  const output =
    cmd === 'cat'
      ? coreutils === 'busybox'
        ? `cat: can't open '${path}': No such file or directory`
        : `cat: ${path}: No such file or directory`
      : coreutils === 'busybox'
        ? `ls: ${path}: No such file or directory`
        : `ls: cannot access '${path}': No such file or directory`;
  return { code: 1, output: `${output}\n` };
}

/** fileExistsAt replays the script's file operations up to atMs into its run; undefined if it never touches path. */
function fileExistsAt(ops: Op[], path: string, atMs: number): boolean | undefined {
  const st = { t: 0, state: undefined as boolean | undefined, done: false };
  replayFiles(ops, path, atMs, st);
  return st.state;
}

function replayFiles(ops: Op[], path: string, atMs: number, st: { t: number; state: boolean | undefined; done: boolean }): void {
  for (const o of ops) {
    if (st.done || st.t > atMs) {
      st.done = true;
      return;
    }
    if (o.t === 'sleep' || o.t === 'wait') st.t += o.ms;
    else if (o.t === 'file' && o.path === path) st.state = o.exists;
    else if (o.t === 'exit') st.done = true;
    else if (o.t === 'loop') {
      if (!contains(o.body, 'file')) {
        // A loop that touches no file only moves time on.
        const { ms } = runLength(o.body);
        st.t += o.items ? ms * o.items.length : Infinity;
        continue;
      }
      const period = bodyLength(o.body);
      const rounds = o.items ? o.items.length : Infinity;
      // Whole rounds before atMs are skipped but one, whose file operations are the ones still in effect.
      const skip = Math.max(0, Math.min(rounds - 1, Math.floor((atMs - st.t) / period) - 1));
      st.t += skip * period;
      for (let k = skip; k < rounds && !st.done; k++) {
        const before = st.t;
        replayFiles(o.body, path, atMs, st);
        // A round that never sleeps still takes the busy-loop period, as its output does.
        if (st.t === before) st.t += period;
      }
    }
  }
}

/**
 * answeredByNetwork replaces the script's DNS lookups and HTTP requests with what the network
 * answers now: the tool's output and exit status (a wget that saves a file makes it). URLs and
 * names are expanded from the container's environment. The lookups an `until` loop waits on keep
 * waiting by time (see await).
 */
function answeredByNetwork(ops: Op[], ctx: ProgramContext, net: ClusterNetwork): Op[] {
  const st: State = { t: ctx.startMs, vars: { ...ctx.env }, exited: false };
  const toOps = (r: ToolOutput): Op[] => [
    ...r.lines.map((l): Op => ({ t: 'print', words: [[{ lit: l.text }]], stderr: l.stderr })),
    ...(r.file ? [{ t: 'file', path: r.file, exists: true } as Op] : []),
    { t: 'status', code: r.code },
  ];
  // The network answers at once: the 50 ms an offline tool is given before its status goes.
  const isTool = (o: Op | undefined) => o?.t === 'lookup' || o?.t === 'fetch';
  const map = (list: Op[]): Op[] =>
    list.flatMap((o, i): Op[] => {
      if (o.t === 'wait' && list[i + 1]?.t === 'status' && isTool(list[i + 2])) return [];
      switch (o.t) {
        case 'loop':
        case 'await':
          return [{ ...o, body: map(o.body) }];
        case 'pipe':
          return [{ ...o, source: map(o.source) }];
        case 'lookup':
        case 'fetch':
          if (lacksTool(ctx.image, o.tool)) return toOps({ lines: [{ text: notFound(ctx.image, o.tool), stderr: true }], code: 127 });
          return o.t === 'lookup' ? lookupOps(o) : fetchOps(o);
        default:
          return [o];
      }
    });
  const lookupOps = (o: Extract<Op, { t: 'lookup' }>): Op[] => {
    const name = expand(o.name, st, ctx);
    return toOps(o.tool === 'host' ? hostOutput(name, net) : nslookupOutput(name, net, resolverFlavour(ctx.image)));
  };
  const fetchOps = (o: Extract<Op, { t: 'fetch' }>): Op[] => {
    const url = expand(o.url, st, ctx);
    return toOps(o.tool === 'wget' ? wgetOutput(url, o.args, net, ctx.podIP) : curlOutput(url, o.args, net, ctx.podIP, new Date(ctx.startMs).toUTCString()));
  };
  return map(ops);
}

/** applyFilter is one filter of a pipe over the lines written to it; those that need every line write at endMs. */
function applyFilter(f: Filter, lines: LogLine[], endMs: number): LogLine[] {
  const at = (line: string): LogLine => ({ timeMs: lines.length ? lines[lines.length - 1].timeMs : endMs, line });
  switch (f.f) {
    case 'grep': {
      const re = grepPattern(f.pattern, f.ignoreCase);
      const kept = lines.filter((l) => re.test(l.line) !== f.invert);
      return f.count ? [at(String(kept.length))] : kept;
    }
    case 'head':
      return lines.slice(0, f.n);
    case 'tail':
      return lines.slice(Math.max(0, lines.length - f.n)).map((l) => at(l.line));
    case 'wc':
      return [at(String(lines.length))];
    case 'sort': {
      const sorted = lines.map((l) => l.line).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return (f.reverse ? sorted.reverse() : sorted).map(at);
    }
    case 'uniq':
      return lines.filter((l, i) => i === 0 || lines[i - 1].line !== l.line);
  }
}

/** grepPattern reads a basic regular expression: . * ^ $ [] are special, + ? | ( ) { } are literal. */
function grepPattern(pattern: string, ignoreCase: boolean): RegExp {
  const flags = ignoreCase ? 'i' : '';
  try {
    return new RegExp(pattern.replace(/[+?|(){}]/g, '\\$&'), flags);
  } catch {
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
  }
}

/** writeFile does a file op of a command exec runs: a redirect writes what was printed, touch creates, rm removes. */
function writeFile(o: Extract<Op, { t: 'file' }>, st: State, ctx: ProgramContext): void {
  const files = ctx.files as Record<string, string>;
  if (!o.exists) {
    delete files[o.path];
    ctx.writeFile!(o.path, undefined);
    return;
  }
  const before = files[o.path];
  const printed = (o.output ?? []).flatMap((p) => render(p, st, ctx)).map((l) => `${l}\n`).join('');
  // touch keeps what a file holds; > replaces it; >> adds to it.
  const content = o.output === undefined ? (before ?? '') : (o.append ? (before ?? '') : '') + printed;
  files[o.path] = content;
  ctx.writeFile!(o.path, content);
}

interface State {
  t: number;
  vars: Record<string, string>;
  exited: boolean;
}

type AwaitOp = Extract<Op, { t: 'await' }>;

interface Window {
  run: Run;
  fromMs: number;
  toMs: number;
  out: LogLine[];
  ctx: ProgramContext;
  /** failures is how often an await loop starting at atMs (simulated ms) goes round before its names resolve. */
  failures(o: AwaitOp, atMs: number): number;
}

/** awaitedNames lists the names the script's await loops look up, as it expands them. */
function awaitedNames(ops: Op[], ctx: ProgramContext): string[] | undefined {
  const names: string[] = [];
  const st: State = { t: ctx.startMs, vars: { ...ctx.env }, exited: false };
  const visit = (list: Op[]): void => {
    for (const o of list) {
      if (o.t === 'await') names.push(...o.names.map((n) => expand(n, st, ctx)));
      else if (o.t === 'loop') visit(o.body);
    }
  };
  visit(ops);
  return names.length ? names : undefined;
}

function contains(ops: Op[], t: Op['t']): boolean {
  return ops.some((o) => o.t === t || (o.t === 'loop' && contains(o.body, t)) || (o.t === 'pipe' && contains(o.source, t)));
}

/**
 * runLength is how long the ops run before exiting on their own, and with which code. failures
 * counts an await loop's rounds from its start (ms since the run began); without it names resolve at once.
 */
export function runLength(ops: Op[], failures?: (o: AwaitOp, sinceStartMs: number) => number): { ms: number; code: number; exited?: boolean } {
  let ms = 0;
  let code = 0;
  for (const o of ops) {
    if (o.t === 'sleep' || o.t === 'wait') ms += o.ms;
    else if (o.t === 'await') {
      const rounds = failures?.(o, ms) ?? 0;
      if (rounds === Infinity) return { ms: Infinity, code: 0 };
      ms += rounds * bodyLength([...o.cond, ...o.body]) + runLength(o.cond).ms;
    } else if (o.t === 'status') code = o.code;
    else if (o.t === 'pipe') {
      // A pipeline takes as long as its source; its status is the filter's, taken to succeed.
      const source = runLength(o.source, failures);
      if (source.ms === Infinity) return { ms: Infinity, code: 0 };
      ms += source.ms;
      code = 0;
    }
    else if (o.t === 'exit') return { ms, code: o.code, exited: true };
    else if (o.t === 'loop') {
      if (!o.items) return { ms: Infinity, code: 0 };
      const body = runLength(o.body);
      ms += body.ms * (body.exited ? 1 : o.items.length);
      code = body.code;
      if (body.exited && o.items.length > 0) return { ms, code, exited: true };
    }
    if (ms === Infinity) return { ms, code: 0 };
  }
  return { ms, code };
}

function bodyLength(body: Op[]): number {
  const { ms } = runLength(body);
  return ms > 0 ? ms : busyLoopMs;
}

function increments(body: Op[]): Record<string, number> {
  const d: Record<string, number> = {};
  for (const o of body) if (o.t === 'inc') d[o.name] = (d[o.name] ?? 0) + o.delta;
  return d;
}

function emit(ops: Op[], st: State, w: Window): void {
  for (const o of ops) {
    if (st.exited || st.t >= w.toMs) return;
    switch (o.t) {
      case 'print':
        for (const line of render(o, st, w.ctx)) pushIn(w.out, w.run, w.fromMs, w.toMs, st.t, line, o.stderr);
        break;
      case 'env': {
        const vars: Record<string, string> = { ...st.vars, HOSTNAME: w.ctx.podName };
        if (!o.names) {
          for (const [k, v] of Object.entries(vars)) pushIn(w.out, w.run, w.fromMs, w.toMs, st.t, `${k}=${v}`);
          break;
        }
        // printenv NAME… prints the value of each one that is set, one per line.
        for (const name of o.names) {
          const v = vars[expand(name, st, w.ctx)];
          if (v !== undefined) pushIn(w.out, w.run, w.fromMs, w.toMs, st.t, v);
        }
        break;
      }
      case 'cat':
      case 'ls':
        for (const word of o.paths) {
          const path = expand(word, st, w.ctx);
          const content = w.ctx.files[path];
          // Only the mounted files are known: a file the script wrote has no content here.
          const lines = o.t === 'ls' ? (content !== undefined ? [path] : listDirectory(w.ctx.files, path)) : content !== undefined ? content.replace(/\n$/, '').split('\n') : [];
          for (const line of lines) pushIn(w.out, w.run, w.fromMs, w.toMs, st.t, line);
        }
        break;
      case 'sleep':
      case 'wait':
        st.t += o.ms;
        break;
      case 'lookup': {
        // Without a network of the moment (a log), a Service's name answers by when it was created.
        const name = expand(o.name, st, w.ctx);
        const at = w.ctx.resolvesAt(name);
        if (at === -Infinity) break;
        const address = at <= st.t ? w.ctx.serviceAddress(name) : undefined;
        const net: ClusterNetwork = { dnsServer: ClusterDNS, lookup: () => (address ? { fqdn: address.fqdn, addresses: [address.ip] } : 'nxdomain'), connect: () => ({ kind: 'outside' }) };
        const r = o.tool === 'host' ? hostOutput(name, net) : nslookupOutput(name, net, resolverFlavour(w.ctx.image));
        for (const l of r.lines) pushIn(w.out, w.run, w.fromMs, w.toMs, st.t, l.text, l.stderr);
        break;
      }
      case 'file':
        // Only a command exec runs writes its container's files; each write happens once, in the window of its moment.
        if (w.ctx.writeFile && st.t >= w.fromMs && st.t < w.toMs) writeFile(o, st, w.ctx);
        break;
      case 'pipe': {
        // The filters read all the source writes over the whole run, so any window sees the same lines.
        const piped: LogLine[] = [];
        emit(o.source, st, { ...w, out: piped, fromMs: -Infinity, toMs: w.run.endMs + 1 });
        let lines = piped.filter((l) => !l.stderr);
        for (const f of o.filters) lines = applyFilter(f, lines, st.t);
        for (const l of [...piped.filter((x) => x.stderr), ...lines]) pushIn(w.out, w.run, w.fromMs, w.toMs, l.timeMs, l.line, l.stderr);
        break;
      }
      case 'set':
        st.vars[o.name] = expand(o.value, st, w.ctx);
        break;
      case 'inc':
        st.vars[o.name] = String((Number(st.vars[o.name]) || 0) + o.delta);
        break;
      case 'exit':
        st.exited = true;
        return;
      case 'await': {
        const rounds = w.failures(o, st.t);
        const round = [...o.cond, ...o.body];
        if (rounds === Infinity) {
          endless(round, st, w);
          break;
        }
        for (let k = 0; k < rounds && !st.exited && st.t < w.toMs; k++) emit(round, st, w);
        emit(o.cond, st, w);
        break;
      }
      case 'loop':
        if (o.items) {
          for (const item of o.items) {
            if (o.name) st.vars[o.name] = expand(item, st, w.ctx);
            emit(o.body, st, w);
            if (st.exited || st.t >= w.toMs) return;
          }
        } else {
          endless(o.body, st, w);
        }
        break;
      default:
        break;
    }
  }
}

// An endless loop is not replayed from its start: whole iterations before the window are skipped
// arithmetically (counters advanced by their per-iteration increment), so a read is O(window).
function endless(body: Op[], st: State, w: Window): void {
  const period = bodyLength(body);
  const t0 = st.t;
  const end = Math.min(w.toMs, w.run.endMs + 1);
  let first = Math.max(0, Math.floor((w.fromMs - t0) / period) - 1);
  const last = Math.ceil((end - t0) / period);
  if (last - first > maxLoopLines) first = last - maxLoopLines;
  for (const [name, delta] of Object.entries(increments(body))) {
    st.vars[name] = String((Number(st.vars[name]) || 0) + delta * first);
  }
  for (let k = first; k <= last && !st.exited; k++) {
    st.t = t0 + k * period;
    if (st.t >= end) break;
    emit(body, st, w);
  }
  st.t = Infinity;
}

function expand(word: Word, st: State, ctx: ProgramContext): string {
  let s = '';
  for (const p of word) {
    if ('lit' in p) s += p.lit;
    else if ('host' in p) s += ctx.podName;
    else if ('file' in p) s += (ctx.files[p.file] ?? '').replace(/\n+$/, '');
    else if ('date' in p) s += formatDate(st.t, p.date);
    else if ('arith' in p) s += String((Number(st.vars[p.arith]) || 0) + p.delta);
    else if (p.v === 'HOSTNAME') s += ctx.podName;
    else if (p.v === 'RANDOM') s += String(Math.floor(hashFraction(`${ctx.seed}/${st.t}`) * 32768));
    else s += st.vars[p.v] ?? p.def ?? '';
  }
  return s;
}

const escapes: Record<string, string> = { n: '\n', t: '\t', '\\': '\\' };

/** render is the lines a print writes (output that ends no line is taken to end one). */
function render(o: Extract<Op, { t: 'print' }>, st: State, ctx: ProgramContext): string[] {
  const args = o.words.map((w) => expand(w, st, ctx));
  let out: string;
  if (o.printf) {
    const rest = args.slice(1);
    out = (args[0] ?? '').replace(/%[sd]/g, () => rest.shift() ?? '');
  } else if (o.escapes) {
    out = args.join(' ') + (o.noNewline ? '' : '\n');
  } else {
    return [args.join(' ')];
  }
  if (out === '') return [];
  const lines = out.replace(/\\([nt\\])/g, (_, c: string) => escapes[c]).split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** formatDate renders busybox `date` output ("Wed Jan  1 00:00:00 UTC 2025") or a +FORMAT. */
export function formatDate(ms: number, format: string): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const ymd = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!format.startsWith('+')) {
    return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms} UTC ${d.getUTCFullYear()}`;
  }
  const table: Record<string, string> = {
    s: String(Math.floor(ms / 1000)),
    Y: String(d.getUTCFullYear()),
    m: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    H: pad(d.getUTCHours()),
    M: pad(d.getUTCMinutes()),
    S: pad(d.getUTCSeconds()),
    T: hms,
    F: ymd,
    '%': '%',
  };
  return format.slice(1).replace(/%(.)/g, (m, c: string) => table[c] ?? m);
}
