import type { ServiceAccount } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { nameIsDNSSubdomain } from '../validation/names';

// The ServiceAccount strategy of pkg/registry/core/serviceaccount/strategy.go (v1.32).

// cleanSecretReferences keeps only the name of each referenced secret.
function cleanSecretReferences(obj: KubeObject): void {
  const sa = obj as unknown as ServiceAccount;
  if (sa.secrets) (sa as { secrets?: { name?: string }[] }).secrets = sa.secrets.map((s) => ({ name: s.name }));
}

/** serviceaccountsStrategy is the strategy of core/v1 serviceaccounts. */
export const serviceaccountsStrategy: ResourceStrategy = {
  def: Resources.serviceaccounts,
  prepareForCreate: cleanSecretReferences,
  prepareForUpdate: cleanSecretReferences,
  validate: (obj) => validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain),
  validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain)],
};
