import type {
  Container,
  ContainerPort,
  EnvFromSource,
  EnvVar,
  SecurityContext,
} from 'kubernetes-types/core/v1';
import { fieldError, type FieldError } from '../fieldErrors';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, isValidUserID } from './names';
import { validateLifecycle, validateLivenessProbe, validateReadinessProbe, validateStartupProbe } from './probes';
import { validateResourceRequirements } from './resources';
import { validateObjectFieldSelector, validateResourceFieldSelector, validEnvFieldPaths } from './downwardAPI';
import { validateVolumeMounts, type VolumeNames } from './volumes';

// Container validation of pkg/apis/core/validation/validation.go (v1.32): validateContainers,
// validateInitContainers, validateContainerCommon and the port, env, probe and handler checks.

/** supportedPortProtocols lists protocols as sets.List prints them: sorted. */
export const supportedPortProtocols = ['SCTP', 'TCP', 'UDP'];
const supportedPullPolicies = ['Always', 'IfNotPresent', 'Never'];

/** validateContainers checks spec.containers: required, each container, unique names, probes, host ports. */
export function validateContainers(containers: Container[] | undefined, volumes: VolumeNames, gracePeriod: number, path: string): FieldError[] {
  if (!containers || containers.length === 0) return [fieldError.required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name)) errs.push(fieldError.duplicate(`${p}.name`, c.name));
    else names.add(c.name);
    if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, gracePeriod, `${p}.lifecycle`));
    errs.push(...validateLivenessProbe(c.livenessProbe, gracePeriod, `${p}.livenessProbe`));
    errs.push(...validateReadinessProbe(c.readinessProbe, gracePeriod, `${p}.readinessProbe`));
    errs.push(...validateStartupProbe(c.startupProbe, gracePeriod, `${p}.startupProbe`));
    if ((c as { restartPolicy?: string }).restartPolicy !== undefined) {
      errs.push(fieldError.forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
    }
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

const notRestartable = 'may not be set for init containers without restartPolicy=Always';

/** validateInitContainers checks spec.initContainers; sidecars (restartPolicy Always) may have probes. */
export function validateInitContainers(
  containers: Container[] | undefined,
  regular: Container[] | undefined,
  volumes: VolumeNames,
  gracePeriod: number,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c.name));
  (containers ?? []).forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    const restartPolicy = (c as { restartPolicy?: string }).restartPolicy;
    if (restartPolicy !== undefined && restartPolicy !== 'Always') {
      errs.push(fieldError.notSupported(`${p}.restartPolicy`, restartPolicy, ['Always']));
    }
    if (names.has(c.name)) errs.push(fieldError.duplicate(`${p}.name`, c.name));
    else if (c.name) names.add(c.name);
    errs.push(...checkHostPortConflicts([c], path));
    if (restartPolicy === 'Always') {
      if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, gracePeriod, `${p}.lifecycle`));
      errs.push(...validateLivenessProbe(c.livenessProbe, gracePeriod, `${p}.livenessProbe`));
      errs.push(...validateReadinessProbe(c.readinessProbe, gracePeriod, `${p}.readinessProbe`));
      errs.push(...validateStartupProbe(c.startupProbe, gracePeriod, `${p}.startupProbe`));
    } else {
      if (c.lifecycle) errs.push(fieldError.forbidden(`${p}.lifecycle`, notRestartable));
      if (c.livenessProbe) errs.push(fieldError.forbidden(`${p}.livenessProbe`, notRestartable));
      if (c.readinessProbe) errs.push(fieldError.forbidden(`${p}.readinessProbe`, notRestartable));
      if (c.startupProbe) errs.push(fieldError.forbidden(`${p}.startupProbe`, notRestartable));
    }
    if (c.resizePolicy?.length) errs.push(fieldError.invalid(`${p}.resizePolicy`, c.resizePolicy, 'must not be set for init containers'));
  });
  return errs;
}

