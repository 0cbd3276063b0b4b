import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseApiVersion } from '../../api/groupVersion';
import { decodeTypeError } from './decodeTypeError';
import { definitionNameForKind } from './schemaRegistry';
import { unknownFields } from './unknownFields';

// Every manifest of kubernetes/examples that uses a served kind and apiVersion must decode strictly,
// unless it really is wrong. The corpus lives beside the repository and is optional.

const root = resolve(process.cwd(), '../shared/corpus/kubernetes-examples');

/** knownInvalid lists the corpus manifests a v1.32 apiserver rejects too, with why. */
const knownInvalid: Record<string, string> = {
  // Templates with {{ placeholders }} where a value belongs.
  '_archived/newrelic/newrelic-config-template.yaml': 'Secret.data of type []uint8',
  '_archived/newrelic-infrastructure/newrelic-config-template.yaml': 'Secret.data of type []uint8',
  '_archived/storage/vitess/etcd-controller-template.yaml': 'ReplicationControllerSpec.spec.replicas of type int32',
  '_archived/storage/vitess/etcd-service-template.yaml': 'ObjectMeta.metadata.labels of type string',
  '_archived/storage/vitess/vtgate-controller-template.yaml': 'ReplicationControllerSpec.spec.replicas of type int32',
  // fc.lun is an int32 written as a string.
  '_archived/volumes/fibre_channel/fc.yaml': 'FCVolumeSource.spec.volumes.fc.lun of type int32',
  // StorageClass parameters pasted into an RBD volume.
  '_archived/volumes/rbd/rbd.yaml': 'spec.volumes[0].rbd.imageformat, spec.volumes[0].rbd.imagefeatures',
  // A typo: protectionDomain.
  '_archived/volumes/scaleio/pod.yaml': 'spec.volumes[0].scaleIO.protectionDoamin',
  // StorageOS volumes take secretRef; pool and secretName were never fields.
  '_archived/volumes/storageos/storageos-pod.yaml': 'spec.volumes[0].storageos.pool',
  '_archived/volumes/storageos/storageos-pv.yaml': 'spec.storageos.secretName',
};

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(entry)) out.push(path);
  }
  return out;
}

describe('kubernetes/examples corpus', () => {
  it.skipIf(!existsSync(root))('decodes every served manifest strictly, except the known-invalid ones', () => {
    const findings: Record<string, string> = {};
    const counts = { files: 0, documents: 0, unparsable: 0, served: 0, clean: 0 };
    for (const file of yamlFiles(root)) {
      counts.files++;
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { logLevel: 'silent' })) {
        if (doc.errors.length > 0) {
          counts.unparsable++;
          continue;
        }
        const obj = doc.toJS({ maxAliasCount: -1 });
        counts.documents++;
        if (typeof obj?.apiVersion !== 'string' || typeof obj?.kind !== 'string') continue;
        const gvk = { ...parseApiVersion(obj.apiVersion), kind: obj.kind };
        if (!definitionNameForKind(gvk)) continue;
        counts.served++;
        const problem = decodeTypeError(obj, gvk) ?? unknownFields(obj, gvk).join(', ');
        if (problem === '') counts.clean++;
        else findings[relative(root, file)] = problem;
      }
    }
    console.info('kubernetes/examples:', counts);
    expect(counts.served).toBeGreaterThan(200);
    expect(Object.keys(findings).sort()).toEqual(Object.keys(knownInvalid).sort());
    for (const [file, why] of Object.entries(knownInvalid)) expect(findings[file]).toContain(why);
  });
});
