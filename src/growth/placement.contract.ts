// API contract shared with the tab: HR's 配置 workspace (issue 20 point 3, policy 7(3)③⑤⑦). HR only;
// everyone else gets 403 on every route. Every read is audited.
//
// GET /api/hr/placement/declarations?fiscalYear=&department=&level=&status=&wishesTransfer=&path=&cursor=&limit=
//                                                   → PlacementPage (one audit row per page, naming the filter)
// GET /api/hr/placement/declarations.csv?…same filter…&lang= → the filtered forms as CSV (UTF-8 with BOM)
// GET /api/hr/placement/declarations/:fiscalYear/:personId → PlacementForm (one audit row per form opened)
// GET /api/hr/placement/roll-ups?fiscalYear=        → PlacementRollUps (one audit row)
import { z } from 'zod';
import { csvLanguageSchema } from '../analytics/analytics.contract.ts';
import { userText, dbIntegerFromText } from '../http/user-input.ts';
import { personPlacementFields, personSummarySchema } from '../people/people.contract.ts';
import { FIRST_FISCAL_YEAR } from '../shared/fiscal-period.ts';
import { careerPathSchema } from './career.contract.ts';
import { declarationResponseSchema, placementSchema } from './declaration.contract.ts';

const fiscalYear = dbIntegerFromText
  .min(FIRST_FISCAL_YEAR)
  .max(2200)
  .optional()
  .describe('The fiscal year (April–March), e.g. 2026; default the current one');

/** The filters of the list and of its CSV export. */
const filterFields = {
  fiscalYear,
  department: userText.trim().min(1).max(100).optional().describe('The 課 the person is in today'),
  level: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/, 'must be a level id of the framework, e.g. shuji')
    .optional(),
  status: z.enum(['draft', 'submitted']).optional(),
  wishesTransfer: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('true: answered 異動を希望 or named a workplace; false: neither'),
  path: careerPathSchema.optional().describe("The career design's path (none written counts as undecided)"),
};

export const placementFilterSchema = z.object(filterFields);
export type PlacementFilter = z.infer<typeof placementFilterSchema>;

export const placementPageQuerySchema = z.object({
  ...filterFields,
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,1000}$/, 'must be a cursor from a previous page')
    .optional()
    .describe('nextCursor of the previous page'),
  limit: dbIntegerFromText.min(1).max(200).default(50),
});
export type PlacementPageQuery = z.infer<typeof placementPageQuerySchema>;

export const placementCsvQuerySchema = z.object({
  ...filterFields,
  lang: csvLanguageSchema.default('ja').describe('Language of the CSV column labels'),
});

const placedPersonSchema = personSummarySchema.extend({
  division: personPlacementFields.division,
  /** 採用日 (YYYY-MM-DD): HR's record in force, else the directory's; null when unknown. */
  hireDate: z.string().nullable(),
});

export const placementItemSchema = placedPersonSchema.extend({
  status: z.enum(['draft', 'submitted']),
  placement: placementSchema.nullable(),
  /** The workplaces wished for, in order of preference. */
  wishes: z.array(z.string()),
  path: careerPathSchema,
  pathField: z.string(),
  submittedAt: z.string().nullable(),
  revisedAt: z.string().nullable(),
});
export type PlacementItem = z.infer<typeof placementItemSchema>;

export const placementPageSchema = z.object({
  fiscalYear: z.number(),
  /** Forms matching the filter, on every page. */
  total: z.number(),
  items: z.array(placementItemSchema),
  /** Give it as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});
export type PlacementPage = z.infer<typeof placementPageSchema>;

/**
 * The 部 a person has served in: HR's 発令 records and the 部 in force, then the career design's rotation
 * entries only for the time before the first record (docs/growth.md).
 */
const rotationFields = {
  divisions: z.array(z.string()),
  fromRecords: z.number(),
  fromCareer: z.number(),
};

export const placementFormSchema = z.object({
  person: placedPersonSchema,
  career: z.object({ path: careerPathSchema, pathField: z.string() }),
  rotation: z.object(rotationFields),
  declaration: declarationResponseSchema,
});
export type PlacementForm = z.infer<typeof placementFormSchema>;

export const placementRollUpQuerySchema = z.object({ fiscalYear });

const rolledPersonSchema = placedPersonSchema;

export const placementRollUpsSchema = z.object({
  fiscalYear: z.number(),
  /** By 課 wished for (trimmed as typed), most wished first; submitted forms only. */
  transferWishes: z.array(
    z.object({
      department: z.string(),
      count: z.number(),
      people: z.array(rolledPersonSchema.extend({ rank: z.number().describe('1 = first wish') })),
    }),
  ),
  /** Regular staff in force today by their career design's path; notWritten: no career design saved. */
  careerPaths: z.object({
    specialist: z.number(),
    rotation: z.number(),
    undecided: z.number(),
    notWritten: z.number(),
    /** By path and field (trimmed; blank fields as ''), most first. */
    fields: z.array(z.object({ path: careerPathSchema, field: z.string(), count: z.number() })),
  }),
  /** Who reaches the end of the 能力・適性等評価期間 (hire date + years) in the fiscal year or the next. */
  evaluationPeriod: z.object({
    years: z.number(),
    people: z.array(
      rolledPersonSchema.extend({
        endsOn: z.string(),
        endsInFiscalYear: z.number(),
        path: careerPathSchema,
        pathField: z.string(),
      }),
    ),
  }),
  /**
   * How many different 部 each regular staff member has served in: HR's 発令 records, and the career
   * design's rotation entries only for the time before the first record (docs/growth.md).
   */
  rotation: z.object({
    /** people with 1, 2, 3 … different 部 (0: nothing known). */
    histogram: z.array(z.object({ divisions: z.number(), people: z.number() })),
    people: z.array(rolledPersonSchema.extend(rotationFields)),
  }),
});
export type PlacementRollUps = z.infer<typeof placementRollUpsSchema>;
