// Builds the one deployable artefact (docs/production.md): a folder that runs with `node` alone, from any
// working directory, with production dependencies only.
//
//   dist/app/
//     package.json, package-lock.json   runtime dependencies only (`npm ci --omit=dev` there)
//     server/src/…, server/bot/…        the compiled service (src/dev is left out: local mode only)
//     server/src/db/migrations/         SQL migrations, applied at start under an advisory lock
//     server/src/framework/data/        the policy as data
//     server/src/evaluation/data/       the 人事評価 scale and stages (docs/evaluation.md)
//     server/src/legal/pages/           the template privacy and terms pages (LEGAL_PAGES_DIR)
//     tab/                              the tab's Vite build (npm run build:tab, run before this)
//
// Usage: tsx scripts/build-app.ts [--out <folder>]   (default dist/app; the production CI test builds
// into a temporary folder so it never touches the working tree's dist/).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repo = fileURLToPath(new URL('..', import.meta.url));

const packageSchema = z.looseObject({
  name: z.string(),
  version: z.string(),
  type: z.literal('module'),
  engines: z.record(z.string(), z.string()),
  dependencies: z.record(z.string(), z.string()),
});

/** Written into the artefact: the digest of everything it is built from (see buildInputsDigest). */
export const BUILD_INPUTS_FILE = '.build-inputs';

/**
 * A digest of every input of the build: the sources, the tab's build, the package files and this script.
 * An artefact whose BUILD_INPUTS_FILE matches is what a build would make now, so the production CI test
 * reuses the one `.ci/run` built instead of compiling the project a second time.
 */
export function buildInputsDigest(): string {
  const hash = createHash('sha256');
  const files = ['src', 'bot', path.join('dist', 'tab')]
    .flatMap((folder) =>
      readdirSync(path.join(repo, folder), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(repo, path.join(entry.parentPath, entry.name))),
    )
    .concat([
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'scripts/build-app.ts',
    ])
    .sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(repo, file)));
  }
  return hash.digest('hex');
}

function parseOut(argv: string[]): string {
  const index = argv.indexOf('--out');
  if (index === -1) return path.join(repo, 'dist', 'app');
  const value = argv[index + 1];
  if (!value) throw new Error('--out needs a folder');
  return path.resolve(value);
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

export function buildApp(out: string): void {
  const tabBuild = path.join(repo, 'dist', 'tab');
  if (!existsSync(path.join(tabBuild, 'index.html')))
    throw new Error('dist/tab is missing: run `npm run build:tab` first (npm ci runs it as prepare)');

  const inputs = buildInputsDigest();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const serverDir = path.join(out, 'server');

  // The compiler rewrites the sources' `.ts` import specifiers to `.js` (rewriteRelativeImportExtensions).
  run(
    process.execPath,
    [
      path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      serverDir,
    ],
    repo,
  );
  // tsc follows the composition root's dynamic import into src/dev; the artefact must not contain it.
  rmSync(path.join(serverDir, 'src', 'dev'), { recursive: true, force: true });

  cpSync(path.join(repo, 'src', 'db', 'migrations'), path.join(serverDir, 'src', 'db', 'migrations'), {
    recursive: true,
  });
  cpSync(path.join(repo, 'src', 'framework', 'data'), path.join(serverDir, 'src', 'framework', 'data'), {
    recursive: true,
  });
  cpSync(path.join(repo, 'src', 'evaluation', 'data'), path.join(serverDir, 'src', 'evaluation', 'data'), {
    recursive: true,
  });
  cpSync(path.join(repo, 'src', 'legal', 'pages'), path.join(serverDir, 'src', 'legal', 'pages'), {
    recursive: true,
  });
  cpSync(tabBuild, path.join(out, 'tab'), { recursive: true });

  // package.json with the runtime dependencies only, and no scripts: `npm ci` there must not run the
  // repository's `prepare` (a Vite build). The lock starts as the repository's and is pruned by npm to
  // exactly what those dependencies need, so `npm ci` installs the versions CI tested.
  const source = packageSchema.parse(JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')));
  const artefactPackage = {
    name: source.name,
    version: source.version,
    private: true,
    description: source.description,
    type: source.type,
    engines: source.engines,
    main: 'server/src/main.js',
    dependencies: source.dependencies,
  };
  writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(artefactPackage, null, 2)}\n`);
  cpSync(path.join(repo, 'package-lock.json'), path.join(out, 'package-lock.json'));
  run(
    'npm',
    ['install', '--package-lock-only', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
    out,
  );
  writeFileSync(path.join(out, BUILD_INPUTS_FILE), `${inputs}\n`);
  process.stdout.write(`Built ${path.relative(process.cwd(), out) || out}: node server/src/main.js\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildApp(parseOut(process.argv.slice(2)));
}
