import type { StoredObject } from '../../api/object';
import { matches, parseSelector, SelectorParseError } from '../../api/labels';
import { matchesFields, parseFieldSelector, FieldSelectorParseError, type FieldRequirement } from '../../api/fields';
import { newBadRequest } from '../errors';
import type { ResourceStrategy } from '../registry/strategy';

/** buildFilter compiles labelSelector and fieldSelector into one predicate, or throws a 400. */
export function buildFilter(
  s: ResourceStrategy,
  labelSelector: string | undefined,
  fieldSelector: string | undefined,
): ((obj: StoredObject) => boolean) | undefined {
  let labels;
  let fields: FieldRequirement[];
  try {
    labels = parseSelector(labelSelector);
  } catch (e) {
    if (e instanceof SelectorParseError) throw newBadRequest(`unable to parse requirement: ${e.message}`);
    throw e;
  }
  try {
    fields = parseFieldSelector(fieldSelector);
  } catch (e) {
    if (e instanceof FieldSelectorParseError) throw newBadRequest(e.message);
    throw e;
  }
  const extra = s.fieldSelectors ?? {};
  for (const f of fields) {
    if (f.field !== 'metadata.name' && f.field !== 'metadata.namespace' && !(f.field in extra)) {
      throw newBadRequest(`field label not supported: ${f.field}`);
    }
  }
  if (labels.requirements.length === 0 && fields.length === 0) return undefined;
  return (obj) =>
    matches(labels, obj.metadata.labels) &&
    matchesFields(fields, (field) => {
      if (field === 'metadata.name') return obj.metadata.name;
      if (field === 'metadata.namespace') return obj.metadata.namespace ?? '';
      return extra[field](obj);
    });
}
