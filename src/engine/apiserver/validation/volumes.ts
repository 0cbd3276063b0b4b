import type { Container, KeyToPath, Volume, VolumeProjection } from 'kubernetes-types/core/v1';
import { fieldError, type FieldError } from '../fieldErrors';
import { isDNS1123Label, isDNS1123Subdomain } from './names';
import { parseQuantity } from './quantity';
import { validateObjectFieldSelector, validateResourceFieldSelector, validVolumeFieldPaths } from './downwardAPI';

// Volume validation of pkg/apis/core/validation/validation.go (v1.32): ValidateVolumes,
// validateVolumeSource for the sources people use, and ValidateVolumeMounts / ValidateVolumeDevices.

/** VolumeNames maps each valid volume's name to its volume (what mounts are checked against). */
export type VolumeNames = Map<string, Volume>;

const fileModeErrorMsg = 'must be a number between 0 and 0777 (octal), both inclusive';
const sourceKeys = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc',
  'flexVolume', 'configMap', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk',
  'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image',
] as const;

/** validateVolumes checks pod volumes: a name (DNS label, unique) and exactly one valid source. */
export function validateVolumes(volumes: Volume[] | undefined, podName: string | undefined, path: string): { names: VolumeNames; errs: FieldError[] } {
  const names: VolumeNames = new Map();
  const errs: FieldError[] = [];
  const ephemeralClaims = new Set<string>();
  if (podName) for (const v of volumes ?? []) if (v.ephemeral) ephemeralClaims.add(`${podName}-${v.name}`);
  (volumes ?? []).forEach((v, i) => {
    const p = `${path}[${i}]`;
    const el = validateVolumeSource(v, podName, p);
    if (!v.name) el.push(fieldError.required(`${p}.name`));
    else for (const m of isDNS1123Label(v.name)) el.push(fieldError.invalid(`${p}.name`, v.name, m));
    if (names.has(v.name)) el.push(fieldError.duplicate(`${p}.name`, v.name));
    if (el.length === 0) names.set(v.name, v);
    else errs.push(...el);
    const claim = v.persistentVolumeClaim?.claimName;
    if (claim && ephemeralClaims.has(claim)) {
      errs.push(fieldError.invalid(`${p}.persistentVolumeClaim.claimName`, claim, 'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return { names, errs };
}

function validateVolumeSource(v: Volume, podName: string | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const src = v as unknown as Record<string, unknown>;
  for (const key of sourceKeys) {
    if (src[key] === undefined || src[key] === null) continue;
    if (n > 0) {
      errs.push(fieldError.forbidden(`${path}.${key}`, 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    errs.push(...validateOneSource(v, key, podName, `${path}.${key}`));
  }
  if (n === 0) errs.push(fieldError.required(path, 'must specify a volume type'));
  return errs;
}

function validateOneSource(v: Volume, key: (typeof sourceKeys)[number], podName: string | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (key) {
    case 'emptyDir': {
      const size = parseQuantity(v.emptyDir?.sizeLimit as string | undefined);
      if (size !== undefined && size < 0) errs.push(fieldError.forbidden(`${path}.sizeLimit`, 'SizeLimit field must be a valid resource quantity'));
      break;
    }
    case 'hostPath': {
      const hp = v.hostPath!;
      if (!hp.path) return [fieldError.required(`${path}.path`)];
      errs.push(...validatePathNoBacksteps(hp.path, `${path}.path`));
      const types = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
      if (hp.type !== undefined && !types.includes(hp.type)) errs.push(fieldError.notSupported(`${path}.type`, hp.type, types));
      break;
    }
    case 'secret': {
      const s = v.secret!;
      if (!s.secretName) errs.push(fieldError.required(`${path}.secretName`));
      errs.push(...validateMode(s.defaultMode, `${path}.defaultMode`), ...validateItems(s.items, `${path}.items`));
      break;
    }
    case 'configMap': {
      const c = v.configMap!;
      if (!c.name) errs.push(fieldError.required(`${path}.name`));
      errs.push(...validateMode(c.defaultMode, `${path}.defaultMode`), ...validateItems(c.items, `${path}.items`));
      break;
    }
    case 'persistentVolumeClaim':
      if (!v.persistentVolumeClaim!.claimName) errs.push(fieldError.required(`${path}.claimName`));
      break;
    case 'nfs': {
      const nfs = v.nfs!;
      if (!nfs.server) errs.push(fieldError.required(`${path}.server`));
      if (!nfs.path) errs.push(fieldError.required(`${path}.path`));
      if (!nfs.path?.startsWith('/')) errs.push(fieldError.invalid(`${path}.path`, nfs.path ?? '', 'must be an absolute path'));
      break;
    }
    case 'downwardAPI': {
      errs.push(...validateMode(v.downwardAPI!.defaultMode, `${path}.defaultMode`));
      for (const f of v.downwardAPI!.items ?? []) errs.push(...validateDownwardAPIFile(f, path));
      break;
    }
    case 'projected':
      errs.push(...validateMode(v.projected!.defaultMode, `${path}.defaultMode`), ...validateProjectionSources(v.projected!.sources ?? [], path));
      break;
    case 'csi':
      if (!v.csi!.driver) errs.push(fieldError.required(`${path}.driver`));
      break;
    case 'gitRepo':
      if (!v.gitRepo!.repository) errs.push(fieldError.required(`${path}.repository`));
      errs.push(...validateLocalDescendingPath(v.gitRepo!.directory ?? '', `${path}.directory`));
      break;
    case 'ephemeral': {
      if (!v.ephemeral!.volumeClaimTemplate) errs.push(fieldError.required(`${path}.volumeClaimTemplate`));
      if (podName && v.name) {
        const pvc = `${podName}-${v.name}`;
        for (const m of isDNS1123Subdomain(pvc)) errs.push(fieldError.invalid(`${path.slice(0, path.lastIndexOf('.'))}.name`, v.name, `PVC name "${pvc}": ${m}`));
      }
      break;
    }
    default:
      break;
  }
  return errs;
}

function validateMode(mode: number | undefined, path: string): FieldError[] {
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [fieldError.invalid(path, mode, fileModeErrorMsg)] : [];
}

function validateItems(items: KeyToPath[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, `${path}[${i}]`)));
  return errs;
}

function validateKeyToPath(kp: KeyToPath, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!kp.key) errs.push(fieldError.required(`${path}.key`));
  if (!kp.path) errs.push(fieldError.required(`${path}.path`));
  errs.push(...validateLocalNonReservedPath(kp.path ?? '', `${path}.path`), ...validateMode(kp.mode, `${path}.mode`));
  return errs;
}

function validateDownwardAPIFile(
  f: { path: string; fieldRef?: Parameters<typeof validateObjectFieldSelector>[0]; resourceFieldRef?: Parameters<typeof validateResourceFieldSelector>[0]; mode?: number },
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!f.path) errs.push(fieldError.required(`${path}.path`));
  errs.push(...validateLocalNonReservedPath(f.path ?? '', `${path}.path`));
  if (f.fieldRef) {
    errs.push(...validateObjectFieldSelector(f.fieldRef, validVolumeFieldPaths, `${path}.fieldRef`));
    if (f.resourceFieldRef) errs.push(fieldError.invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (f.resourceFieldRef) {
    errs.push(...validateResourceFieldSelector(f.resourceFieldRef, true, `${path}.resourceFieldRef`));
  } else {
    errs.push(fieldError.required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(f.mode, `${path}.mode`));
  return errs;
}

function validateProjectionSources(sources: VolumeProjection[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  const claimPath = (p: string, name: string) => {
    if (paths.has(p)) errs.push(fieldError.invalid(path, name, 'conflicting duplicate paths'));
    else paths.add(p);
  };
  sources.forEach((s, i) => {
    const sp = `${path}.sources[${i}]`;
    let n = 0;
    for (const key of ['secret', 'configMap'] as const) {
      const src = s[key];
      if (!src) continue;
      n++;
      if (!src.name) errs.push(fieldError.required(`${sp}.${key}.name`));
      (src.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, `${sp}.${key}.items[${j}]`));
        if (kp.path) claimPath(kp.path, src.name ?? '');
      });
    }
    if (s.downwardAPI) {
      n++;
      for (const f of s.downwardAPI.items ?? []) {
        errs.push(...validateDownwardAPIFile(f, `${sp}.downwardAPI`));
        if (f.path) claimPath(f.path, f.path);
      }
    }
    if (s.serviceAccountToken) {
      n++;
      const t = s.serviceAccountToken;
      const exp = t.expirationSeconds ?? 3600;
      const tp = `${sp}.serviceAccountToken`;
      if (exp < 600) errs.push(fieldError.invalid(`${tp}.expirationSeconds`, exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(fieldError.invalid(`${tp}.expirationSeconds`, exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!t.path) errs.push(fieldError.required(`${path}.path`));
      else errs.push(...validateLocalNonReservedPath(t.path, `${path}.path`));
    }
    if (n > 1) errs.push(fieldError.forbidden(sp, 'may not specify more than 1 volume type'));
  });
  return errs;
}

/** validatePathNoBacksteps rejects a path with a ".." element. */
export function validatePathNoBacksteps(p: string, path: string): FieldError[] {
  return p.split('/').includes('..') ? [fieldError.invalid(path, p, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath requires a relative path without "..". */
export function validateLocalDescendingPath(p: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(fieldError.invalid(path, p, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(p, path));
  return errs;
}

function validateLocalNonReservedPath(p: string, path: string): FieldError[] {
  const errs = validateLocalDescendingPath(p, path);
  if (p.startsWith('..') && !p.startsWith('../')) errs.push(fieldError.invalid(path, p, "must not start with '..'"));
  return errs;
}

/** validateVolumeMounts checks a container's volumeMounts and volumeDevices against the pod's volumes. */
export function validateVolumeMounts(c: Container, volumes: VolumeNames, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const devices = new Map((c.volumeDevices ?? []).map((d) => [d.name, d.devicePath]));
  const devicePaths = new Set(devices.values());
  const mountPoints = new Set<string>();
  (c.volumeMounts ?? []).forEach((m, i) => {
    const p = `${path}[${i}]`;
    if (!m.name) errs.push(fieldError.required(`${p}.name`));
    if (!volumes.has(m.name)) errs.push(fieldError.notFound(`${p}.name`, m.name));
    if (!m.mountPath) errs.push(fieldError.required(`${p}.mountPath`));
    if (mountPoints.has(m.mountPath)) errs.push(fieldError.invalid(`${p}.mountPath`, m.mountPath, 'must be unique'));
    mountPoints.add(m.mountPath);
    if (devices.has(m.name)) errs.push(fieldError.invalid(`${p}.name`, m.name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(m.mountPath)) errs.push(fieldError.invalid(`${p}.mountPath`, m.mountPath, 'must not already exist as a path in volumeDevices'));
    // Upstream reports subPath errors at the list's path, not the item's.
    if (m.subPath) errs.push(...validateLocalDescendingPath(m.subPath, `${path}.subPath`));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(fieldError.invalid(`${p}.subPathExpr`, m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(m.subPathExpr, `${path}.subPathExpr`));
    }
    const prop = m.mountPropagation;
    if (prop !== undefined) {
      const supported = ['Bidirectional', 'HostToContainer', 'None'];
      if (!supported.includes(prop)) errs.push(fieldError.notSupported(`${path}.mountPropagation`, prop, supported));
      if (prop === 'Bidirectional' && !c.securityContext?.privileged) {
        errs.push(fieldError.forbidden(`${path}.mountPropagation`, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
  });
  const mounts = new Map((c.volumeMounts ?? []).map((m) => [m.name, m.mountPath]));
  const mountPaths = new Set(mounts.values());
  const seenNames = new Set<string>();
  const seenPaths = new Set<string>();
  (c.volumeDevices ?? []).forEach((d, i) => {
    const p = `${path.slice(0, -'volumeMounts'.length)}volumeDevices[${i}]`;
    const vol = volumes.get(d.name);
    if (!d.name) errs.push(fieldError.required(`${p}.name`));
    if (seenNames.has(d.name)) errs.push(fieldError.invalid(`${p}.name`, d.name, 'must be unique'));
    if (vol && !vol.persistentVolumeClaim && !vol.ephemeral) {
      errs.push(fieldError.invalid(`${p}.name`, d.name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    }
    if (!vol) errs.push(fieldError.notFound(`${p}.name`, d.name));
    if (!d.devicePath) errs.push(fieldError.required(`${p}.devicePath`));
    if (seenPaths.has(d.devicePath)) errs.push(fieldError.invalid(`${p}.devicePath`, d.devicePath, 'must be unique'));
    if (d.devicePath && d.devicePath.split('/').includes('..')) errs.push(fieldError.invalid(`${p}.devicePath`, d.devicePath, "can not contain backsteps ('..')"));
    else seenPaths.add(d.devicePath);
    if (mounts.has(d.name)) errs.push(fieldError.invalid(`${p}.name`, d.name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(d.devicePath)) errs.push(fieldError.invalid(`${p}.devicePath`, d.devicePath, 'must not already exist as a path in volumeMounts'));
    if (d.name) seenNames.add(d.name);
  });
  return errs;
}
