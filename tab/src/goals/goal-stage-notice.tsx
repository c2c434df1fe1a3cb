import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CycleYearResponse } from '../../../src/cycles/cycle.contract.ts';
import { formatDay } from './format.ts';
import { goalStageOf } from './goal-stage.ts';

/**
 * Where the year's 目標管理 stands by HR's windows: the stage open now and its last day, or, when none is,
 * that none is and which comes next. Nothing is guessed from the month.
 */
export function GoalStageNotice({ query }: { query: UseQueryResult<CycleYearResponse> }) {
  const { t, i18n } = useTranslation('goals');
  // The windows are a guide beside the goals: while they load, or if they cannot be read, the page goes on.
  if (!query.data) return null;
  const state = goalStageOf(query.data);
  const day = (value: string) => formatDay(value, i18n.language);
  const text = state.open
    ? t(`stageOpen.${state.open.stage}`, { date: day(state.open.closesOn) })
    : state.next
      ? t('stageNoneNext', {
          stage: t(`stageName.${state.next.stage}`),
          from: day(state.next.opensOn),
          to: day(state.next.closesOn),
        })
      : t('stageNone');
  return (
    <MessageBar intent="info" data-testid="goal-stage" data-stage={state.open?.stage ?? 'none'}>
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
