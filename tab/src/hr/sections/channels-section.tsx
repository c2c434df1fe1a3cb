import {
  Badge,
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ChannelMappingOverview,
  DepartmentMapping,
  InstalledTeam,
} from '../../../../src/reports/channel-mapping.contract.ts';
import type { ApiClient } from '../../api/client.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { registerBundle } from '../../i18n/i18n.ts';
import { OrEmpty, useLayoutStyles } from '../../shell/layout.tsx';
import { RecordOptions } from '../../shell/options.tsx';
import { useRowStyles, WriteFailure } from '../row-frame.tsx';
import { SectionFrame } from '../section-frame.tsx';
import type { HrSectionProps } from '../section-props.ts';

registerBundle('hr-channels', {
  ja: {
    intro:
      '研修報告は、提出した職員の課に割り当てたチャネルへ要約が投稿されます（方針 7(5)②：研修成果の職場への還元）。アプリ（ボット）を追加したチームのチャネルから選んでください。割り当てのない課の報告は提出扱いのまま共有されず、本人のタブに「共有先チャネル未設定」と表示されます。',
    noTeams:
      'アプリを追加したチームがまだありません。職場のチームに「育み」ボットを追加すると、そのチャネルをここで選べます。',
    teams: 'アプリを追加したチーム：{{count}}',
    empty: '職員名簿に課が見つかりません。名簿の同期後にもう一度開いてください。',
    people: '{{count}}人',
    current: '現在の共有先',
    notMapped: '未設定',
    unavailableShort: '使用不可',
    unavailable:
      'このチャネルは使えません（アプリが削除されたか、チャネルがなくなりました）。選び直してください。',
    team: 'チーム',
    channel: 'チャネル',
    choose: '選択してください',
    save: '保存',
    unmap: '割り当てを外す',
    saved: '{{department}}の共有先を保存しました。',
    unmapped: '{{department}}の割り当てを外しました。',
    stale:
      'ほかの担当者が{{department}}の共有先を変更しました。選んだ内容はそのままです。最新を読み込んでから、もう一度保存してください。',
    reload: '最新を読み込む',
    mapping: '{{team}} / {{channel}}',
  },
  en: {
    intro:
      'A summary of each training report is posted to the channel mapped to the author\'s department (policy 7(5)②: returning what was learned to the workplace). Choose among the channels of teams the app (bot) has been added to. Reports of an unmapped department still count as submitted but are not shared; their authors see "no channel mapped" in the tab.',
    noTeams:
      'The app has not been added to any team yet. Add the Hagukumi bot to a workplace team to choose its channels here.',
    teams: 'Teams with the app: {{count}}',
    empty: 'No departments found in the staff list. Open this again after the directory sync.',
    people: '{{count}} people',
    current: 'Shared to',
    notMapped: 'Not mapped',
    unavailableShort: 'Unavailable',
    unavailable: 'This channel cannot be used (the app was removed or the channel is gone). Choose again.',
    team: 'Team',
    channel: 'Channel',
    choose: 'Choose',
    save: 'Save',
    unmap: 'Unmap',
    saved: 'Saved the channel of {{department}}.',
    unmapped: 'Unmapped {{department}}.',
    stale:
      'Someone else changed the channel of {{department}} meanwhile. Your choice is kept; load the latest, then save again.',
    reload: 'Load the latest',
    mapping: '{{team}} / {{channel}}',
  },
});

const useStyles = makeStyles({
  select: { width: '16em', maxWidth: '100%' },
  current: { margin: 0, overflowWrap: 'anywhere' },
});

const teamLabel = (team: Pick<InstalledTeam, 'name' | 'teamId'>) => team.name ?? team.teamId;

/** 共有先チャネル: per 課, the channel of an installed team its training reports are shared to. */
export default function ChannelsSection({ api }: HrSectionProps) {
  const { t } = useTranslation('hr-channels');
  const layout = useLayoutStyles();
  const rows = useRowStyles();
  const overview = useQuery(routeQuery(api, queryKeys.channelMappings, 'GET /api/reports/channel-mappings'));
  const [notice, setNotice] = useState('');
  return (
    <QueryState query={overview}>
      {({ teams, departments }) => (
        <SectionFrame section="channels">
          <p className={layout.muted}>{t('intro')}</p>
          <span role="status" data-testid="channels-status">
            {notice}
          </span>
          {teams.length === 0 ? (
            <MessageBar intent="info" data-testid="channels-no-teams">
              <MessageBarBody>{t('noTeams')}</MessageBarBody>
            </MessageBar>
          ) : (
            <p className={layout.muted}>{t('teams', { count: teams.length })}</p>
          )}
          <OrEmpty empty={departments.length === 0} text={t('empty')}>
            <ul className={rows.list}>
              {departments.map((entry, index) => (
                <DepartmentRow
                  key={entry.department}
                  api={api}
                  index={index}
                  entry={entry}
                  teams={teams}
                  onChanged={setNotice}
                />
              ))}
            </ul>
          </OrEmpty>
        </SectionFrame>
      )}
    </QueryState>
  );
}

