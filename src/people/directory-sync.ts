// Reads a round of the directory's staff changes (Graph users delta) page by page into PostgreSQL, so a
// failure or a crash on page 400 of 1,000 costs one page, not the round: the next run, on this instance
// or another, resumes from the last page staged. One run at a time across instances (a lease renewed on
// every page). The round is applied to `people` by the caller once its last page is in
// (people-admin.service.ts), since a full round must have listed everyone before it can tell who left.
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { telemetry } from '../telemetry/metrics.ts';
import { DirectoryRoundRefused, type Directory } from './directory.port.ts';
import { directorySyncStore as store, type SyncMode } from './directory-sync.store.ts';

export interface RoundReaderOptions {
  db: Db;
  directory: Directory;
  logger: Logger;
  now: () => Date;
  /** This instance (and run); the lease names it. */
  owner: string;
  /** How long the lease holds without renewal; renewed on every page. */
  leaseMs: number;
  /** A progress line every this many pages, or this often, whichever comes first. */
  progressEveryPages: number;
  progressEveryMs: number;
}

export type RoundRead =
  | { status: 'busy' }
  | {
      status: 'read';
      mode: SyncMode;
      /** Where the next round starts, once this one is applied. */
      deltaLink: string;
      /** Pages and entries of the whole round, and how many of the pages this run read. */
      pages: number;
      entries: number;
      pagesThisRun: number;
      /** The run continued a round an earlier run left unfinished. */
      resumedAtPage: number | null;
      /** The directory refused a stored link, so the round started over as a full read. */
      restartedFull: boolean;
      startedAt: Date;
      /** How long this run took to read and stage its pages. */
      readMs: number;
    };

/**
 * Takes the lease and reads the round to its end: the unfinished one if there is one, else a new one
 * from `start` (a stored delta link; null for a full read). Holds the lease on return: the caller applies
 * the round and finishes it (store.finishRound), or releases the lease on failure.
 */
export async function readDirectoryRound(
  options: RoundReaderOptions,
  start: () => Promise<{ link: string | null; mustReadAll: boolean }>,
): Promise<RoundRead> {
  const { db, directory, logger, now, owner, leaseMs } = options;
  let progress = await store.takeLease(db, owner, now(), leaseMs);
  if (!progress) return { status: 'busy' };
  const startedAt = now();
  const wanted = await start();
  let resumedAtPage: number | null = null;
  // A delta round left unfinished cannot bring back someone HR let back in: that needs a full one.
  if (progress.mode && !(wanted.mustReadAll && progress.mode === 'delta')) {
    resumedAtPage = progress.pages + 1;
    logger.info(
      { mode: progress.mode, pages: progress.pages, people: progress.entries },
      'directory sync resumes an unfinished round',
    );
  } else {
    progress = await store.startRound(db, {
      owner,
      mode: wanted.link === null ? 'full' : 'delta',
      link: wanted.link,
      now: startedAt,
    });
  }
  let mode: SyncMode = progress.mode ?? 'full';
  let link = progress.nextLink;
  let pages = progress.pages;
  let entries = progress.entries;
  let deltaLink = progress.deltaLink;
  let pagesThisRun = 0;
  let restartedFull = false;
  let lastLogAt = startedAt.getTime();
  let lastLogPage = pages;
  while (!deltaLink) {
    let page;
    try {
      page = await directory.readStaffPage(link);
    } catch (error) {
      if (!(error instanceof DirectoryRoundRefused)) throw error;
      // "Use delta query" (token duration, synchronization reset): start a full synchronization again.
      logger.warn(
        { mode, pages, people: entries },
        'the directory refused the stored users delta link; reading the whole directory again',
      );
      await store.startRound(db, { owner, mode: 'full', link: null, now: now() });
      mode = 'full';
      link = null;
      pages = 0;
      entries = 0;
      restartedFull = true;
      continue;
    }
    pages += 1;
    pagesThisRun += 1;
    await store.stagePage(db, { owner, page, pageNumber: pages, now: now(), leaseMs });
    telemetry.recordDirectoryPage(mode);
    entries += page.staff.length + page.goneIds.length;
    link = page.nextLink;
    deltaLink = page.deltaLink;
    const at = now().getTime();
    if (
      !deltaLink &&
      (pages - lastLogPage >= options.progressEveryPages || at - lastLogAt >= options.progressEveryMs)
    ) {
      logger.info(
        { mode, pages, people: entries, elapsedMs: at - startedAt.getTime() },
        'directory sync progress',
      );
      lastLogAt = at;
      lastLogPage = pages;
    }
  }
  return {
    status: 'read',
    mode,
    deltaLink,
    pages,
    entries,
    pagesThisRun,
    resumedAtPage,
    restartedFull,
    startedAt,
    readMs: now().getTime() - startedAt.getTime(),
  };
}
