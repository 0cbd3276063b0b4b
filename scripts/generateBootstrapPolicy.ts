/**
 * generateBootstrapPolicy writes src/engine/cluster/bootstrapPolicy.generated.json: the default
 * ClusterRoles kube-apiserver creates, read from the testdata that records them in the Kubernetes
 * repository (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml, a List
 * of the roles bootstrappolicy.ClusterRoles() returns with the default feature gates).
 *
 * Run by hand against that file (never committed):
 *   npx tsx scripts/generateBootstrapPolicy.ts /path/to/cluster-roles.yaml
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const outFile = 'src/engine/cluster/bootstrapPolicy.generated.json';

interface Role {
  apiVersion: string;
  kind: string;
  metadata: { name: string; creationTimestamp?: null; labels?: Record<string, string>; annotations?: Record<string, string> };
  rules?: unknown[] | null;
  aggregationRule?: unknown;
}

const [source] = process.argv.slice(2);
if (!source) {
  console.error('usage: npx tsx scripts/generateBootstrapPolicy.ts <cluster-roles.yaml>');
  process.exit(2);
}
const list = parse(readFileSync(source, 'utf8')) as { kind: string; items: Role[] };
if (list.kind !== 'List' || !Array.isArray(list.items)) throw new Error(`${source} is not a List of ClusterRoles`);
const roles = list.items.map((r) => {
  if (r.kind !== 'ClusterRole') throw new Error(`${r.metadata.name} is a ${r.kind}, not a ClusterRole`);
  const { creationTimestamp: _, ...metadata } = r.metadata;
  // Aggregated roles start without rules: the aggregation controller fills them.
  return { apiVersion: r.apiVersion, kind: r.kind, metadata, ...(r.aggregationRule ? { aggregationRule: r.aggregationRule } : {}), ...(r.rules ? { rules: r.rules } : {}) };
});
writeFileSync(outFile, `${JSON.stringify(roles)}\n`);
console.log(`wrote ${outFile}: ${roles.length} ClusterRoles`);
