/**
 * generateProtobufMessages writes src/engine/apiserver/request/protobuf/messages.generated.ts: the
 * protobuf field table of every kind the engine serves and each message those kinds reach. Field
 * numbers, wire types and repeated/map-ness come from the generated.proto files of k8s.io/api and
 * k8s.io/apimachinery; JSON names, `json:",inline"` and omitempty-on-a-non-pointer (a zero the Go
 * JSON encoder drops) come from the Go struct tags beside them, since some proto names differ from
 * the JSON ones ("uID" → "uid") and VolumeSource/ProbeHandler are inlined in JSON only.
 *
 * Run by hand against checkouts of the tags the engine simulates (never committed):
 *   git clone -b v0.32.13 https://github.com/kubernetes/api /tmp/k8sapi
 *   git clone -b v0.32.13 https://github.com/kubernetes/apimachinery /tmp/apimach
 *   npx tsx scripts/generateProtobufMessages.ts /tmp/k8sapi /tmp/apimach
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { allResources } from '../src/engine/apiserver/registry/resources';
import { specialMessages } from '../src/engine/apiserver/request/protobuf/wellKnown';

const outFile = 'src/engine/apiserver/request/protobuf/messages.generated.ts';
const scalars = new Set(['string', 'bool', 'int32', 'int64', 'bytes']);

interface ProtoField {
  label: 'optional' | 'repeated' | 'map';
  type: string; // a scalar or a message key; for maps the value type (keys are always strings)
  name: string;
  number: number;
}
interface GoField {
  jsonName: string;
  inline: boolean;
  omitZero: boolean;
}

/** messageKey shortens a proto name: k8s.io.api.apps.v1.Deployment → apps.v1.Deployment. */
function messageKey(fullName: string): string {
  return fullName.replace(/^\.?k8s\.io\.api\./, '').replace(/^\.?k8s\.io\.apimachinery\.pkg\./, '');
}

/** goDir maps a proto package to the folder holding its Go types. */
function goDir(pkg: string, apiDir: string, machineryDir: string): string {
  if (pkg.startsWith('k8s.io.api.')) return join(apiDir, ...pkg.slice('k8s.io.api.'.length).split('.'));
  return join(machineryDir, 'pkg', ...pkg.slice('k8s.io.apimachinery.pkg.'.length).split('.'));
}