function DepartmentRow({
  api,
  index,
  entry,
  teams,
  onChanged,
}: {
  api: ApiClient;
  index: number;
  entry: DepartmentMapping;
  teams: InstalledTeam[];
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation('hr-channels');
  const rows = useRowStyles();
  const styles = useStyles();
  const mapping = entry.mapping;
  // The choice survives a failed save or a reload after a conflict: it is only reset by a saved change.
  const [teamId, setTeamId] = useState(mapping?.teamId ?? '');
  const [channelId, setChannelId] = useState(mapping?.channelId ?? '');
  const queryClient = useQueryClient();
  // Every write answers with the whole overview: it replaces the cached one.
  const write = useMutation({
    mutationFn: (request: () => Promise<ChannelMappingOverview>) => request(),
    onSuccess: (overview) => queryClient.setQueryData(queryKeys.channelMappings, overview),
  });
  const busy = write.isPending;
  const error = write.error;
  const team = teams.find((candidate) => candidate.teamId === teamId);
  const changed = teamId !== (mapping?.teamId ?? '') || channelId !== (mapping?.channelId ?? '');
  const params = { department: entry.department };
  const headingId = `channels-department-${index}`;

  const save = () =>
    write.mutate(
      () =>
        api.call('PUT /api/reports/channel-mappings/:department', {
          params,
          body: { teamId, channelId, version: mapping?.version ?? 0 },
        }),
      { onSuccess: () => onChanged(t('saved', { department: entry.department })) },
    );
  const unmap = () => {
    if (!mapping) return;
    const { version } = mapping;
    write.mutate(
      () => api.call('DELETE /api/reports/channel-mappings/:department', { params, query: { version } }),
      {
        onSuccess: () => {
          onChanged(t('unmapped', { department: entry.department }));
          setTeamId('');
          setChannelId('');
        },
      },
    );
  };

  return (
    <li
      className={rows.row}
      aria-labelledby={headingId}
      data-testid={`channels-row-${index}`}
      data-department={entry.department}
    >
      <div className={rows.head}>
        <h3 className={rows.h3} id={headingId}>
          {entry.department}
        </h3>
        <Badge appearance="outline">{t('people', { count: entry.people })}</Badge>
        {mapping && !mapping.unavailable ? null : (
          <Badge color={mapping ? 'danger' : 'informative'} data-testid="channels-state">
            {mapping ? t('unavailableShort') : t('notMapped')}
          </Badge>
        )}
      </div>
      <p className={styles.current} data-testid="channels-current">
        {t('current')}:{' '}
        {mapping
          ? t('mapping', {
              team: mapping.teamName ?? mapping.teamId,
              channel: mapping.channelName ?? mapping.channelId,
            })
          : t('notMapped')}
      </p>
      {mapping?.unavailable ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('unavailable')}</MessageBarBody>
        </MessageBar>
      ) : null}
      {teams.length > 0 ? (
        <div className={rows.fields}>
          <Field label={t('team')} className={styles.select}>
            <Select
              value={teamId}
              aria-describedby={headingId}
              onChange={(_, data) => {
                setTeamId(data.value);
                const next = teams.find((candidate) => candidate.teamId === data.value);
                setChannelId(next?.channels[0]?.id ?? '');
              }}
              data-testid="channels-team"
            >
              <RecordOptions
                none={t('choose')}
                records={teams}
                idOf={(candidate) => candidate.teamId}
                labelOf={teamLabel}
              />
            </Select>
          </Field>
          <Field label={t('channel')} className={styles.select}>
            <Select
              value={channelId}
              aria-describedby={headingId}
              disabled={!team}
              onChange={(_, data) => setChannelId(data.value)}
              data-testid="channels-channel"
            >
              <RecordOptions
                none={t('choose')}
                records={team?.channels ?? []}
                labelOf={(channel) => channel.name}
              />
            </Select>
          </Field>
          <div className={rows.buttons}>
            <Button
              appearance="primary"
              disabled={busy || !teamId || !channelId || !changed}
              onClick={save}
              data-testid="channels-save"
            >
              {t('save')}
            </Button>
            {mapping ? (
              <Button disabled={busy} onClick={unmap} data-testid="channels-unmap">
                {t('unmap')}
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
      <WriteFailure
        error={error}
        stale={t('stale', { department: entry.department })}
        reload={t('reload')}
        onReload={() => {
          write.reset();
          void queryClient.invalidateQueries({ queryKey: queryKeys.channelMappings });
        }}
        testId="channels-error"
      />
    </li>
  );
}
