// goSpecDiff approximates the go-cmp Diff a v1.32 apiserver appends to "pod updates may not change
// fields other than ...": the PodSpec's changed fields, with Go field names, as -/+ lines. go-cmp's
// exact layout is not reproduced; the first line of the message, which clients show, is exact.

/** goSpecDiff renders the top-level fields that differ between two specs. */
export function goSpecDiff(oldSpec: object, newSpec: object): string {
  const o = oldSpec as Record<string, unknown>;
  const n = newSpec as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])];
  const lines = ['  core.PodSpec{'];
  let same = 0;
  const flushSame = () => {
    if (same > 0) lines.push(`  \t... // ${same} identical ${same === 1 ? 'field' : 'fields'}`);
    same = 0;
  };
  for (const k of keys) {
    const a = JSON.stringify(o[k] ?? null);
    const b = JSON.stringify(n[k] ?? null);
    if (a === b) {
      same++;
      continue;
    }
    flushSame();
    const name = goFieldName(k);
    lines.push(`- \t${name}: ${goValue(o[k])},`, `+ \t${name}: ${goValue(n[k])},`);
  }
  flushSame();
  lines.push('  }', '');
  return lines.join('\n');
}

function goFieldName(k: string): string {
  const special: Record<string, string> = { dnsPolicy: 'DNSPolicy', hostIPC: 'HostIPC', hostPID: 'HostPID', dnsConfig: 'DNSConfig', os: 'OS' };
  return special[k] ?? k[0].toUpperCase() + k.slice(1);
}

function goValue(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `${Array.isArray(v) ? '[]' : ''}${JSON.stringify(v)}`;
}