function parseProto(text: string, messages: Map<string, ProtoField[]>): string {
  const pkg = /^package ([\w.]+);/m.exec(text)?.[1];
  if (!pkg) throw new Error('proto file without a package');
  let current: ProtoField[] | undefined;
  for (const line of text.split('\n')) {
    const msg = /^message (\w+) \{/.exec(line);
    if (msg) {
      current = [];
      messages.set(messageKey(`${pkg}.${msg[1]}`), current);
      continue;
    }
    if (line.startsWith('}')) current = undefined;
    if (!current) continue;
    const field = /^\s+(optional|repeated) ([\w.]+) (\w+) = (\d+)/.exec(line);
    const map = /^\s+map<string, ([\w.]+)> (\w+) = (\d+)/.exec(line);
    if (field) {
      const type = scalars.has(field[2]) || /^(double|float|u?int|s?fixed)/.test(field[2]) ? field[2] : qualify(field[2], pkg);
      current.push({ label: field[1] as 'optional' | 'repeated', type, name: field[3], number: Number(field[4]) });
    } else if (map) {
      const type = scalars.has(map[1]) ? map[1] : qualify(map[1], pkg);
      current.push({ label: 'map', type, name: map[2], number: Number(map[3]) });
    } else if (/^\s+(optional|repeated|map|oneof)/.test(line)) {
      throw new Error(`unparsed proto field in ${pkg}: ${line.trim()}`);
    }
  }
  return pkg;
}

function qualify(type: string, pkg: string): string {
  return messageKey(type.startsWith('.') ? type : `${pkg}.${type}`);
}

/** parseGoStructs reads the struct tags of a Go package: type → proto field number → JSON facts. */
function parseGoStructs(dir: string): { structs: Map<string, Map<string, GoField>>; nonStructs: Set<string>; customJson: Set<string> } {
  const structs = new Map<string, Map<string, GoField>>();
  const nonStructs = new Set<string>();
  const customJson = new Set<string>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.go') || file.endsWith('_test.go') || file.startsWith('zz_generated') || file === 'generated.pb.go') continue;
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/^func \(\w+ \*?(\w+)\) MarshalJSON\(/gm)) customJson.add(m[1]);
    for (const m of text.matchAll(/^type (\w+) (?!struct\b)(\S+)/gm)) nonStructs.add(m[1]);
    for (const m of text.matchAll(/^type (\w+) struct \{\n([\s\S]*?)\n\}/gm)) {
      const fields = new Map<string, GoField>(); // by proto field number
      for (const line of m[2].split('\n')) {
        const f = /^\s*(\S+)(?:\s+(\S+))?\s+`([^`]*)`/.exec(line);
        if (!f) continue;
        const goType = f[2] ?? f[1];
        const tags = f[3];
        const proto = /protobuf:"\w+,(\d+),/.exec(tags)?.[1];
        const json = /json:"([^"]*)"/.exec(tags)?.[1];
        if (!proto || json === undefined) continue;
        const [jsonName, ...opts] = json.split(',');
        fields.set(proto, {
          jsonName,
          inline: jsonName === '' && opts.includes('inline'),
          omitZero: opts.includes('omitempty') && !goType.startsWith('*'),
        });
      }
      structs.set(m[1], fields);
    }
  }
  return { structs, nonStructs, customJson };
}

function main(apiDir: string, machineryDir: string): void {
  const messages = new Map<string, ProtoField[]>();
  const packages = new Set<string>();
  const protoFiles = [
    ...findProtos(apiDir),
    ...['pkg/apis/meta/v1', 'pkg/runtime', 'pkg/util/intstr', 'pkg/api/resource', 'pkg/runtime/schema'].map((d) => join(machineryDir, d, 'generated.proto')),
  ];
  for (const f of protoFiles) packages.add(parseProto(readFileSync(f, 'utf8'), messages));

  const goTypes = new Map<string, ReturnType<typeof parseGoStructs>>();
  const goPackage = (key: string) => {
    const pkg = [...packages].find((p) => messageKey(`${p}.x`) === `${key.slice(0, key.lastIndexOf('.'))}.x`);
    if (!pkg) throw new Error(`no package for ${key}`);
    if (!goTypes.has(pkg)) goTypes.set(pkg, parseGoStructs(goDir(pkg, apiDir, machineryDir)));
    return goTypes.get(pkg)!;
  };

  const kinds = rootKinds();
  const out = new Map<string, string>();
  const visit = (key: string): void => {
    if (out.has(key) || key in specialMessages) return;
    const fields = messages.get(key);
    if (!fields) throw new Error(`message ${key} not found in the proto files`);
    const typeName = key.slice(key.lastIndexOf('.') + 1);
    const go = goPackage(key);
    if (go.customJson.has(typeName)) throw new Error(`${key} marshals its own JSON: add it to specialMessages`);
    const struct = go.structs.get(typeName);
    if (!struct) throw new Error(`${key} is not a Go struct${go.nonStructs.has(typeName) ? ' (a named slice or map)' : ''}: decode it by hand`);
    out.set(key, '');
    const tokens = fields.map((f) => {
      const tag = struct.get(String(f.number));
      if (!tag) throw new Error(`${key}.${f.name} has no Go struct tag`);
      if (!scalars.has(f.type) && /^(double|float|u?int|s?fixed)/.test(f.type)) throw new Error(`${key}.${f.name}: unsupported scalar ${f.type}`);
      if (!scalars.has(f.type)) visit(f.type);
      const suffix = f.label === 'repeated' ? '[]' : f.label === 'map' ? '{}' : tag.inline ? '^' : tag.omitZero && scalars.has(f.type) ? '?' : '';
      return `${f.number} ${tag.inline ? f.name : tag.jsonName} ${f.type}${suffix}`;
    });
    out.set(key, tokens.join(','));
  };
  for (const key of Object.values(kinds)) visit(key);

  const sortedKinds = Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b));
  const sortedMessages = [...out.entries()].sort(([a], [b]) => a.localeCompare(b));
  const text = `// Code generated by scripts/generateProtobufMessages.ts from k8s.io/api and k8s.io/apimachinery
// v0.32.13 (generated.proto field numbers, types.go JSON tags). DO NOT EDIT.

/** protobufKinds maps the "apiVersion kind" of a protobuf envelope to the message of its body. */
export const protobufKinds: Readonly<Record<string, string>> = {
${sortedKinds.map(([k, v]) => `  '${k}': '${v}',`).join('\n')}
};

/** protobufMessages lists the fields of each message; messages.ts explains the notation. */
export const protobufMessages: Readonly<Record<string, string>> = {
${sortedMessages.map(([k, v]) => `  '${k}':\n    '${v}',`).join('\n')}
};
`;
  writeFileSync(outFile, text);
  console.log(`wrote ${outFile}: ${sortedKinds.length} kinds, ${sortedMessages.length} messages`);
}

function findProtos(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findProtos(path));
    else if (entry.name === 'generated.proto') found.push(path);
  }
  return found;
}

/** rootKinds names each served kind's message, plus the bodies of subresources and DeleteOptions. */
function rootKinds(): Record<string, string> {
  const kinds: Record<string, string> = {};
  const add = (apiVersion: string, kind: string, key: string) => (kinds[`${apiVersion} ${kind}`] = key);
  for (const r of allResources) {
    const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    add(apiVersion, r.kind, `${r.group === '' ? 'core' : r.group.split('.')[0]}.${r.version}.${r.kind}`);
    // client-go's typed clients send DeleteOptions in the group version of the resource.
    add(apiVersion, 'DeleteOptions', 'apis.meta.v1.DeleteOptions');
  }
  add('meta.k8s.io/v1', 'DeleteOptions', 'apis.meta.v1.DeleteOptions');
  add('autoscaling/v1', 'Scale', 'autoscaling.v1.Scale');
  add('policy/v1', 'Eviction', 'policy.v1.Eviction');
  add('authentication.k8s.io/v1', 'TokenRequest', 'authentication.v1.TokenRequest');
  return kinds;
}

const [apiDir, machineryDir] = process.argv.slice(2);
if (!apiDir || !machineryDir || !existsSync(join(apiDir, 'core/v1/generated.proto'))) {
  console.error('usage: npx tsx scripts/generateProtobufMessages.ts <k8s.io/api checkout> <k8s.io/apimachinery checkout>');
  process.exit(2);
}
main(apiDir, machineryDir);
