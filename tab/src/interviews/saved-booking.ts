// The booking panel's settings and choice of people, kept for this browser tab (sessionStorage).
import { defaultSettings, type PlanSettings } from './schedule.ts';

const STORAGE_KEY = 'hagukumi.interviews.booking';

export interface Saved {
  settings: PlanSettings;
  selected: string[];
  /** Whether the supervisor changed a setting: until then the open season's defaults may replace them. */
  touched?: boolean;
}

/** The settings and the choice of people survive a reload of the tab (for this browser tab only). */
export function loadSaved(now: Date): Saved {
  const fallback = { settings: defaultSettings(now), selected: [] };
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return fallback;
    const saved = JSON.parse(raw) as Partial<Saved>;
    const settings = { ...fallback.settings, ...saved.settings };
    // A remembered period that has begun is moved to the default one rather than planning in the past.
    if (settings.firstDay < fallback.settings.firstDay) {
      settings.firstDay = fallback.settings.firstDay;
      settings.lastDay = fallback.settings.lastDay;
    }
    return {
      settings,
      selected: Array.isArray(saved.selected) ? saved.selected : [],
      touched: saved.touched === true,
    };
  } catch {
    return fallback;
  }
}

/** Remembers the settings and the choice of people; storage can be off, and then nothing is kept. */
export function storeSaved(saved: Saved): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
  } catch {
    // Storage can be off (private mode, policy): the panel still works, it just forgets on reload.
  }
}
