import { z } from 'zod';
import { rateLimitTierOf } from './rate-limit.ts';
import { errorBodySchema, type RouteDefinition } from './route.ts';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parametersOf(route: RouteDefinition): JsonSchema[] {
  const parameters: JsonSchema[] = [];
  for (const location of ['params', 'query'] as const) {
    const schema = route.request?.[location];
    if (!schema) continue;
    const json = toSchema(schema, 'input');
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      parameters.push({
        name,
        in: location === 'params' ? 'path' : 'query',
        required: location === 'params' ? true : required.has(name),
        schema: property,
        ...(typeof property.description === 'string' ? { description: property.description } : {}),
      });
    }
  }
  return parameters;
}

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(
  routes: readonly RouteDefinition[],
  info: { version: string },
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const responses: Record<string, JsonSchema> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      responses[status] = {
        description: spec.description,
        ...(spec.schema
          ? {
              content: {
                [spec.contentType ?? 'application/json']: { schema: toSchema(spec.schema, 'output') },
              },
            }
          : {}),
      };
    }
    const errorResponse = {
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
    responses['400'] ??= { description: 'Invalid input', ...errorResponse };
    if (route.auth === 'user') {
      responses['401'] ??= { description: 'Missing or invalid bearer token', ...errorResponse };
      responses['403'] ??= { description: 'Not allowed for this caller', ...errorResponse };
    }
    const tier = rateLimitTierOf(route);
    if (tier) {
      responses['429'] ??= {
        description: `Too many requests of this person (${tier} tier); Retry-After says when to try again`,
        headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } },
        ...errorResponse,
      };
    }
    responses.default = { description: 'Error', ...errorResponse };

    const body = route.request?.body;
    (paths[toOpenApiPath(route.path)] ??= {})[route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: route.tags,
      ...(route.auth === 'user' ? { security: [{ teamsSso: [] }] } : { security: [] }),
      parameters: parametersOf(route),
      ...(body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(body, 'input') } },
            },
          }
        : {}),
      ...(tier ? { 'x-rate-limit-tier': tier } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hagukumi API',
      version: info.version,
      description:
        'The API behind the Hagukumi Teams app. Every route but health and this document needs a Teams SSO token.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        teamsSso: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Teams tab SSO token (access_as_user)',
        },
      },
      schemas: { ErrorBody: toSchema(errorBodySchema, 'output') },
    },
  };
}
