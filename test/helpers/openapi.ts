/*
 * The operations of Amply's own OpenAPI document, for tests that walk every route: they cover a new
 * route as soon as it is documented.
 */

export interface Schema {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: Schema | boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  /** As documented, with `{name}` placeholders. */
  path: string;
  operationId: string | undefined;
  secured: boolean;
  /** The JSON body's schema, `$ref` resolved. */
  body: Schema | undefined;
  /** Whether the document marks the body required. */
  bodyRequired: boolean;
  parameters: Parameter[];
}

export interface OpenApiOperations {
  operations: Operation[];
  /** Resolves a `$ref` to a component schema; any other schema as it is. */
  resolve(schema: Schema | undefined): Schema | undefined;
}

/** Reads the operations of an OpenAPI 3.1 document (`GET /openapi.json`). */
export function readOperations(doc: any): OpenApiOperations {
  const components = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  const resolve = (schema: Schema | undefined) =>
    schema?.$ref ? components[schema.$ref.replace('#/components/schemas/', '')] : schema;
  const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(
    ([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId as string | undefined,
        // `{}` among the requirements means credentials are optional: the route is public.
        secured:
          Array.isArray(operation.security) &&
          operation.security.length > 0 &&
          !operation.security.some((requirement: object) => Object.keys(requirement).length === 0),
        body: resolve(operation.requestBody?.content?.['application/json']?.schema),
        bodyRequired: operation.requestBody?.required === true,
        parameters: (operation.parameters ?? []) as Parameter[],
      })),
  );
  return { operations, resolve };
}

/** Whether a request without any body is a complete request for this operation. */
export function takesNoBody(operation: Operation): boolean {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(operation.method)) return false;
  return !operation.body || !operation.bodyRequired || (operation.body.required ?? []).length === 0;
}

/** The path with each `{name}` replaced from `ids`. */
export function concretePath(path: string, ids: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (whole, name: string) => ids[name] ?? whole);
}
