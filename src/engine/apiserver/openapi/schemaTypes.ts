import type { GroupVersionKind } from '../../api/groupVersion';

// The shape of schemas.generated.json: OpenAPI v3 schemas as kube-openapi writes them, with two
// storage shortcuts the document builders undo: `$ref` holds a bare definition name
// ("io.k8s.api.apps.v1.DeploymentSpec") and a property may carry `x-go-type`.

/** StoredSchema is one OpenAPI v3 schema (a definition or a property) as stored in the generated file. */
export interface StoredSchema {
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  /** format is int32, int64, double, byte (a Go []byte, base64 in JSON), date-time or int-or-string. */
  format?: string;
  properties?: Record<string, StoredSchema>;
  required?: string[];
  items?: StoredSchema;
  additionalProperties?: StoredSchema;
  /** $ref names a definition by its bare name (no "#/components/schemas/" prefix). */
  $ref?: string;
  oneOf?: StoredSchema[];
  enum?: string[];
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  /**
   * x-go-type is the reflect type string of the Go field when a named Go type hides behind a plain
   * JSON type ("v1.RestartPolicy", "v1.ResourceList"); decode errors print it. Never served.
   */
  'x-go-type'?: string;
}

/** GeneratedSchemas is the whole generated file. */
export interface GeneratedSchemas {
  /** kubernetesVersion is the API version the schemas describe ("v1.32"). */
  kubernetesVersion: string;
  definitions: Record<string, StoredSchema>;
}

/** DefinitionNames lists the definitions decoding and the document builders treat specially. */
export const DefinitionNames = {
  IntOrString: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  Quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  Time: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
  MicroTime: 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime',
  RawExtension: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
  FieldsV1: 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
  Status: 'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
  DeleteOptions: 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
} as const;

/** goPackageOf returns the Go package name a definition's type lives in ("io.k8s.api.apps.v1.X" → "v1"). */
export function goPackageOf(definitionName: string): string {
  const parts = definitionName.split('.');
  return parts[parts.length - 2];
}

/** shortNameOf returns the Go type name of a definition ("io.k8s.api.apps.v1.Deployment" → "Deployment"). */
export function shortNameOf(definitionName: string): string {
  return definitionName.slice(definitionName.lastIndexOf('.') + 1);
}
