import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASURE_RULES, PERSON_COLUMN } from '../../../src/privacy/erasure-plan.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

// Tables are added all the time. The erasure must know every column that holds a person's id, so this
// reads the live schema (after every migration) and names each person column the plan does not cover.
describe('erasure covers every table that holds a person', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('has a rule (delete, detach or keep, with a reason) for every person column of every table', async () => {
    const columns = await server.database.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name, c.column_name`,
    );
    const covered = new Set(ERASURE_RULES.map((rule) => `${rule.table}.${rule.column}`));
    const personColumns = columns
      .filter(
        (column) =>
          PERSON_COLUMN.test(column.column_name) ||
          (column.table_name === 'people' && column.column_name === 'id'),
      )
      .map((column) => `${column.table_name}.${column.column_name}`);
    expect(personColumns).toContain('goals.person_id');
    const uncovered = personColumns.filter((key) => !covered.has(key));
    expect(
      uncovered.map((key) => `${key} holds a person id but src/privacy/erasure-plan.ts has no rule for it`),
    ).toEqual([]);

    // And no rule names a column that does not exist (a renamed column would escape the erasure).
    const existing = new Set(columns.map((column) => `${column.table_name}.${column.column_name}`));
    expect([...covered].filter((key) => !existing.has(key)).map((key) => `${key}: no such column`)).toEqual(
      [],
    );
    expect(ERASURE_RULES.every((rule) => rule.why.length > 0)).toBe(true);
  });
});
