import { readFileSync } from 'node:fs';
import { appPaths } from './app-paths.ts';

const packageJson = JSON.parse(readFileSync(appPaths.packageJson, 'utf8')) as {
  version: string;
};

export const APP_VERSION = packageJson.version;
