// API contract shared with the tab: HR's 課 → channel mapping, where submitted training reports are shared
// (policy 7(5)②). HR only.
//
// GET    /api/reports/channel-mappings                         → ChannelMappingOverview
// PUT    /api/reports/channel-mappings/:department             ← ChannelMappingInput → ChannelMappingOverview
//                                                                (400 when the team is not installed or the
//                                                                channel is not one of its channels; 409
//                                                                version_conflict on a stale version)
// DELETE /api/reports/channel-mappings/:department?version=N   → ChannelMappingOverview

import { z } from 'zod';
import { expectedVersionOrNew } from '../http/contract-fragments.ts';
import { dbIntegerFromText, userText } from '../http/user-input.ts';

export const DEPARTMENT_MAX = 200;

/** `:department`: the 課 as the directory names it. */
export const departmentParam = userText
  .trim()
  .min(1, 'must name a department (課)')
  .max(DEPARTMENT_MAX, `must be at most ${DEPARTMENT_MAX} characters`);

/** HR's 課 → channel mapping: a team the app is installed in, and one of its channels. */
export const channelMappingSchema = z
  .object({
    teamId: userText.trim().min(1, 'choose a team').max(256),
    channelId: userText.trim().min(1, 'choose a channel').max(256),
    /** 0 to map a department not mapped yet; otherwise the version read. */
    version: expectedVersionOrNew,
  })
  .strict();
export type ChannelMappingInput = z.infer<typeof channelMappingSchema>;

/** `DELETE …?version=N`: the version read. */
export const channelUnmapQuery = z
  .object({ version: dbIntegerFromText.min(1, 'must be the version read') })
  .strict();

export const installedTeamSchema = z.object({
  teamId: z.string(),
  name: z.string().nullable(),
  channels: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type InstalledTeam = z.infer<typeof installedTeamSchema>;

export const departmentMappingSchema = z.object({
  department: z.string(),
  /** How many people of the directory are in this 課. */
  people: z.number(),
  mapping: z
    .object({
      teamId: z.string(),
      teamName: z.string().nullable(),
      channelId: z.string(),
      channelName: z.string().nullable(),
      version: z.number(),
      /** The team was uninstalled or the channel is gone: reports of this 課 are not shared. */
      unavailable: z.boolean(),
    })
    .nullable(),
});
export type DepartmentMapping = z.infer<typeof departmentMappingSchema>;

export const channelMappingOverviewSchema = z.object({
  teams: z.array(installedTeamSchema),
  departments: z.array(departmentMappingSchema),
});
export type ChannelMappingOverview = z.infer<typeof channelMappingOverviewSchema>;
