// Walks an OpenAPI document and throws malformed input at every operation. Because it reads the
// document the server generates from its own route table, routes added later are covered without
// touching this file.

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  format?: string;
  examples?: unknown[];
};

interface Operation {
  operationId?: string;
  parameters?: Array<{ name: string; in: 'path' | 'query'; required?: boolean; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

export interface Probe {
  route: string;
  label: string;
  status: number;
  problem: string;
}

export interface ProbeOptions {
  baseUrl: string;
  /** A valid bearer token, so input validation is reached behind authentication. */
  token?: string | undefined;
  bodyLimitBytes: number;
}

const JUNK_PATH_VALUES = ['%00', 'x'.repeat(400), '..%2F..%2Fetc', '-1', '%F0%9F%92%A9', 'null'];

function wrongValueFor(schema: JsonSchema | undefined): unknown {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
  switch (type) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'an array' };
    case 'object':
      return 'not-an-object';
    default:
      return schema?.enum ? '__not_an_allowed_value__' : [[{ deeply: ['wrong'] }]];
  }
}

/** A junk query value that cannot satisfy the parameter's schema, or undefined if any string would. */
function junkQueryValue(schema: JsonSchema | undefined): string | undefined {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
  if (schema?.enum) return '__not_an_allowed_value__';
  if (type === 'number' || type === 'integer') return 'not-a-number';
  if (type === 'boolean') return 'maybe';
  if (schema?.format === 'date' || schema?.format === 'date-time' || schema?.format === 'uuid')
    return 'not-a-date-or-id';
  return undefined;
}

function fillPath(template: string, value: (name: string) => string): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => value(name));
}

export async function probeMalformedInput(
  document: OpenApiDocument,
  options: ProbeOptions,
): Promise<{ probes: Probe[]; failures: Probe[] }> {
  const probes: Probe[] = [];
  const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};

  async function send(
    route: string,
    label: string,
    method: string,
    url: string,
    init: { body?: string; contentType?: string } = {},
  ) {
    const response = await fetch(`${options.baseUrl}${url}`, {
      method: method.toUpperCase(),
      headers: { ...auth, ...(init.contentType ? { 'content-type': init.contentType } : {}) },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const text = await response.text();
    let problem = '';
    if (response.status >= 500) problem = `answered ${response.status}`;
    else if (response.status < 400) problem = `accepted malformed input with ${response.status}`;
    else {
      try {
        const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
        if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') {
          problem = 'error body lacks error.code / error.message';
        }
      } catch {
        problem = 'error body is not JSON';
      }
      if (/\bat .+\.(ts|js):\d+/.test(text)) problem = 'leaks a stack trace';
    }
    probes.push({ route, label, status: response.status, problem });
  }

  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const route = `${method.toUpperCase()} ${template}`;
      const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path');
      const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query');
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      // Body and query probes use a valid path (the parameters' examples) so they reach body and query
      // validation instead of stopping at the path.
      const exampleOf = (name: string) => {
        const example = pathParams.find((parameter) => parameter.name === name)?.schema?.examples?.[0];
        return typeof example === 'string' ? encodeURIComponent(example) : 'x';
      };
      const plainPath = fillPath(template, exampleOf);

      // Junk in every path parameter. A 404 is a fine answer: the thing does not exist.
      if (pathParams.length > 0) {
        for (const junk of JUNK_PATH_VALUES) {
          await send(
            route,
            `path=${junk.slice(0, 20)}`,
            method,
            fillPath(template, () => junk),
            bodySchema ? { body: '{}', contentType: 'application/json' } : {},
          );
        }
      }

      for (const parameter of queryParams) {
        const junk = junkQueryValue(parameter.schema);
        if (junk !== undefined) {
          await send(
            route,
            `query ${parameter.name}=${junk}`,
            method,
            `${plainPath}?${parameter.name}=${encodeURIComponent(junk)}`,
          );
        }
        // The same parameter twice arrives as an array, which no scalar schema accepts.
        const type = Array.isArray(parameter.schema?.type)
          ? parameter.schema?.type[0]
          : parameter.schema?.type;
        if (type !== 'array') {
          await send(
            route,
            `query ${parameter.name} repeated`,
            method,
            `${plainPath}?${parameter.name}=a&${parameter.name}=b`,
          );
        }
      }
      const requiredQuery = queryParams.filter((p) => p.required);
      if (requiredQuery.length > 0) await send(route, 'required query missing', method, plainPath);

      if (bodySchema) {
        const json = 'application/json';
        await send(route, 'junk JSON', method, plainPath, { body: '{"oops": ', contentType: json });
        await send(route, 'not JSON at all', method, plainPath, { body: '<xml/>', contentType: json });
        await send(route, 'wrong content type', method, plainPath, {
          body: 'a=b',
          contentType: 'text/plain',
        });
        await send(route, 'no body', method, plainPath, { contentType: json });
        await send(route, 'JSON array', method, plainPath, { body: '[1,2,3]', contentType: json });
        await send(route, 'JSON number', method, plainPath, { body: '42', contentType: json });
        await send(route, 'JSON null', method, plainPath, { body: 'null', contentType: json });
        await send(route, 'oversized body', method, plainPath, {
          body: JSON.stringify({ padding: 'あ'.repeat(Math.ceil(options.bodyLimitBytes / 3) + 10) }),
          contentType: json,
        });
        const properties = bodySchema.properties ?? {};
        if ((bodySchema.required ?? []).length > 0) {
          await send(route, 'required fields missing', method, plainPath, { body: '{}', contentType: json });
        }
        const names = Object.keys(properties);
        if (names.length > 0) {
          const wrong = Object.fromEntries(names.map((name) => [name, wrongValueFor(properties[name])]));
          await send(route, 'every field of the wrong type', method, plainPath, {
            body: JSON.stringify(wrong),
            contentType: json,
          });
          for (const name of names) {
            await send(route, `field ${name} of the wrong type only`, method, plainPath, {
              body: JSON.stringify({ [name]: wrongValueFor(properties[name]) }),
              contentType: json,
            });
          }
        }
      }
    }
  }
  return { probes, failures: probes.filter((probe) => probe.problem !== '') };
}