/** validateContainerCommon holds the checks every kind of container shares. */
export function validateContainerCommon(c: Container, volumes: VolumeNames, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(fieldError.required(`${path}.name`));
  else for (const m of isDNS1123Label(c.name)) errs.push(fieldError.invalid(`${path}.name`, c.name, m));
  if (!c.image) errs.push(fieldError.required(`${path}.image`));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(fieldError.required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(fieldError.notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(c.ports, `${path}.ports`));
  errs.push(...validateEnv(c.env, `${path}.env`));
  errs.push(...validateEnvFrom(c.envFrom, `${path}.envFrom`));
  errs.push(...validateVolumeMounts(c, volumes, `${path}.volumeMounts`));
  errs.push(...validatePullPolicy(c.imagePullPolicy, `${path}.imagePullPolicy`));
  errs.push(...validateResourceRequirements(c.resources, `${path}.resources`));
  errs.push(...validateSecurityContext(c.securityContext, `${path}.securityContext`));
  return errs;
}

/** validateContainerPorts checks names (IANA_SVC_NAME, unique), port numbers and protocols. */
export function validateContainerPorts(ports: ContainerPort[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = `${path}[${i}]`;
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) for (const m of msgs) errs.push(fieldError.invalid(`${p}.name`, port.name, m));
      else if (names.has(port.name)) errs.push(fieldError.duplicate(`${p}.name`, port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(fieldError.required(`${p}.containerPort`));
    else for (const m of isValidPortNum(port.containerPort)) errs.push(fieldError.invalid(`${p}.containerPort`, port.containerPort, m));
    if (port.hostPort) for (const m of isValidPortNum(port.hostPort)) errs.push(fieldError.invalid(`${p}.hostPort`, port.hostPort, m));
    if (!port.protocol) errs.push(fieldError.required(`${p}.protocol`));
    else if (!supportedPortProtocols.includes(port.protocol)) {
      errs.push(fieldError.notSupported(`${p}.protocol`, port.protocol, supportedPortProtocols));
    }
  });
  return errs;
}

// RelaxedEnvironmentVariableValidation is beta and on in v1.32: any printable ASCII but '='.
function isRelaxedEnvVarName(name: string): string[] {
  const errs: string[] = [];
  if (name.length === 0) errs.push('environment variable name must be non-empty');
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 32 || c > 126 || c === 61) {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

/** validateEnv checks env names and valueFrom sources. */
export function validateEnv(vars: EnvVar[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const p = `${path}[${i}]`;
    if (!ev.name) errs.push(fieldError.required(`${p}.name`));
    else for (const m of isRelaxedEnvVarName(ev.name)) errs.push(fieldError.invalid(`${p}.name`, ev.name, m));
    errs.push(...validateEnvVarValueFrom(ev, `${p}.valueFrom`));
  });
  return errs;
}

function validateEnvVarValueFrom(ev: EnvVar, path: string): FieldError[] {
  const from = ev.valueFrom;
  if (!from) return [];
  const errs: FieldError[] = [];
  let n = 0;
  if (from.fieldRef) {
    n++;
    errs.push(...validateObjectFieldSelector(from.fieldRef, validEnvFieldPaths, `${path}.fieldRef`));
  }
  if (from.resourceFieldRef) {
    n++;
    errs.push(...validateResourceFieldSelector(from.resourceFieldRef, false, `${path}.resourceFieldRef`));
  }
  if (from.configMapKeyRef) {
    n++;
    errs.push(...validateKeySelector(from.configMapKeyRef, `${path}.configMapKeyRef`));
  }
  if (from.secretKeyRef) {
    n++;
    errs.push(...validateKeySelector(from.secretKeyRef, `${path}.secretKeyRef`));
  }
  if (n === 0) {
    errs.push(fieldError.invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if (ev.value) {
    errs.push(fieldError.invalid(path, '', 'may not be specified when `value` is not empty'));
  } else if (n > 1) {
    errs.push(fieldError.invalid(path, '', 'may not have more than one field specified at a time'));
  }
  return errs;
}

function validateKeySelector(s: { name?: string; key: string }, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const m of isDNS1123Subdomain(s.name ?? '')) errs.push(fieldError.invalid(`${path}.name`, s.name ?? '', m));
  if (!s.key) errs.push(fieldError.required(`${path}.key`));
  else for (const m of isConfigMapKey(s.key)) errs.push(fieldError.invalid(`${path}.key`, s.key, m));
  return errs;
}

/** validateEnvFrom checks envFrom sources and prefixes. */
export function validateEnvFrom(vars: EnvFromSource[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const p = `${path}[${i}]`;
    if (ev.prefix) for (const m of isRelaxedEnvVarName(ev.prefix)) errs.push(fieldError.invalid(`${p}.prefix`, ev.prefix, m));
    let n = 0;
    for (const [key, ref] of [['configMapRef', ev.configMapRef], ['secretRef', ev.secretRef]] as const) {
      if (!ref) continue;
      n++;
      if (!ref.name) errs.push(fieldError.required(`${p}.${key}.name`));
      else for (const m of isDNS1123Subdomain(ref.name)) errs.push(fieldError.invalid(`${p}.${key}.name`, ref.name, m));
    }
    if (n === 0) errs.push(fieldError.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(fieldError.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validatePullPolicy(policy: string | undefined, path: string): FieldError[] {
  if (!policy) return [fieldError.required(path)];
  return supportedPullPolicies.includes(policy) ? [] : [fieldError.notSupported(path, policy, supportedPullPolicies)];
}

/** checkHostPortConflicts reports two ports with the same protocol, hostIP and hostPort. */
function checkHostPortConflicts(containers: Container[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((p, pi) => {
      if (!p.hostPort) return;
      const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(key)) errs.push(fieldError.duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
  return errs;
}

/** validateSecurityContext checks the container security context fields users commonly set. */
export function validateSecurityContext(sc: SecurityContext | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!sc) return errs;
  if (sc.runAsUser !== undefined) for (const m of isValidUserID(sc.runAsUser)) errs.push(fieldError.invalid(`${path}.runAsUser`, sc.runAsUser, m));
  if (sc.runAsGroup !== undefined) for (const m of isValidUserID(sc.runAsGroup)) errs.push(fieldError.invalid(`${path}.runAsGroup`, sc.runAsGroup, m));
  if (sc.procMount !== undefined && sc.procMount !== 'Default' && sc.procMount !== 'Unmasked') {
    errs.push(fieldError.notSupported(`${path}.procMount`, sc.procMount, ['Default', 'Unmasked']));
  } else if (sc.procMount === 'Unmasked') {
    errs.push(fieldError.invalid(`${path}.procMount`, sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfileField(sc.seccompProfile, `${path}.seccompProfile`));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged) errs.push(fieldError.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap === 'CAP_SYS_ADMIN') {
        errs.push(fieldError.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
      }
    }
  }
  return errs;
}

/** validateSeccompProfileField checks a seccompProfile of a pod or container security context. */
export function validateSeccompProfileField(sp: SecurityContext['seccompProfile'], path: string): FieldError[] {
  if (!sp) return [];
  const errs: FieldError[] = [];
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (!sp.type) errs.push(fieldError.required(`${path}.type`, 'type is required when seccompProfile is set'));
  else if (!types.includes(sp.type)) errs.push(fieldError.notSupported(`${path}.type`, sp.type, types));
  if (sp.type === 'Localhost') {
    if (sp.localhostProfile === undefined) {
      errs.push(fieldError.required(`${path}.localhostProfile`, 'must be set when seccomp type is Localhost'));
    }
  } else if (sp.localhostProfile !== undefined) {
    errs.push(fieldError.invalid(`${path}.localhostProfile`, sp, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}
