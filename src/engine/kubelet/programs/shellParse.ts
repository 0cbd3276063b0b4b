// A small parser for the shell one-liners pod specs carry (`sh -c 'while true; do echo hi; sleep 5; done'`):
// enough of POSIX sh to know what such a script prints, how long it runs, how it exits and which
// files it touches and removes (what exec probes look at). Commands it does not know run instantly
// and print nothing; conditions are taken to succeed at once.

/** Part is one piece of a shell word: literal text or an expansion evaluated when the line is printed. */
export type Part =
  | { lit: string }
  | { v: string; def?: string }
  | { date: string }
  | { host: true }
  /** file is $(cat PATH): the content of a file the container can read, trailing newlines cut. */
  | { file: string }
  | { arith: string; delta: number };

export type Word = Part[];

/** Op is one step of a parsed script. */
export type Op =
  /** print writes its words: printf formats them; echo -e reads backslash escapes, and with -n adds no newline. */
  | { t: 'print'; words: Word[]; printf?: boolean; escapes?: boolean; noNewline?: boolean; stderr?: boolean }
  | { t: 'sleep'; ms: number }
  | { t: 'wait'; ms: number }
  | { t: 'set'; name: string; value: Word }
  | { t: 'inc'; name: string; delta: number }
  | { t: 'exit'; code: number }
  | { t: 'status'; code: number }
  /** env prints the environment: every variable, or only those named (printenv NAME…). */
  | { t: 'env'; names?: Word[] }
  /** cat prints files the container can read (its ConfigMap and Secret mounts); ls lists a directory of them. */
  | { t: 'cat'; paths: Word[] }
  | { t: 'ls'; paths: Word[] }
  | { t: 'trap' }
  /** file: the script creates (touch, a > or >> redirect, with what was printed into it) or removes (rm) a file. */
  | { t: 'file'; path: string; exists: boolean; output?: Extract<Op, { t: 'print' }>[]; append?: boolean }
  | { t: 'loop'; body: Op[]; items?: Word[]; name?: string }
  /** lookup is a DNS lookup (nslookup, host); on its own it succeeds, see await, unless a network answers it (exec). */
  | { t: 'lookup'; name: Word; tool: 'nslookup' | 'host' }
  /** fetch is an HTTP GET (wget, curl): on its own it takes 50 ms and succeeds, unless a network answers it (exec). */
  | { t: 'fetch'; tool: 'wget' | 'curl'; url: Word; args: string[] }
  /** pipe sends what source prints through filters (grep, head, tail, wc -l, sort, uniq); other commands after a | are dropped. */
  | { t: 'pipe'; source: Op[]; filters: Filter[] }
  /** await is `until <lookups>; do <body>; done`: cond and body repeat until every name resolves. */
  | { t: 'await'; names: Word[]; cond: Op[]; body: Op[] };

/** Filter is a command that reads lines on stdin and writes lines: what a pipe can do with output. */
export type Filter =
  | { f: 'grep'; pattern: string; invert: boolean; ignoreCase: boolean; count: boolean }
  | { f: 'head' | 'tail'; n: number }
  | { f: 'wc' }
  | { f: 'sort'; reverse: boolean }
  | { f: 'uniq' };

/** filterOf reads a filter command's argv; undefined for a command a pipe cannot simulate. */
export function filterOf(argv: string[]): Filter | undefined {
  const [cmd, ...args] = argv;
  const flags = args.filter((a) => a.startsWith('-') && a.length > 1).join('');
  const operands = args.filter((a) => !a.startsWith('-') || a.length === 1);
  switch (cmd?.split('/').pop()) {
    case 'grep':
      return operands[0] === undefined ? undefined : { f: 'grep', pattern: operands[0], invert: flags.includes('v'), ignoreCase: flags.includes('i'), count: flags.includes('c') };
    case 'head':
    case 'tail': {
      const n = /-n?(\d+)/.exec(args.join(' '))?.[1] ?? (args.includes('-n') ? args[args.indexOf('-n') + 1] : undefined);
      return { f: cmd.split('/').pop() as 'head' | 'tail', n: Number(n ?? 10) };
    }
    case 'wc':
      return flags.includes('l') ? { f: 'wc' } : undefined;
    case 'sort':
      return { f: 'sort', reverse: flags.includes('r') };
    case 'uniq':
      return { f: 'uniq' };
    default:
      return undefined;
  }
}

