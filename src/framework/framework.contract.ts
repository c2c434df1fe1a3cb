// API contract shared with the tab: GET /api/framework answers the framework in force. Its shape is the one
// zod schema the loader validates the policy file with (framework.schema.ts, which imports only zod): the
// route answers and documents with it, and the types here are inferred from it.
export { frameworkSchema } from './framework.schema.ts';
export type {
  Framework,
  Level,
  Competency,
  Guideline,
  LocalizedText,
  Mark,
  MarkId,
} from './framework.schema.ts';
