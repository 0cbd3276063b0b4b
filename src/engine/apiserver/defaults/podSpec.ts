import type {
  Container,
  EnvVar,
  Pod,
  PodSpec,
  PodTemplateSpec,
  Probe,
  LifecycleHandler,
  ResourceFieldSelector,
  Volume,
} from 'kubernetes-types/core/v1';
import type { Mutable } from '../../api/object';
import { canonicalizeQuantityField, setDefaultsResourceList } from './resources';
import { imagePullPolicyFor } from './image';

// The defaulting a v1.32 apiserver applies to a PodSpec wherever it appears (Pod, PodTemplate,
// Deployment...): SetDefaults_PodSpec and the generated defaulters of its members
// (pkg/apis/core/v1/defaults.go and zz_generated.defaults.go), plus the zero values Go prints for
// non-pointer members (`resources: {}`, `creationTimestamp: null`, `divisor: "0"`).

/** DefaultTerminationGracePeriodSeconds is v1.DefaultTerminationGracePeriodSeconds. */
export const DefaultTerminationGracePeriodSeconds = 30;
/** DefaultSchedulerName is v1.DefaultSchedulerName. */
export const DefaultSchedulerName = 'default-scheduler';
/** TerminationMessagePathDefault is v1.TerminationMessagePathDefault. */
export const TerminationMessagePathDefault = '/dev/termination-log';
/** DefaultVolumeMode is the 0644 mode secret, configMap, downwardAPI and projected volumes default to. */
export const DefaultVolumeMode = 0o644;

/** setDefaultsPodTemplateSpec defaults a pod template in place (spec and the always-printed metadata). */
export function setDefaultsPodTemplateSpec(tpl: PodTemplateSpec | undefined | null): void {
  if (!tpl) return;
  const meta = ((tpl as Mutable<PodTemplateSpec>).metadata ??= {}) as Record<string, unknown>;
  // metav1.Time's zero value marshals as null, so v1.32 prints it in every template.
  if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  (tpl as Mutable<PodTemplateSpec>).spec ??= { containers: [] };
  setDefaultsPodSpec(tpl.spec!);
}

/** setDefaultsPodSpec is SetDefaults_PodSpec with the defaulting of containers, volumes and probes. */
export function setDefaultsPodSpec(spec: PodSpec): void {
  const s = spec as Mutable<PodSpec>;
  s.dnsPolicy ||= 'ClusterFirst';
  s.restartPolicy ||= 'Always';
  s.securityContext ??= {};
  s.terminationGracePeriodSeconds ??= DefaultTerminationGracePeriodSeconds;
  s.schedulerName ||= DefaultSchedulerName;
  // v1 conversion: serviceAccount is the deprecated alias of serviceAccountName and mirrors it.
  if (!s.serviceAccountName && s.serviceAccount) s.serviceAccountName = s.serviceAccount;
  if (s.serviceAccountName) s.serviceAccount = s.serviceAccountName;
  for (const c of s.initContainers ?? []) setDefaultsContainer(c);
  for (const c of s.containers ?? []) setDefaultsContainer(c);
  for (const c of s.ephemeralContainers ?? []) setDefaultsContainer(c as Container);
  for (const v of s.volumes ?? []) setDefaultsVolume(v);
  setDefaultsResourceList(s.overhead);
}

/**
 * setDefaultsPod is SetDefaults_Pod, what only a Pod (not a template) gets: requests default to
 * limits, enableServiceLinks, and host ports for host-network pods. Call it after setDefaultsPodSpec.
 */
export function setDefaultsPod(pod: Pod): void {
  const spec = pod.spec as Mutable<PodSpec> | undefined;
  if (!spec) return;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    const requests = (c.resources!.requests ??= {});
    for (const k of Object.keys(limits)) if (!(k in requests)) requests[k] = limits[k];
  }
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) if (!p.hostPort) (p as { hostPort?: number }).hostPort = p.containerPort;
    }
  }
}

/** setDefaultsContainer is SetDefaults_Container with its ports, probes, env and resources. */
export function setDefaultsContainer(c: Container): void {
  const m = c as Mutable<Container>;
  m.imagePullPolicy ||= imagePullPolicyFor(c.image ?? '');
  m.terminationMessagePath ||= TerminationMessagePathDefault;
  m.terminationMessagePolicy ||= 'File';
  m.resources ??= {};
  setDefaultsResourceList(m.resources.limits);
  setDefaultsResourceList(m.resources.requests);
  for (const p of m.ports ?? []) (p as { protocol?: string }).protocol ||= 'TCP';
  for (const e of m.env ?? []) setDefaultsEnvVar(e);
  if (m.livenessProbe) setDefaultsProbe(m.livenessProbe);
  if (m.readinessProbe) setDefaultsProbe(m.readinessProbe);
  if (m.startupProbe) setDefaultsProbe(m.startupProbe);
  if (m.lifecycle?.postStart) setDefaultsHandler(m.lifecycle.postStart);
  if (m.lifecycle?.preStop) setDefaultsHandler(m.lifecycle.preStop);
}

