import type { PodTemplate } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { defaultsOrDecodeError } from './decodeError';
import { deepEqual } from '../../api/deepEqual';
import { metaOf } from './strategyHelpers';
import { setDefaultsPodTemplateSpec } from '../defaults/podSpec';
import { validatePodTemplateSpec } from '../validation/podSpec';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { nameIsDNSSubdomain } from '../validation/names';

// The PodTemplate strategy of pkg/registry/core/podtemplate/strategy.go (v1.32): generation
// starts at 1 and counts changes to the template.

const asTemplate = (o: KubeObject) => o as unknown as PodTemplate;

/** podtemplatesStrategy is the strategy of core/v1 podtemplates. */
export const podtemplatesStrategy: ResourceStrategy = {
  def: Resources.podtemplates,
  defaults: defaultsOrDecodeError(Resources.podtemplates, (obj) => {
    obj.template ??= {};
    setDefaultsPodTemplateSpec(asTemplate(obj).template);
  }),
  prepareForCreate(obj) {
    metaOf(obj).generation = 1;
  },
  prepareForUpdate(obj, old) {
    const meta = metaOf(obj);
    meta.generation = (old.metadata.generation ?? 0) + (deepEqual(obj.template, old.template) ? 0 : 1);
  },
  validate: (obj) => [
    ...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain),
    ...validatePodTemplateSpec(asTemplate(obj).template, 'template'),
  ],
  validateUpdate: (obj, old) => [
    ...validateObjectMetaUpdate(obj.metadata, old.metadata),
    ...validatePodTemplateSpec(asTemplate(obj).template, 'template'),
  ],
};
