// API contract shared with the tab: HR's 課 → channel mapping, where submitted training reports are shared
// (policy 7(5)②). HR only.
//
// GET    /api/reports/channel-mappings                         → ChannelMappingOverview
// PUT    /api/reports/channel-mappings/:department             ← ChannelMappingInput → ChannelMappingOverview
//                                                                (400 when the team is not installed or the
//                                                                channel is not one of its channels; 409
//                                                                version_conflict on a stale version)
// DELETE /api/reports/channel-mappings/:department?version=N   → ChannelMappingOverview

/** HR's 課 → channel mapping: a team the app is installed in, and one of its channels. */
export interface ChannelMappingInput {
  teamId: string;
  channelId: string;
  /** 0 to map a department not mapped yet; otherwise the version read. */
  version: number;
}

export interface InstalledTeam {
  teamId: string;
  name: string | null;
  channels: Array<{ id: string; name: string }>;
}

export interface DepartmentMapping {
  department: string;
  /** How many people of the directory are in this 課. */
  people: number;
  mapping: {
    teamId: string;
    teamName: string | null;
    channelId: string;
    channelName: string | null;
    version: number;
    /** The team was uninstalled or the channel is gone: reports of this 課 are not shared. */
    unavailable: boolean;
  } | null;
}

export interface ChannelMappingOverview {
  teams: InstalledTeam[];
  departments: DepartmentMapping[];
}