function setDefaultsEnvVar(e: EnvVar): void {
  const fieldRef = e.valueFrom?.fieldRef as { apiVersion?: string } | undefined;
  if (fieldRef && !fieldRef.apiVersion) fieldRef.apiVersion = 'v1';
  if (e.valueFrom?.resourceFieldRef) setDefaultsResourceFieldRef(e.valueFrom.resourceFieldRef);
}

function setDefaultsResourceFieldRef(r: ResourceFieldSelector): void {
  const m = r as unknown as Record<string, unknown>;
  // Divisor is a non-pointer Quantity: its zero value prints as "0".
  if (m.divisor === undefined) m.divisor = '0';
  else canonicalizeQuantityField(m, 'divisor');
}

/** setDefaultsProbe is SetDefaults_Probe plus the defaulting of its handler. */
export function setDefaultsProbe(p: Probe): void {
  const m = p as Mutable<Probe>;
  if (!m.timeoutSeconds) m.timeoutSeconds = 1;
  if (!m.periodSeconds) m.periodSeconds = 10;
  if (!m.successThreshold) m.successThreshold = 1;
  if (!m.failureThreshold) m.failureThreshold = 3;
  setDefaultsHandler(m);
  if (m.grpc) (m.grpc as { service?: string }).service ??= '';
}

function setDefaultsHandler(h: LifecycleHandler | Probe): void {
  const get = h.httpGet as { path?: string; scheme?: string } | undefined;
  if (get) {
    get.path ||= '/';
    get.scheme ||= 'HTTP';
  }
}

const volumeSourceKeys = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'configMap', 'csi', 'downwardAPI',
  'emptyDir', 'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs',
  'hostPath', 'image', 'iscsi', 'nfs', 'persistentVolumeClaim', 'photonPersistentDisk', 'portworxVolume',
  'projected', 'quobyte', 'rbd', 'scaleIO', 'secret', 'storageos', 'vsphereVolume',
] as const;

/** setDefaultsVolume is SetDefaults_Volume (emptyDir when no source is set) and its sources' defaults. */
export function setDefaultsVolume(v: Volume): void {
  const m = v as Record<string, unknown> & Volume;
  if (!volumeSourceKeys.some((k) => m[k] !== undefined && m[k] !== null)) m.emptyDir = {};
  if (m.emptyDir) canonicalizeQuantityField(m.emptyDir as Record<string, unknown>, 'sizeLimit');
  const withMode = [m.secret, m.configMap, m.downwardAPI, m.projected] as ({ defaultMode?: number } | undefined)[];
  for (const src of withMode) if (src && src.defaultMode === undefined) src.defaultMode = DefaultVolumeMode;
  if (m.hostPath) (m.hostPath as { type?: string }).type ??= '';
  if (m.iscsi) (m.iscsi as { iscsiInterface?: string }).iscsiInterface ||= 'default';
  for (const item of m.downwardAPI?.items ?? []) {
    const ref = item.fieldRef as { apiVersion?: string } | undefined;
    if (ref && !ref.apiVersion) ref.apiVersion = 'v1';
    if (item.resourceFieldRef) setDefaultsResourceFieldRef(item.resourceFieldRef);
  }
  for (const src of m.projected?.sources ?? []) {
    for (const item of src.downwardAPI?.items ?? []) {
      const ref = item.fieldRef as { apiVersion?: string } | undefined;
      if (ref && !ref.apiVersion) ref.apiVersion = 'v1';
      if (item.resourceFieldRef) setDefaultsResourceFieldRef(item.resourceFieldRef);
    }
    const token = src.serviceAccountToken as { expirationSeconds?: number } | undefined;
    if (token) token.expirationSeconds ??= 3600;
  }
  const claim = m.ephemeral?.volumeClaimTemplate?.spec as { volumeMode?: string; resources?: Record<string, unknown> } | undefined;
  if (claim) {
    claim.volumeMode ??= 'Filesystem';
    claim.resources ??= {};
    setDefaultsResourceList(claim.resources.requests as Record<string, unknown> | undefined);
    setDefaultsResourceList(claim.resources.limits as Record<string, unknown> | undefined);
  }
}