type Token = { op: string } | { word: Word; raw: string };

const isOp = (t: Token | undefined, op?: string): t is { op: string } => !!t && 'op' in t && (op === undefined || t.op === op);
const rawOf = (t: Token | undefined): string | undefined => (t && 'raw' in t ? t.raw : undefined);

function expansion(inner: string): Part {
  const cmd = inner.trim();
  if (cmd === 'hostname') return { host: true };
  const cat = /^cat\s+(\S+)$/.exec(cmd);
  if (cat) return { file: cat[1] };
  if (cmd.startsWith('date')) return { date: cmd.slice(4).trim().replace(/^['"]|['"]$/g, '') };
  return { lit: '' };
}

/** tokenize splits a script into words (with their expansions) and operators; newlines are ";". */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let parts: Part[] | null = null;
  let raw = '';
  const flush = () => {
    if (parts) out.push({ word: parts, raw });
    parts = null;
    raw = '';
  };
  const lit = (s: string) => {
    parts ??= [];
    raw += s;
    const last = parts[parts.length - 1];
    if (last && 'lit' in last) last.lit += s;
    else parts.push({ lit: s });
  };
  const dollar = (i: number): number => {
    parts ??= [];
    raw += '$';
    if (src[i] === '`') {
      const j = src.indexOf('`', i + 1);
      const end = j < 0 ? src.length : j;
      parts.push(expansion(src.slice(i + 1, end)));
      return end + 1;
    }
    if (src.startsWith('$((', i)) {
      const j = src.indexOf('))', i);
      const end = j < 0 ? src.length : j;
      const m = /^\s*\$?(\w+)\s*([+-])\s*(\d+)\s*$/.exec(src.slice(i + 3, end));
      parts.push(m ? { arith: m[1], delta: Number(m[3]) * (m[2] === '-' ? -1 : 1) } : { lit: '0' });
      return end + 2;
    }
    if (src.startsWith('$(', i)) {
      const j = src.indexOf(')', i);
      const end = j < 0 ? src.length : j;
      parts.push(expansion(src.slice(i + 2, end)));
      return end + 1;
    }
    if (src[i + 1] === '{') {
      const j = src.indexOf('}', i);
      const end = j < 0 ? src.length : j;
      const [name, def] = src.slice(i + 2, end).split(/:?-/, 2);
      parts.push(def === undefined ? { v: name } : { v: name, def });
      return end + 1;
    }
    const m = /^[A-Za-z_]\w*|^[0-9?$!#]/.exec(src.slice(i + 1));
    if (!m) {
      lit('$');
      return i + 1;
    }
    parts.push({ v: m[0] });
    return i + 1 + m[0].length;
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      flush();
      i++;
    } else if (c === '\n' || c === ';') {
      flush();
      out.push({ op: ';' });
      i += src[i + 1] === ';' ? 2 : 1;
    } else if ((c === '&' || c === '|') && src[i + 1] === c) {
      flush();
      out.push({ op: c + c });
      i += 2;
    } else if (c === '&' || c === '|') {
      flush();
      out.push({ op: c === '&' ? ';' : '|' });
      i++;
    } else if (c === '#' && parts === null) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === "'") {
      const j = src.indexOf("'", i + 1);
      const end = j < 0 ? src.length : j;
      lit(src.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      parts ??= [];
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          // Inside double quotes a backslash escapes only $ ` " \ and newline.
          lit('$`"\\\n'.includes(src[i + 1]) ? src[i + 1] : src.slice(i, i + 2));
          i += 2;
        } else if (src[i] === '$' || src[i] === '`') i = dollar(i);
        else lit(src[i++]);
      }
      i++;
    } else if (c === '\\') {
      lit(src[i + 1] ?? '');
      i += 2;
    } else if (c === '$' || c === '`') {
      i = dollar(i);
    } else {
      lit(c);
      i++;
    }
  }
  flush();
  return out;
}

