import { fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchmarks } from './benchmarks';
import { type Figure, met } from './stats';

// npm run bench [-- store list scheduler deployment]; BENCH_SCALE=0.1 for a quick run (targets are
// judged at scale 1 only). Each benchmark runs in its own node process.

interface Outcome {
  benchmark: string;
  figures: Figure[];
  error?: string;
}

const scale = Number(process.env.BENCH_SCALE ?? 1);
const timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? 1800) * 1000;
const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(benchmarks);
const unknown = names.filter((n) => !(n in benchmarks));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}

function runOne(name: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(new URL('./child.ts', import.meta.url)), [name, String(scale)], {
      execArgv: [...process.execArgv, '--max-old-space-size=8192'],
    });
    let outcome: Outcome | undefined;
    const timer = setTimeout(() => {
      outcome = { benchmark: name, figures: [], error: `timed out after ${timeoutMs / 1000} s` };
      child.kill();
    }, timeoutMs);
    child.on('message', (m: { figures?: Figure[]; error?: string }) => {
      outcome = { benchmark: name, figures: m.figures ?? [], error: m.error };
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(outcome ?? { benchmark: name, figures: [], error: `exited with code ${code} before reporting` });
    });
  });
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3);
}

const cores = availableParallelism();
console.log(`node ${process.version}, ${cores} cores (${cpus()[0]?.model ?? 'unknown cpu'}), shared: expect noise; scale ${scale}`);
const outcomes: Outcome[] = [];
for (const name of names) {
  process.stdout.write(`running ${name}… `);
  const t0 = performance.now();
  const o = await runOne(name);
  outcomes.push(o);
  console.log(o.error ? `FAILED\n${o.error}` : `${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const rows = outcomes.flatMap((o) =>
  o.figures.map((f) => {
    const ok = met(f);
    const verdict = ok === undefined ? '' : scale !== 1 ? '(scale≠1)' : ok ? 'yes' : 'NO';
    return [f.name, `${fmt(f.value)} ${f.unit}`, f.target ? `${f.target.op} ${fmt(f.target.value)}` : '', verdict, f.note ?? ''];
  }),
);
const header = ['figure', 'value', 'target', 'met?', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const r of rows) console.log(line(r));

// Results go to results.json at scale 1 (results.scale-<s>.json otherwise); a run of some
// benchmarks keeps the others' earlier results.
const resultsUrl = new URL(scale === 1 ? './results.json' : `./results.scale-${scale}.json`, import.meta.url);
const previous = existsSync(resultsUrl) ? (JSON.parse(readFileSync(resultsUrl, 'utf8')) as { results: Outcome[] }) : undefined;
const kept = previous?.results.filter((o) => !names.includes(o.benchmark)) ?? [];
const fresh = outcomes.map((o) => ({ ...o, figures: o.figures.map((f) => ({ ...f, met: scale === 1 ? met(f) : undefined })) }));
const results = { node: process.version, cores, scale, date: new Date().toISOString(), results: [...kept, ...fresh] };
writeFileSync(resultsUrl, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote bench/${resultsUrl.pathname.split('/').pop()}`);
process.exit(outcomes.some((o) => o.error) ? 1 : 0);
