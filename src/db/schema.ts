// Every slice's tables, gathered for drizzle-kit and for the typed database handle.
export * from '../auth/audit.schema.ts';
export * from '../privacy/erasure.schema.ts';
export * from '../reports/conversation-references.schema.ts';
export * from '../reports/bot-outbox.schema.ts';
export * from '../reports/report.schema.ts';
export * from '../reports/report-workflow.schema.ts';
export * from '../reports/channel-mapping.schema.ts';
export * from '../people/people.schema.ts';
export * from '../growth/self-check.schema.ts';
export * from '../growth/goal.schema.ts';
export * from '../growth/career.schema.ts';
export * from '../growth/declaration.schema.ts';
export * from '../interviews/interview.schema.ts';
export * from '../training/training.schema.ts';
export * from '../cycles/cycle.schema.ts';
export * from '../http/rate-limit.schema.ts';
export * from '../calendar-watch/calendar-watch.schema.ts';