/** withoutRedirect takes a stdout redirect (`> file`, `>> file`, `>file`) out of a command's words. */
function withoutRedirect(words: { word: Word; raw: string }[]): { words: { word: Word; raw: string }[]; target?: string; append?: boolean } {
  for (let i = 0; i < words.length; i++) {
    const m = /^1?(>>?)(.*)$/.exec(words[i].raw);
    if (!m) continue;
    const target = m[2] || words[i + 1]?.raw;
    const skip = m[2] ? 1 : 2;
    return { words: [...words.slice(0, i), ...words.slice(i + skip)], target, append: m[1] === '>>' };
  }
  return { words };
}

/** valueOptions are the wget and curl options that take the next word as their value: short letters (last in a cluster) and long names. */
const valueOptions: Record<'wget' | 'curl', { letters: string; long: Set<string> }> = {
  wget: { letters: 'OoPTUY', long: new Set(['--header', '--post-data', '--user-agent', '--output-document', '--timeout']) },
  curl: { letters: 'oHXdAemuw', long: new Set(['--header', '--request', '--data', '--output', '--max-time', '--connect-timeout', '--user-agent', '--write-out']) },
};

/** takesValue reports an option word whose value is the next word ("-O", "-qO", "--header"). */
export function takesValue(tool: 'wget' | 'curl', raw: string): boolean {
  const o = valueOptions[tool];
  return o.long.has(raw) || (/^-[A-Za-z]+$/.test(raw) && o.letters.includes(raw[raw.length - 1]));
}

/** shortFlags are the letters a short-option cluster sets ("-qO-" sets q and O, O taking "-"). */
export function shortFlags(tool: 'wget' | 'curl', raw: string): string[] {
  if (!/^-[A-Za-z]/.test(raw) || raw.startsWith('--')) return [];
  const letters: string[] = [];
  for (const ch of raw.slice(1)) {
    letters.push(ch);
    if (valueOptions[tool].letters.includes(ch)) break;
  }
  return letters;
}

/** urlArgument finds the URL among wget's or curl's arguments: the first word that is neither an option nor an option's value. */
function urlArgument(tool: 'wget' | 'curl', args: { word: Word; raw: string }[]): { word: Word; raw: string } | undefined {
  for (let i = 0; i < args.length; i++) {
    const raw = args[i].raw;
    if (takesValue(tool, raw)) i++;
    else if (!raw.startsWith('-')) return args[i];
  }
  return undefined;
}

const literal = (s: string): Word => [{ lit: s }];
const text = (w: Word): string => w.map((p) => ('lit' in p ? p.lit : '')).join('');

/** parseDuration reads sleep's argument: "5", "0.5", "2m", "1h", "infinity". */
export function parseDuration(s: string | undefined): number {
  if (!s) return 0;
  if (s === 'infinity' || s === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(s);
  if (!m) return 0;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]]!;
  return Number(m[1]) * unit;
}

/** parseScript parses a whole `sh -c` script. */
export function parseScript(src: string): Op[] {
  return new Parser(tokenize(src)).list(new Set());
}

