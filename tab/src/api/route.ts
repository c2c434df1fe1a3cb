// What one API route takes and answers, for the route maps of ./route-map/ (one file per slice).
import type { z } from 'zod';

/**
 * A route's answer, body and query. Each is either a contract's zod schema (`typeof someSchema`) or a
 * plain type. A schema stands for what crosses the wire from its side: the answer as the server's
 * schema parsed it (zod output), the body and query as the client writes them (zod input).
 */
export interface Route<Response, Body = never, Query = never> {
  response: Parsed<Response>;
  body: Written<Body>;
  query: Written<Query>;
}

type Parsed<T> = T extends z.ZodType ? z.output<T> : T;
type Written<T> = T extends z.ZodType ? z.input<T> : T;
