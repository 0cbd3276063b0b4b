import { deepCopy } from '../../api/deepCopy';
import { isJsonObject, type JsonObject } from '../../apiserver/patch/jsonValue';
import { goJson } from '../../api/goJson';

/** LastAppliedConfigAnnotation holds the configuration kubectl apply last applied (v1.LastAppliedConfigAnnotation). */
export const LastAppliedConfigAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * withLastApplied returns a copy of obj annotated with its own configuration, as kubectl apply
 * creates and patches objects (util.GetModifiedConfiguration with annotate): the object is
 * encoded without the annotation (its annotations map kept, even empty), and that text, with
 * encoding/json's final newline, becomes the annotation.
 */
export function withLastApplied(obj: JsonObject): JsonObject {
  const copy = deepCopy(obj);
  if (!isJsonObject(copy.metadata)) copy.metadata = {};
  const meta = copy.metadata as JsonObject;
  const annotations: JsonObject = isJsonObject(meta.annotations) ? { ...meta.annotations } : {};
  delete annotations[LastAppliedConfigAnnotation];
  meta.annotations = annotations;
  const configuration = `${goJson(copy)}\n`;
  meta.annotations = { ...annotations, [LastAppliedConfigAnnotation]: configuration };
  return copy;
}

/** lastAppliedOf returns the configuration an object was last applied with, if it has one. */
export function lastAppliedOf(obj: JsonObject): string | undefined {
  const meta = obj.metadata;
  const annotations = isJsonObject(meta) ? meta.annotations : undefined;
  const value = isJsonObject(annotations) ? annotations[LastAppliedConfigAnnotation] : undefined;
  return typeof value === 'string' ? value : undefined;
}
