// HR's 課 → channel mapping (policy 7(5)②: reports are returned to the workplace). HR picks, per
// department, a channel of a team the app is installed in; submissions of that 課 are shared there.
import type { Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import { AppError } from '../http/app-error.ts';
import { resolveChannel, type ChannelMappingStore } from './channel-mapping.store.ts';
import type { ChannelMappingInput, ChannelMappingOverview } from './channel-mapping.contract.ts';
import type { ConversationReferenceStore } from './conversation-references.store.ts';

export interface ChannelMappingDependencies {
  store: ChannelMappingStore;
  installations: Pick<ConversationReferenceStore, 'listInstallations'>;
  audit: AuditLog;
  now: () => Date;
}

export function createChannelMappingService(deps: ChannelMappingDependencies) {
  const { store } = deps;
  const audited = auditOf(deps.audit, 'report-channel-mapping');
  const requireHr = (actor: Actor) => {
    if (!actor.isHr)
      throw new AppError('forbidden', 'Only HR (the personnel section) maps departments to channels.');
  };
  const versionConflict = (department: string, current: number | undefined, path = 'body.version') =>
    new AppError(
      'version_conflict',
      current === undefined
        ? `The mapping of ${department} was removed in the meantime. Reload; your choice is still selected.`
        : `The mapping of ${department} was changed in the meantime (now version ${current}). Reload; your choice is still selected.`,
      [
        {
          path,
          message: current === undefined ? 'not mapped now' : `current version is ${current}`,
        },
      ],
    );

  const overview = async (): Promise<ChannelMappingOverview> => {
    const [installations, mappings, departments] = await Promise.all([
      deps.installations.listInstallations(),
      store.all(),
      store.departments(),
    ]);
    const teams = installations
      .map((team) => ({ teamId: team.teamId, name: team.teamName, channels: team.channels }))
      .sort((a, b) => (a.name ?? a.teamId).localeCompare(b.name ?? b.teamId, 'ja'));
    // A mapping whose 課 nobody is in any more still shows, so HR can remove it.
    const names = [
      ...departments,
      ...mappings
        .filter((mapping) => !departments.some((entry) => entry.department === mapping.department))
        .map((mapping) => ({ department: mapping.department, people: 0 })),
    ];
    return {
      teams,
      departments: names.map(({ department, people }) => {
        const mapping = mappings.find((row) => row.department === department);
        if (!mapping) return { department, people, mapping: null };
        const resolved = resolveChannel(mapping, installations);
        const team = installations.find((candidate) => candidate.teamId === mapping.teamId);
        return {
          department,
          people,
          mapping: {
            teamId: mapping.teamId,
            teamName: team?.teamName ?? null,
            channelId: mapping.channelId,
            channelName:
              resolved?.channelName ??
              team?.channels.find((channel) => channel.id === mapping.channelId)?.name ??
              null,
            version: mapping.version,
            unavailable: resolved === undefined,
          },
        };
      }),
    };
  };

  return {
    async overview(actor: Actor): Promise<ChannelMappingOverview> {
      requireHr(actor);
      return overview();
    },

    /** Maps a 課 to a channel: the team must be installed, the channel one of its channels. */
    async put(actor: Actor, department: string, input: ChannelMappingInput): Promise<ChannelMappingOverview> {
      requireHr(actor);
      const installations = await deps.installations.listInstallations();
      const team = installations.find((candidate) => candidate.teamId === input.teamId);
      if (!team)
        throw new AppError('validation_failed', 'The app is not installed in that team.', [
          { path: 'body.teamId', message: 'not a team the app is installed in' },
        ]);
      if (!team.channels.some((channel) => channel.id === input.channelId))
        throw new AppError('validation_failed', 'That channel is not a channel of the team.', [
          { path: 'body.channelId', message: 'not a channel of the chosen team' },
        ]);
      const saved = await store.put(
        department,
        input.version,
        { teamId: input.teamId, channelId: input.channelId },
        actor.id,
        deps.now(),
      );
      if (!saved) throw versionConflict(department, (await store.of(department))?.version);
      await audited('write', actor, null, {
        department,
        teamId: input.teamId,
        channelId: input.channelId,
        version: saved.version,
      });
      return overview();
    },

    /** Unmaps a 課: its reports are no longer shared (they still count as submitted). */
    async remove(actor: Actor, department: string, version: number): Promise<ChannelMappingOverview> {
      requireHr(actor);
      const before = await store.of(department);
      if (!before) throw new AppError('not_found', `${department} is not mapped to a channel.`);
      if (!(await store.remove(department, version)))
        throw versionConflict(department, (await store.of(department))?.version, 'query.version');
      await audited('delete', actor, null, {
        department,
        teamId: before.teamId,
        channelId: before.channelId,
        version,
      });
      return overview();
    },
  };
}

export type ChannelMappingService = ReturnType<typeof createChannelMappingService>;
