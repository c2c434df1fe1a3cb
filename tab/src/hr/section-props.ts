import type { Framework } from '../../../src/framework/framework.contract.ts';
import type { MeResponse } from '../../../src/people/people.contract.ts';
import type { ApiClient } from '../api/client.ts';

/** What the console loads once for every section. */
export interface HrBase {
  me: MeResponse;
  framework: Framework;
}

/** What each HR console section gets; `rest` is the route after `#/hr/<section>`. */
export interface HrSectionProps {
  api: ApiClient;
  base: HrBase;
  rest: string[];
}
