import { benchmarks } from './benchmarks';

// One benchmark per process (forked by run.ts): each starts from a clean heap and JIT state, and
// exits once it has reported, whatever timers the simulated cluster leaves behind.
const [name, scale] = process.argv.slice(2);
let report: unknown;
try {
  report = { figures: await (await benchmarks[name]())(Number(scale)) };
} catch (e) {
  report = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
process.send!(report, () => process.exit(0));