/** commandOps turns one argv (a container's command without a shell) into ops. */
export function commandOps(argv: string[]): Op[] {
  return new Parser([]).simple(argv.map((a) => ({ word: literal(a), raw: a })));
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  list(stop: Set<string>): Op[] {
    const ops: Op[] = [];
    let last = 0;
    for (;;) {
      const t = this.toks[this.i];
      if (!t) return ops;
      if (isOp(t)) {
        this.i++;
        // `a || b`: a is taken to succeed, so b never runs.
        if (t.op === '||') this.command();
        else if (t.op === '|') this.pipe(ops, last);
        continue;
      }
      if (stop.has(t.raw)) return ops;
      last = ops.length;
      ops.push(...this.command());
    }
  }

  /** pipe reads the command after a | and, when it is a filter, sends the ops from `from` on through it. */
  private pipe(ops: Op[], from: number): void {
    const words: string[] = [];
    for (let j = this.i; this.toks[j] && !isOp(this.toks[j]); j++) words.push(rawOf(this.toks[j]) ?? '');
    this.command();
    const filter = filterOf(words.map((w) => w.replace(/^['"]|['"]$/g, '')));
    if (!filter) return;
    const source = ops.splice(from);
    const piped = source.length === 1 && source[0].t === 'pipe' ? source[0] : undefined;
    ops.push(piped ? { ...piped, filters: [...piped.filters, filter] } : { t: 'pipe', source, filters: [filter] });
  }

  private expect(word: string): void {
    while (this.toks[this.i] && rawOf(this.toks[this.i]) !== word) this.i++;
    this.i++;
  }

  private command(): Op[] {
    const head = rawOf(this.toks[this.i]);
    if (head === 'while' || head === 'until') {
      this.i++;
      const cond = this.list(new Set(['do']));
      this.expect('do');
      const body = this.list(new Set(['done']));
      this.expect('done');
      const names = cond.flatMap((o) => (o.t === 'lookup' ? [o.name] : []));
      if (head === 'until' && names.length) return [{ t: 'await', names, cond, body }];
      const endless = head === 'while' ? cond.every((o) => o.t === 'status' && o.code === 0) : cond.some((o) => o.t === 'status' && o.code !== 0);
      return endless ? [...cond, { t: 'loop', body: [...cond, ...body] }] : cond;
    }
    if (head === 'for') {
      this.i++;
      const name = rawOf(this.toks[this.i++]) ?? '';
      const items: Word[] = [];
      if (rawOf(this.toks[this.i]) === 'in') {
        this.i++;
        while (this.toks[this.i] && !isOp(this.toks[this.i])) items.push((this.toks[this.i++] as { word: Word }).word);
      }
      this.expect('do');
      const body = this.list(new Set(['done']));
      this.expect('done');
      return [{ t: 'loop', body, items, name }];
    }
    if (head === 'if') {
      this.i++;
      const cond = this.list(new Set(['then']));
      this.expect('then');
      const then = this.list(new Set(['else', 'elif', 'fi']));
      this.expect('fi');
      return [...cond, ...then];
    }
    const words: { word: Word; raw: string }[] = [];
    while (this.toks[this.i] && !isOp(this.toks[this.i])) words.push(this.toks[this.i++] as { word: Word; raw: string });
    return this.simple(words);
  }

  simple(all: { word: Word; raw: string }[]): Op[] {
    const { words, target, append } = withoutRedirect(all);
    const ops = this.simpleCommand(words);
    if (target === undefined) return ops;
    // Output sent to a file is not logged: what echo or printf wrote goes into the file, which exists from then on.
    const output = ops.filter((o): o is Extract<Op, { t: 'print' }> => o.t === 'print');
    return [...ops.filter((o) => o.t !== 'print' && o.t !== 'env' && o.t !== 'cat' && o.t !== 'ls'), { t: 'file', path: target, exists: true, output, append }];
  }

  /** simpleCommand turns one simple command, its redirect taken out, into ops. */
  private simpleCommand(words: { word: Word; raw: string }[]): Op[] {
    const ops: Op[] = [];
    let k = 0;
    for (; k < words.length && /^[A-Za-z_]\w*=/.test(words[k].raw); k++) {
      const w = words[k].word;
      const first = w[0] as { lit: string };
      const eq = first.lit.indexOf('=');
      const name = first.lit.slice(0, eq);
      const value: Word = [{ lit: first.lit.slice(eq + 1) }, ...w.slice(1)];
      const arith = value.find((p): p is { arith: string; delta: number } => 'arith' in p);
      ops.push(arith && arith.arith === name ? { t: 'inc', name, delta: arith.delta } : { t: 'set', name, value });
    }
    const argv = words.slice(k);
    if (argv.length === 0) return ops;
    const cmd = (argv[0].raw.split('/').pop() ?? '').replace(/^\$/, '');
    const args = argv.slice(1);
    switch (cmd) {
      case 'echo': {
        const flags = /^-[neE]+$/.test(args[0]?.raw ?? '') ? args[0].raw : '';
        const rest = flags ? args.slice(1) : args;
        ops.push({ t: 'print', words: rest.map((a) => a.word), escapes: flags.lastIndexOf('e') > flags.lastIndexOf('E'), noNewline: flags.includes('n') });
        break;
      }
      case 'printf':
        ops.push({ t: 'print', words: args.map((a) => a.word), printf: true });
        break;
      case 'date':
        ops.push({ t: 'print', words: [[{ date: args[0] ? text(args[0].word) : '' }]] });
        break;
      case 'hostname':
        ops.push({ t: 'print', words: [[{ host: true }]] });
        break;
      case 'env':
        ops.push({ t: 'env' });
        break;
      case 'printenv':
        ops.push(args.length ? { t: 'env', names: args.map((a) => a.word) } : { t: 'env' });
        break;
      case 'cat':
      case 'ls': {
        const paths = args.filter((a) => !a.raw.startsWith('-')).map((a) => a.word);
        if (paths.length) ops.push({ t: cmd, paths });
        ops.push({ t: 'status', code: 0 });
        break;
      }
      case 'sleep':
        ops.push({ t: 'sleep', ms: args.reduce((s, a) => s + parseDuration(a.raw), 0) });
        break;
      case 'exit':
        ops.push({ t: 'exit', code: Number(args[0]?.raw ?? 0) || 0 });
        break;
      case 'false':
        ops.push({ t: 'status', code: 1 });
        break;
      case 'true':
      case ':':
      case '[':
      case 'test':
        ops.push({ t: 'status', code: 0 });
        break;
      case 'touch':
        for (const a of args) if (!a.raw.startsWith('-')) ops.push({ t: 'file', path: a.raw, exists: true });
        break;
      case 'rm':
        for (const a of args) if (!a.raw.startsWith('-')) ops.push({ t: 'file', path: a.raw, exists: false });
        break;
      case 'trap':
        if (args.some((a) => /^(SIG)?TERM$|^15$/.test(a.raw))) ops.push({ t: 'trap' });
        break;
      case 'exec':
        ops.push(...this.simple(args));
        break;
      case 'nslookup':
      case 'host': {
        const name = args.filter((a) => !a.raw.startsWith('-'))[0];
        // The lookup comes last, so that a network's answer (exec) sets the status.
        ops.push({ t: 'wait', ms: 50 }, { t: 'status', code: 0 });
        if (name) ops.push({ t: 'lookup', name: name.word, tool: cmd });
        break;
      }
      case 'wget':
      case 'curl': {
        const url = urlArgument(cmd, args);
        ops.push({ t: 'wait', ms: 50 }, { t: 'status', code: 0 });
        if (url) ops.push({ t: 'fetch', tool: cmd, url: url.word, args: args.map((a) => a.raw) });
        break;
      }
      case 'nc':
      case 'ping':
        ops.push({ t: 'wait', ms: 50 }, { t: 'status', code: 0 });
        break;
      default:
        ops.push({ t: 'status', code: 0 });
    }
    return ops;
  }
}
