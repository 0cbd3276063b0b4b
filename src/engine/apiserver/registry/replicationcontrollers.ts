import type { ReplicationController, ReplicationControllerSpec, ReplicationControllerStatus } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { defaultsOrDecodeError } from './decodeError';
import { deepEqual } from '../../api/deepEqual';
import { goStringMap } from './goValue';
import { bumpGenerationIf, keepSpec, keepStatus, metaOf } from './strategyHelpers';
import { setDefaultsPodTemplateSpec } from '../defaults/podSpec';
import { validatePodTemplateSpec } from '../validation/podSpec';
import { validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { nameIsDNSSubdomain } from '../validation/names';

// The ReplicationController strategy of pkg/registry/core/replicationcontroller/strategy.go with
// SetDefaults_ReplicationController and ValidateReplicationController (v1.32).

const asRC = (o: KubeObject) => o as unknown as ReplicationController;

function setDefaultsRC(obj: KubeObject): void {
  const spec = ((obj.spec ??= {}) as ReplicationControllerSpec);
  const labels = spec.template?.metadata?.labels;
  if (labels) {
    if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
    const meta = metaOf(obj);
    if (!meta.labels || Object.keys(meta.labels).length === 0) meta.labels = { ...labels };
  }
  spec.replicas ??= 1;
  if (spec.template) setDefaultsPodTemplateSpec(spec.template);
}

function selectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function validateRCSpec(spec: ReplicationControllerSpec | undefined, path: string): FieldError[] {
  const s = spec ?? {};
  const errs = validateNonnegativeField(s.minReadySeconds ?? 0, `${path}.minReadySeconds`);
  const selector = s.selector ?? {};
  const selectorEmpty = Object.keys(selector).length === 0;
  if (selectorEmpty) errs.push(fieldError.required(`${path}.selector`));
  errs.push(...validateNonnegativeField(s.replicas ?? 0, `${path}.replicas`));
  const tp = `${path}.template`;
  if (!s.template) {
    errs.push(fieldError.required(tp));
    return errs;
  }
  const labels = s.template.metadata?.labels;
  if (!selectorEmpty && !selectorMatches(selector, labels)) {
    errs.push(fieldError.invalid(`${tp}.metadata.labels`, goStringMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(s.template, tp));
  const rp = s.template.spec?.restartPolicy;
  if (rp !== 'Always') errs.push(fieldError.notSupported(`${tp}.spec.restartPolicy`, rp ?? '', ['Always']));
  if (s.template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(fieldError.forbidden(`${tp}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
  return errs;
}

function validateRCStatus(st: ReplicationControllerStatus | undefined): FieldError[] {
  const s = st ?? { replicas: 0 };
  const errs: FieldError[] = [];
  for (const k of ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'] as const) {
    errs.push(...validateNonnegativeField(s[k] ?? 0, `status.${k}`));
  }
  const msg = 'cannot be greater than status.replicas';
  const replicas = s.replicas ?? 0;
  for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'] as const) {
    if ((s[k] ?? 0) > replicas) errs.push(fieldError.invalid(`status.${k}`, s[k] ?? 0, msg));
  }
  if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0)) {
    errs.push(fieldError.invalid('status.availableReplicas', s.availableReplicas ?? 0, 'cannot be greater than readyReplicas'));
  }
  return errs;
}

/** replicationcontrollersStrategy is the strategy of core/v1 replicationcontrollers and their status. */
export const replicationcontrollersStrategy: ResourceStrategy = {
  def: Resources.replicationcontrollers,
  defaults: defaultsOrDecodeError(Resources.replicationcontrollers, setDefaultsRC),
  prepareForCreate(obj) {
    // ReplicationControllerStatus.replicas has no omitempty: a new RC prints "replicas: 0".
    obj.status = { replicas: 0 };
    metaOf(obj).generation = 1;
  },
  prepareForUpdate(obj, old) {
    keepStatus(obj, old);
    bumpGenerationIf(obj, old, !deepEqual(obj.spec, old.spec));
  },
  validate: (obj) => [
    ...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain),
    ...validateRCSpec(asRC(obj).spec, 'spec'),
  ],
  validateUpdate: (obj, old) => [
    ...validateObjectMetaUpdate(obj.metadata, old.metadata),
    ...validateRCSpec(asRC(obj).spec, 'spec'),
  ],
  status: {
    prepareForUpdate(obj, old) {
      keepSpec(obj, old);
    },
    validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateRCStatus(asRC(obj).status)],
  },
  fieldSelectors: { 'status.replicas': (o) => String(asRC(o).status?.replicas ?? 0) },
};
