// API contract shared with the tab (tab/ may import *.contract.ts files only). One zod schema per shape:
// the routes validate and document with them, and the types are inferred from them.
import { z } from 'zod';
import { dbIntegerFromText, userText } from '../http/user-input.ts';

export const employmentTypeSchema = z.enum(['regular', 'fiscalYear']);
export type EmploymentType = z.infer<typeof employmentTypeSchema>;

/**
 * GET /api/people?search= (HR): one line of the staff directory. Every answer that describes a person
 * (me, the team, HR's staff list) builds on it, so these fields mean the same everywhere.
 */
export const personSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  /** 課 */
  department: z.string().nullable(),
  jobTitle: z.string().nullable(),
  /** A level id of the framework (e.g. `shuji`), or null when the job title maps to no level. */
  levelId: z.string().nullable(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

/** Where a person stands beyond the summary: their 部, how they are employed and their supervisor's id. */
export const personPlacementFields = {
  /** 部 */
  division: z.string().nullable(),
  employmentType: employmentTypeSchema,
  managerId: z.string().nullable(),
};

/** GET /api/me */
export const meResponseSchema = personSummarySchema.extend({
  userPrincipalName: z.string(),
  ...personPlacementFields,
  roles: z.array(z.enum(['employee', 'supervisor', 'hr'])),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const peopleSearchQuerySchema = z.object({
  search: userText.trim().min(1).max(100),
  limit: dbIntegerFromText.min(1).max(50).default(20),
});
