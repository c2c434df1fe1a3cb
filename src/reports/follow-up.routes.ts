// The DRILL follow-up in the tab (src/reports/follow-up.contract.ts): what I was asked, and my answers. The
// bot's cards write through the same service; nothing depends on the card.
import { z } from 'zod';
import { uuidParam } from '../http/params.ts';
import { recordRoutes } from '../http/record-route.ts';
import { callerRead } from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  followUpAnswerInputSchema,
  followUpObservationInputSchema,
  followUpViewSchema,
} from './follow-up.contract.ts';
import type { FollowUps } from './follow-ups.ts';

export function followUpRoutes(followUps: Pick<FollowUps, 'mine' | 'answer' | 'observe'>): RouteDefinition[] {
  const route = routeGroup({ tags: ['reports'], auth: 'user' });
  const followUp = recordRoutes({
    tags: ['reports'],
    path: '/api/reports/follow-ups/:followUpId',
    id: uuidParam,
    errors: {
      403: { description: 'The follow-up was not asked of the caller (or asks the other role)' },
      404: { description: 'No such follow-up' },
      409: {
        description:
          'version_conflict: answered elsewhere meanwhile; conflict: the attendee has submitted a self-check since (the answer is its evidence now)',
      },
    },
  });
  const theFollowUp = { description: 'The follow-up as stored', schema: followUpViewSchema };
  return [
    callerRead(route, {
      path: '/api/reports/follow-ups',
      operationId: 'listMyFollowUps',
      summary:
        'The DRILL follow-ups asked of me (業務に反映できましたか, or a supervisor’s observation) that I may still answer or change',
      ok: { description: 'My open follow-ups, the latest first', schema: z.array(followUpViewSchema) },
      read: (actor) => followUps.mine(actor),
    }),
    followUp({
      method: 'put',
      path: '/answer',
      operationId: 'answerFollowUp',
      summary: 'Answer 「業務に反映できましたか」 (or change the answer), as the attendee asked',
      body: followUpAnswerInputSchema,
      ok: theFollowUp,
      act: (actor, id, body) => followUps.answer(actor, id, body),
    }),
    followUp({
      method: 'put',
      path: '/observation',
      operationId: 'observeFollowUp',
      summary: 'Give (or change) the one-line observation of the attendee, as the supervisor asked',
      body: followUpObservationInputSchema,
      ok: theFollowUp,
      act: (actor, id, body) => followUps.observe(actor, id, body),
    }),
  ];
}
