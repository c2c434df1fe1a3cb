// Walks an OpenAPI document and throws malformed input at every operation. Because it reads the
// document the server generates from its own route table, routes added later are covered without
// touching this file.

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  examples?: unknown[];
  default?: unknown;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
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

/** What one probe sends besides method and URL; `detailAt` names the field that must be refused. */
export interface ProbeInit {
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /**
   * The request carries one hostile value: the 400 must name this field (a detail whose path is it or
   * lies below it). Any 4xx is not enough there: other fields of the probe may be wrong too, and only
   * the detail shows that the field's own schema refused the value.
   */
  detailAt?: string;
}

/** Sends one malformed request and judges the answer: a 4xx with the error body, nothing leaked. */
export async function probeRequest(
  options: Pick<ProbeOptions, 'baseUrl'>,
  route: string,
  label: string,
  method: string,
  url: string,
  init: ProbeInit & { auth?: Record<string, string> } = {},
): Promise<Probe> {
  const response = await fetch(`${options.baseUrl}${url}`, {
    method: method.toUpperCase(),
    headers: {
      ...init.auth,
      ...(init.contentType ? { 'content-type': init.contentType } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await response.text();
  let problem = '';
  if (response.status >= 500) problem = `answered ${response.status}`;
  else if (response.status < 400) problem = `accepted malformed input with ${response.status}`;
  else {
    try {
      const body = JSON.parse(text) as {
        error?: { code?: unknown; message?: unknown; details?: Array<{ path?: unknown }> };
      };
      if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') {
        problem = 'error body lacks error.code / error.message';
      } else if (init.detailAt !== undefined) {
        const at = init.detailAt;
        const named = (body.error.details ?? []).some(
          (detail) =>
            typeof detail.path === 'string' && (detail.path === at || detail.path.startsWith(`${at}.`)),
        );
        if (!named)
          problem = `answered ${response.status} (${body.error.code}) without refusing ${at} itself`;
      }
    } catch {
      problem = 'error body is not JSON';
    }
    if (/\bat .+\.(ts|js):\d+/.test(text)) problem = 'leaks a stack trace';
  }
  return { route, label, status: response.status, problem };
}

/**
 * Text PostgreSQL cannot store as written: U+0000 (refused in text and jsonb) and an unpaired
 * surrogate (refused in jsonb, silently replaced in text). Between ordinary Japanese characters, as a
 * paste from a broken file would bring them.
 */
export const HOSTILE_TEXTS = [
  { label: 'NUL', value: '前\u0000後' },
  { label: 'unpaired surrogate', value: '前\ud800後' },
] as const;
/** One past PostgreSQL `integer`: versions, counts and sizes are stored in it. */
export const HOSTILE_INTEGER = 2_147_483_648;

function typeOf(schema: JsonSchema | undefined): string | undefined {
  return Array.isArray(schema?.type) ? schema?.type.find((type) => type !== 'null') : schema?.type;
}

function branchesOf(schema: JsonSchema): JsonSchema[] {
  return (schema.anyOf ?? schema.oneOf ?? []).filter((branch) => typeOf(branch) !== 'null');
}

/** Values that fit the patterns of the API's ids, years, periods, days and times. */
const PATTERN_SAMPLES = [
  'me',
  '00000000-0000-4000-8000-000000000000',
  '2026',
  '2026-H1',
  '2026-04',
  '2026-04-01',
  '10:00',
  'abc',
  '12345',
];

/** A plausible value for a schema, so that a probe's other fields do not drown the one it aims at. */
function sampleOf(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.examples && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  const branches = branchesOf(schema);
  if (branches.length > 0) return sampleOf(branches[0], depth + 1);
  switch (typeOf(schema)) {
    case 'string':
      if (schema.format === 'date') return '2026-04-01';
      if (schema.format === 'date-time') return '2026-04-01T00:00:00Z';
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.pattern) {
        const pattern = new RegExp(schema.pattern, 'u');
        const fitting = PATTERN_SAMPLES.find((candidate) => pattern.test(candidate));
        if (fitting !== undefined) return fitting;
      }
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items, depth + 1));
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, property]) => [
          name,
          sampleOf(property, depth + 1),
        ]),
      );
    default:
      return null;
  }
}

export interface HostileValue {
  /** Where the hostile value sits, as the API's error details spell it (`body.items.0.text`). */
  path: string;
  label: string;
  /** The whole value of the schema's node, hostile at `path` and plausible elsewhere. */
  value: unknown;
}

/**
 * For every text and number the schema takes, at any depth (properties, array items, record values
 * and record keys): the schema's value with that one place hostile.
 */
