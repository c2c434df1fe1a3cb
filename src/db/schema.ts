// Every slice's tables, gathered for drizzle-kit and for the typed database handle.
export * from '../auth/audit.schema.ts';
