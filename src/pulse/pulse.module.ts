// The やりがい pulse (docs/pulse.md, issue 20 ⑥): HR's quarterly questions, answered in the tab or on the
// bot's card, and results by 課 that never show a person.
import type { AppContext, SliceModule } from '../app-context.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { pulseRoutes } from './pulse.routes.ts';
import { createPulseService } from './pulse.service.ts';

export function createPulseModule(ctx: AppContext, deps: { people: PeopleStore; audit: AuditLog }) {
  const service = createPulseService({ db: ctx.db, people: deps.people, audit: deps.audit, now: ctx.now });
  return { routes: pulseRoutes(service), jobs: [], service } satisfies SliceModule & Record<string, unknown>;
}