export function hostileValues(schema: JsonSchema | undefined, path: string, depth = 0): HostileValue[] {
  if (!schema || depth > 8 || schema.enum || schema.const !== undefined) return [];
  const branches = branchesOf(schema);
  if (branches.length > 0) {
    // A real union answers at its own path ("no branch matched"); a nullable one is its branch.
    const unionPath = branches.length > 1;
    return branches.flatMap((branch) =>
      hostileValues(branch, path, depth + 1).map((hostile) => (unionPath ? { ...hostile, path } : hostile)),
    );
  }
  switch (typeOf(schema)) {
    case 'string':
      // A pattern or format (ids, dates) refuses both alike; one probe there is enough.
      return (schema.pattern || schema.format ? HOSTILE_TEXTS.slice(0, 1) : HOSTILE_TEXTS).map(
        ({ label, value }) => ({ path, label, value }),
      );
    case 'integer':
    case 'number':
      return [{ path, label: String(HOSTILE_INTEGER), value: HOSTILE_INTEGER }];
    case 'array':
      return hostileValues(schema.items, `${path}.0`, depth + 1).map((hostile) => ({
        ...hostile,
        value: [hostile.value],
      }));
    case 'object': {
      const sample = sampleOf(schema) as Record<string, unknown>;
      const found: HostileValue[] = [];
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        for (const hostile of hostileValues(property, `${path}.${name}`, depth + 1)) {
          found.push({ ...hostile, value: { ...sample, [name]: hostile.value } });
        }
      }
      const values =
        typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
      if (values) {
        for (const hostile of hostileValues(values, `${path}.k`, depth + 1)) {
          found.push({ ...hostile, value: { k: hostile.value } });
        }
        // Record keys are outside text too, and land in jsonb beside the values.
        for (const { label, value } of HOSTILE_TEXTS) {
          found.push({ path, label: `key with ${label}`, value: { [value]: sampleOf(values) } });
        }
      }
      return found;
    }
    default:
      return [];
  }
}

export async function probeMalformedInput(
  document: OpenApiDocument,
  options: ProbeOptions,
): Promise<{ probes: Probe[]; failures: Probe[] }> {
  const probes: Probe[] = [];
  const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};

  const send = async (route: string, label: string, method: string, url: string, init: ProbeInit = {}) => {
    probes.push(await probeRequest(options, route, label, method, url, { ...init, auth }));
  };

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
        if (typeof example === 'string') return encodeURIComponent(example);
        const sample = sampleOf(pathParams.find((parameter) => parameter.name === name)?.schema);
        return typeof sample === 'string' ? encodeURIComponent(sample) : 'x';
      };
      const plainPath = fillPath(template, exampleOf);
      // Required query parameters with plausible values: the query is validated before the body.
      const queryWith = (overrides: Record<string, string>) => {
        const values: Record<string, string> = {};
        for (const parameter of queryParams) {
          if (parameter.required) values[parameter.name] = String(sampleOf(parameter.schema));
        }
        const search = new URLSearchParams({ ...values, ...overrides }).toString();
        return search ? `${plainPath}?${search}` : plainPath;
      };

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

      // Hostile text in every path parameter: refused by the parameter's own schema, by name.
      for (const parameter of pathParams) {
        if (typeOf(parameter.schema) !== 'string' || parameter.schema?.enum) continue;
        const hostilePath = fillPath(template, (name) =>
          name === parameter.name ? encodeURIComponent(HOSTILE_TEXTS[0].value) : exampleOf(name),
        );
        await send(route, `path ${parameter.name} with NUL`, method, hostilePath, {
          ...(bodySchema
            ? { body: JSON.stringify(sampleOf(bodySchema)), contentType: 'application/json' }
            : {}),
          detailAt: `params.${parameter.name}`,
        });
      }

      // Hostile text and out-of-range integers in every query parameter. (An unpaired surrogate cannot
      // arrive through a URL: its UTF-8 bytes are invalid and decode to U+FFFD.)
      for (const parameter of queryParams) {
        const type = typeOf(parameter.schema);
        const hostile =
          parameter.schema?.enum || type === 'boolean'
            ? undefined
            : type === 'integer' || type === 'number'
              ? { label: String(HOSTILE_INTEGER), value: String(HOSTILE_INTEGER) }
              : type === 'string'
                ? HOSTILE_TEXTS[0]
                : undefined;
        if (hostile) {
          await send(
            route,
            `query ${parameter.name} ${hostile.label}`,
            method,
            queryWith({ [parameter.name]: hostile.value }),
            {
              // With a plausible body, so the request gets past the body's media type to the query.
              ...(bodySchema
                ? { body: JSON.stringify(sampleOf(bodySchema)), contentType: 'application/json' }
                : {}),
              detailAt: `query.${parameter.name}`,
            },
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
        // Declared as gzip, sent plain: the inflater fails. A client's mistake, so a 4xx.
        await send(route, 'Content-Encoding gzip on a plain body', method, queryWith({}), {
          body: JSON.stringify(sampleOf(bodySchema)),
          contentType: json,
          headers: { 'content-encoding': 'gzip' },
        });
        // Each text and number of the body, alone hostile: NUL, an unpaired surrogate, 2^31.
        for (const hostile of hostileValues(bodySchema, 'body')) {
          await send(route, `${hostile.path} ${hostile.label}`, method, queryWith({}), {
            body: JSON.stringify(hostile.value),
            contentType: json,
            detailAt: hostile.path,
          });
        }
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
