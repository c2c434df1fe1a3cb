// The API routes the tab calls through `api.call`, keyed by method and path template exactly as the
// server declares them (src/**/*.routes.ts). Each slice's entries live in ./route-map/<slice>.ts; each
// entry takes its types from the slice's contract (src/**/*.contract.ts), which holds the zod schemas
// the server validates, answers and documents with: rename a field there and every use of it here
// fails the tab's typecheck. Contracts import only zod, so importing their types pulls no server code
// into the tab.
import type { CareerRoutes } from './route-map/career.ts';
import type { CycleRoutes } from './route-map/cycles.ts';
import type { DeclarationRoutes } from './route-map/declarations.ts';
import type { DevelopmentRoutes } from './route-map/development.ts';
import type { PlacementRoutes } from './route-map/placement.ts';
import type { EvaluationHrRoutes } from './route-map/evaluation-hr.ts';
import type { QualificationRoutes } from './route-map/qualifications.ts';
import type { GoalRoutes } from './route-map/goals.ts';
import type { HomeRoutes } from './route-map/home.ts';
import type { InterviewRoutes } from './route-map/interviews.ts';
import type { LearningRoutes } from './route-map/learning.ts';
import type { OjtRoutes } from './route-map/ojt.ts';
import type { PolicyRoutes } from './route-map/policies.ts';
import type { PulseAdminRoutes } from './route-map/pulse-admin.ts';
import type { PulseAnswerRoutes } from './route-map/pulse-answer.ts';
import type { AnalyticsRoutes } from './route-map/analytics.ts';
import type { AuditRoutes } from './route-map/audit.ts';
import type { ErasureRoutes } from './route-map/erasure.ts';
import type { FrameworkRoutes } from './route-map/framework.ts';
import type { PeopleAdminRoutes } from './route-map/people-admin.ts';
import type { PeopleRoutes } from './route-map/people.ts';
import type { ReportRoutes } from './route-map/reports.ts';
import type { SelfCheckRoutes } from './route-map/self-checks.ts';
import type { TrainingRoutes } from './route-map/training.ts';
import type { TrainingAnnouncementRoutes } from './route-map/training-announcements.ts';
import type { EvaluationFormRoutes } from './route-map/evaluation-form.ts';

/** Every route the tab calls: one interface per slice in ./route-map/, joined here. */
export interface ApiRoutes
  extends
    PeopleRoutes,
    GoalRoutes,
    SelfCheckRoutes,
    CareerRoutes,
    DeclarationRoutes,
    CycleRoutes,
    InterviewRoutes,
    FrameworkRoutes,
    PeopleAdminRoutes,
    AnalyticsRoutes,
    AuditRoutes,
    ErasureRoutes,
    TrainingRoutes,
    TrainingAnnouncementRoutes,
    LearningRoutes,
    ReportRoutes,
    HomeRoutes,
    DevelopmentRoutes,
    OjtRoutes,
    PolicyRoutes,
    PlacementRoutes,
    PulseAdminRoutes,
    EvaluationFormRoutes,
    PulseAnswerRoutes,
    EvaluationHrRoutes,
    QualificationRoutes {}

export type ApiRouteKey = keyof ApiRoutes;
export type ApiResponse<K extends ApiRouteKey> = ApiRoutes[K]['response'];

/** `:name` segments of a path template, each a string to fill in. */
export type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

type PathOf<K extends ApiRouteKey> = K extends `${string} ${infer Path}` ? Path : never;

/** What `api.call` needs besides the route: only the parts the route has are allowed, and all of them required. */
export type CallInput<K extends ApiRouteKey> = (keyof PathParams<PathOf<K>> extends never
  ? { params?: never }
  : { params: PathParams<PathOf<K>> }) &
  ([ApiRoutes[K]['body']] extends [never] ? { body?: never } : { body: ApiRoutes[K]['body'] }) &
  ([ApiRoutes[K]['query']] extends [never] ? { query?: never } : { query?: ApiRoutes[K]['query'] }) & {
    /** Lets a query that is no longer wanted stop waiting. */
    signal?: AbortSignal;
  };

/** The URL of a route: its path template filled in (each value escaped) and its query appended. */
export function urlOf(
  key: ApiRouteKey,
  input: { params?: Record<string, string>; query?: Record<string, unknown> } = {},
): { method: string; url: string } {
  const [method, template] = key.split(' ') as [string, string];
  const path = template.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = input.params?.[name];
    if (value === undefined) throw new Error(`${key}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(input.query ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      search.set(name, String(value));
    }
  }
  const query = search.toString();
  return { method, url: query ? `${path}?${query}` : path };
}
