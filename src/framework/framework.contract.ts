// API contract shared with the tab: GET /api/framework returns a Framework.
export type {
  Framework,
  Level,
  Competency,
  Guideline,
  LocalizedText,
  Mark,
  MarkId,
} from './framework.schema.ts';
