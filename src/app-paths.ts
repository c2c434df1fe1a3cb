// Files the service ships with, found from this module's own location and never from the working
// directory: the same code runs from the source tree (`npm start`, tests) and from the built artefact
// (`node server/src/main.js` inside dist/app, see scripts/build-app.ts), started from any folder.
import { fileURLToPath } from 'node:url';

/** Compiled JavaScript exists only in the artefact: tsx and vitest run the TypeScript sources. */
const isBuilt = import.meta.url.endsWith('.js');

const fromHere = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** The folder holding package.json: the repository, or dist/app (its compiled code is under server/). */
const appRoot = fromHere(isBuilt ? '../../' : '../');

export const appPaths = {
  appRoot,
  packageJson: fromHere(isBuilt ? '../../package.json' : '../package.json'),
  /** The tab's Vite build: dist/tab in the repository, tab/ in the artefact. */
  tabDir: fromHere(isBuilt ? '../../tab' : '../dist/tab'),
  /** The policy data beside the loader; the build copies it to the same place. */
  defaultFrameworkFile: fromHere('./framework/data/kodaira-2022.json'),
  /** The 人事評価 scale and stages (docs/evaluation.md), kept and copied the same way. */
  defaultEvaluationFile: fromHere('./evaluation/data/kodaira-evaluation.json'),
  /** The template privacy and terms pages beside their module; the build copies them the same way. */
  defaultLegalPagesDir: fromHere('./legal/pages'),
  /** Local mode's committed settings; absent from the artefact, which runs in production mode only. */
  envDir: fromHere(isBuilt ? '../../env' : '../env'),
} as const;
