// What one API route takes and answers, for the route maps of ./route-map/ (one file per slice).

/** The body and query as the client sends them (zod input), and the answer (zod output). */
export interface Route<Response, Body = never, Query = never> {
  response: Response;
  body: Body;
  query: Query;
}
