import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { goalUpdateSchema, GOAL_LINKS_MAX, GOAL_TITLE_MAX } from '../../../src/growth/goal.contract.ts';
import { USER_TEXT_MESSAGE } from '../../../src/http/user-input.ts';
import { careerDesignInputSchema, CAREER_SHORT_MAX } from '../../../src/growth/career.contract.ts';
import { ApiError } from '../../../tab/src/api/client.ts';
import { blankCareerDesign } from '../../support/career-fixture.ts';
import { checkBody, checkForm, labelsByField } from '../../../tab/src/data/form-check.ts';

// The message key and its values stand in for the translated text.
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction;

const goalFields = goalUpdateSchema.omit({ version: true });
const valid = {
  title: '窓口の待ち時間を短くする',
  successCriteria: '平均10分以内',
  dueDate: '2027-03-31',
  competencyIds: [],
  guidelineIds: [],
};

describe('checkForm: the server contract checks the tab form', () => {
  it('finds nothing wrong with what the server accepts', () => {
    expect(checkForm(goalFields, valid, t)).toEqual({});
  });

  it('names each field the server would refuse, one message each, from the contract limits', () => {
    const errors = checkForm(
      goalFields,
      {
        ...valid,
        title: 'x'.repeat(GOAL_TITLE_MAX + 1),
        dueDate: '31/03/2027',
        competencyIds: Array.from({ length: GOAL_LINKS_MAX + 1 }, (_, i) => `c${i}`),
      },
      t,
    );
    expect(errors).toEqual({
      title: `form.tooLong {"max":${GOAL_TITLE_MAX}}`,
      dueDate: 'form.invalidFormat',
      competencyIds: `form.tooMany {"max":${GOAL_LINKS_MAX}}`,
    });
  });

  it('asks to fill in a field left empty or blank, whatever rule the empty text breaks', () => {
    expect(checkForm(goalFields, { ...valid, title: '  ', dueDate: '' }, t)).toEqual({
      title: 'form.required',
      dueDate: 'form.required',
    });
  });

  it("passes on the shared refinements' own message (text PostgreSQL cannot store)", () => {
    expect(checkForm(goalFields, { ...valid, successCriteria: 'a\u0000b' }, t)).toEqual({
      successCriteria: USER_TEXT_MESSAGE,
    });
  });

  it('reports numbers out of range and other problems with a generic message', () => {
    const schema = z.object({ percent: z.number().min(0).max(100), stage: z.enum(['mid', 'yearEnd']) });
    expect(checkForm(schema, { percent: 101, stage: 'x' }, t)).toEqual({
      percent: 'form.tooBig {"max":100}',
      stage: 'form.invalid',
    });
  });
});

describe('checkBody: a whole request body, checked as the server will', () => {
  const career = {
    ...blankCareerDesign,
    version: 2,
    rotation: [{ from: '2016-04', to: null, department: '納税課', duties: '' }],
  };

  it('finds nothing wrong with what the server accepts', () => {
    expect(checkBody(careerDesignInputSchema, career, t)).toBeUndefined();
  });

  it("reads as the server's 400: every refused field at its path under body, blank ones to fill in", () => {
    const refused = checkBody(
      careerDesignInputSchema,
      {
        ...career,
        interests: ['x'.repeat(CAREER_SHORT_MAX + 1)],
        rotation: [{ from: '', to: null, department: ' ', duties: '' }],
      },
      t,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'form.checkFailed',
      requestId: undefined,
    });
    expect(refused!.details).toEqual([
      { path: 'body.interests.0', message: `form.tooLong {"max":${CAREER_SHORT_MAX}}` },
      { path: 'body.rotation.0.from', message: 'form.required' },
      { path: 'body.rotation.0.department', message: 'form.required' },
    ]);
  });
});

describe('labelsByField', () => {
  it('names a refused path by its nested field, else by its first field, else leaves it as it is', () => {
    const labelOf = labelsByField(
      { title: 'hr.title', 'title.ja': 'hr.titleJa', agenda: 'record.agenda' },
      t,
    );
    expect(labelOf('body.title.ja')).toBe('hr.titleJa');
    expect(labelOf('body.title.en')).toBe('hr.title');
    expect(labelOf('body.agenda.2.text')).toBe('record.agenda');
    expect(labelOf('body.place')).toBe('body.place');
  });
});
