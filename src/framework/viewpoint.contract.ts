// API contract shared with the tab: 着眼点 (viewpoints) — what a competency looks like at a level, written
// by HR and stored with the framework version in force (policy 6(2): the matrix says which competencies a
// level is expected to show; HR says what showing it looks like).
//
// GET /api/framework/viewpoints                               → ViewpointList (anyone signed in; the version in force)
// PUT /api/framework/viewpoints/:levelId/:competencyId        ← ViewpointInput → Viewpoint | 204 cleared (HR only)
//
// One zod schema per shape: the server validates requests and (outside production) checks its answers with
// them, the OpenAPI document is built from them, and the types below (which the tab imports) are inferred.
import { z } from 'zod';
import { versionedOrNewInput, versionStampFields } from '../http/contract-fragments.ts';
import { userText } from '../http/user-input.ts';

export const VIEWPOINT_MAX = 1000;

/** The text of one 着眼点, as a self-check shows it; `en` is empty when HR wrote only Japanese. */
export const viewpointTextSchema = z.object({ ja: z.string(), en: z.string() });
export type ViewpointText = z.infer<typeof viewpointTextSchema>;

/** A 着眼点 as HR manages it: its text, for one competency at one level. */
export const viewpointSchema = z.object({
  levelId: z.string(),
  competencyId: z.string(),
  ...viewpointTextSchema.shape,
  ...versionStampFields,
});
export type Viewpoint = z.infer<typeof viewpointSchema>;

export const viewpointListSchema = z.object({
  frameworkVersion: z.string(),
  viewpoints: z.array(viewpointSchema),
});
export type ViewpointList = z.infer<typeof viewpointListSchema>;

/** The version is 0 when writing a cell that has none yet. */
export const viewpointInputSchema = versionedOrNewInput({
  /** Both empty clears the cell: the tab falls back to the policy's own words. */
  ja: userText.max(VIEWPOINT_MAX),
  en: userText.max(VIEWPOINT_MAX),
});
export type ViewpointInput = z.infer<typeof viewpointInputSchema>;

const idParam = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be a camelCase id');
export const viewpointParamsSchema = z.object({ levelId: idParam, competencyId: idParam });
