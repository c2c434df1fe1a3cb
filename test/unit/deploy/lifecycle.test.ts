// The Agents Toolkit lifecycle files, checked offline: against the toolkit's own schema, for variables
// that nothing defines by the time an action needs them, and against the Bicep template they deploy.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseYamlSubset, YamlSubsetError, type YamlValue } from '../../support/yaml-subset.ts';

const require = createRequire(import.meta.url);

interface Action {
  uses: string;
  /** The script action's environment: expanded like `with`. */
  env?: Record<string, string>;
  with?: Record<string, YamlValue>;
  writeToEnvironmentFile?: Record<string, string>;
}

interface Lifecycle {
  version: string;
  environmentFolderPath: string;
  provision?: Action[];
  deploy?: Action[];
  publish?: Action[];
}

interface LifecycleCase {
  file: string;
  /** The committed examples of the environment files the city fills in. */
  envExamples: string[];
}

const CASES: LifecycleCase[] = [
  { file: 'm365agents.yml', envExamples: ['env/.env.dev.example', 'env/.env.dev.user.example'] },
  { file: 'm365agents.local.yml', envExamples: ['env/local-tenant/.env.local.example'] },
];

/** What the toolkit itself sets before the first action: the environment's name (`--env`). */
const BUILT_INS = ['TEAMSFX_ENV'];

/** aadApp/update generates this id when the Entra manifest uses it and the environment lacks it. */
const AAD_UPDATE_GENERATED = 'AAD_APP_ACCESS_AS_USER_PERMISSION_ID';

const STAGES = ['provision', 'deploy', 'publish'] as const;

function readLifecycle(file: string): Lifecycle {
  return parseYamlSubset(readFileSync(file, 'utf8')) as unknown as Lifecycle;
}

function placeholders(text: string): string[] {
  // The toolkit's own pattern: ${{ NAME }} with optional spaces.
  return [...text.matchAll(/\$\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)].map((match) => match[1]!);
}

interface BicepFile {
  params: Map<string, { type: string; hasDefault: boolean }>;
  outputs: Set<string>;
}

function readBicep(file: string): BicepFile {
  const text = readFileSync(file, 'utf8');
  const params = new Map<string, { type: string; hasDefault: boolean }>();
  for (const match of text.matchAll(/^param\s+(\w+)\s+(\w+)(\s*=)?/gm)) {
    params.set(match[1]!, { type: match[2]!, hasDefault: match[3] !== undefined });
  }
  const outputs = new Set([...text.matchAll(/^output\s+(\w+)\s+\w+\s*=/gm)].map((match) => match[1]!));
  return { params, outputs };
}

/** The files an action reads and expands besides its own `with`. */
function filesReadBy(action: Action): string[] {
  const withs = action.with ?? {};
  switch (action.uses) {
    case 'arm/deploy':
      return (withs.templates as Array<{ parameters?: string }>).flatMap((template) =>
        template.parameters ? [template.parameters] : [],
      );
    case 'aadApp/update':
    case 'teamsApp/validateManifest':
    case 'teamsApp/zipAppPackage':
      return [withs.manifestPath as string];
    default:
      return [];
  }
}

/** What an action writes to the environment file. arm/deploy writes each Bicep output, upper-cased. */
function outputsOf(action: Action): string[] {
  const written = Object.values(action.writeToEnvironmentFile ?? {});
  if (action.uses === 'arm/deploy') {
    const templates = (action.with?.templates ?? []) as Array<{ path: string }>;
    for (const template of templates) {
      written.push(...[...readBicep(template.path).outputs].map((name) => name.toUpperCase()));
    }
  }
  if (action.uses === 'aadApp/update') written.push(AAD_UPDATE_GENERATED);
  return written;
}

/**
 * Walks the stages in the order a city runs them (provision, deploy, publish), each action in order,
 * and lists every `${{VAR}}` an action or a file it reads uses before anything defines it.
 */
function undefinedVariables(lifecycle: Lifecycle, envKeys: string[]): string[] {
  const defined = new Set([...BUILT_INS, ...envKeys]);
  const problems: string[] = [];
  for (const stage of STAGES) {
    (lifecycle[stage] ?? []).forEach((action, index) => {
      const where = `${stage}[${index}] ${action.uses}`;
      // aadApp/update creates the permission id while it reads the manifest.
      const available = new Set(defined);
      if (action.uses === 'aadApp/update') available.add(AAD_UPDATE_GENERATED);
      const sources: Array<[string, string]> = [
        ['its parameters', JSON.stringify(action.with ?? {})],
        ['its environment', JSON.stringify(action.env ?? {})],
        ...filesReadBy(action).map((file): [string, string] => [file, readFileSync(file, 'utf8')]),
      ];
      for (const [source, text] of sources) {
        for (const name of placeholders(text)) {
          if (!available.has(name)) problems.push(`${where}: ${source} uses \${{${name}}}, undefined`);
        }
      }
      for (const output of outputsOf(action)) defined.add(output);
    });
  }
  return [...new Set(problems)];
}

function envKeysOf(files: string[]): string[] {
  return files.flatMap((file) => Object.keys(parseEnv(readFileSync(file, 'utf8'))));
}

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

const validators = new Map<string, Validate>();

/** Compiling the schema takes a second: once per version. */
function schemaValidator(version: string): Validate {
  const cached = validators.get(version);
  if (cached) return cached;
  const file = path.join('test/fixtures/m365agents-schema', `${version}.json`);
  if (!existsSync(file))
    throw new Error(`no schema for lifecycle version ${version}: see ${path.dirname(file)}`);
  // Ajv 8 (draft-07, the schema's dialect) is installed with @microsoft/app-manifest, as in app-package.test.ts.
  const manifestRequire = createRequire(require.resolve('@microsoft/app-manifest'));
  const { default: Ajv } = manifestRequire('ajv') as {
    default: new (options: object) => { compile(schema: object): Validate };
  };
  const schema = JSON.parse(readFileSync(file, 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  validators.set(version, validate);
  return validate;
}

describe.each(CASES)('$file', ({ file, envExamples }) => {
  const lifecycle = readLifecycle(file);

  it('validates against the Agents Toolkit schema of the version it declares', () => {
    const validate = schemaValidator(lifecycle.version);
    expect(validate(lifecycle), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema check rejects a broken action (so the test above can fail)', () => {
    const validate = schemaValidator(lifecycle.version);
    const broken = structuredClone(lifecycle);
    broken.provision![0] = { uses: 'teamsApp/create', with: { nme: 'typo' } };
    expect(validate(broken)).toBe(false);
  });

  it('defines every ${{VAR}} before an action or a file it reads uses it', () => {
    expect(undefinedVariables(lifecycle, envKeysOf(envExamples))).toEqual([]);
  });

  it('the walk reports a variable used before the action that writes it', () => {
    const reordered = structuredClone(lifecycle);
    const provision = reordered.provision!;
    // The Entra manifest needs the public host; applied before anything knows it, it must be flagged.
    const update = provision.findIndex((action) => action.uses === 'aadApp/update');
    provision.unshift(...provision.splice(update, 1));
    expect(undefinedVariables(reordered, envKeysOf(envExamples)).join('\n')).toMatch(
      /provision\[0\] aadApp\/update: \.\/aad\.manifest\.json uses \$\{\{AAD_APP_OBJECT_ID\}\}, undefined/,
    );
  });

  it('lists in its environment examples only what no action or built-in provides', () => {
    const produced = new Set([
      ...BUILT_INS,
      ...STAGES.flatMap((stage) => (lifecycle[stage] ?? []).flatMap(outputsOf)),
    ]);
    const redundant = envKeysOf(envExamples).filter((key) => produced.has(key));
    expect(redundant).toEqual([]);
  });
});

describe('m365agents.yml and infra/', () => {
  const lifecycle = readLifecycle('m365agents.yml');
  const armDeploys = (lifecycle.provision ?? []).filter((action) => action.uses === 'arm/deploy');
  const templates = armDeploys.flatMap(
    (action) => action.with!.templates as Array<{ path: string; parameters: string }>,
  );

  it('deploys infra/azure.bicep with infra/azure.parameters.json', () => {
    expect(templates).toEqual([
      expect.objectContaining({ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json' }),
    ]);
  });

  it.each(templates)('passes $path only parameters it declares, and every one it requires', (template) => {
    const bicep = readBicep(template.path);
    const passed = JSON.parse(readFileSync(template.parameters, 'utf8')) as {
      parameters: Record<string, { value: unknown }>;
    };
    const names = Object.keys(passed.parameters);
    expect(names.filter((name) => !bicep.params.has(name))).toEqual([]);
    const required = [...bicep.params].filter(([, param]) => !param.hasDefault).map(([name]) => name);
    expect(required.filter((name) => !names.includes(name))).toEqual([]);
    // The toolkit substitutes ${{VAR}} as text: each such value must land in a string parameter.
    for (const name of names) {
      if (placeholders(JSON.stringify(passed.parameters[name])).length > 0) {
        expect(bicep.params.get(name)!.type, name).toBe('string');
      }
    }
  });

  it('reads only outputs the template declares', () => {
    const outputs = new Set(
      templates.flatMap((template) =>
        [...readBicep(template.path).outputs].map((name) => name.toUpperCase()),
      ),
    );
    // What the deploy stage and the manifests read that only arm/deploy can provide.
    for (const name of ['AZURE_APP_SERVICE_RESOURCE_ID', 'TAB_ENDPOINT', 'TAB_DOMAIN']) {
      expect(outputs, name).toContain(name);
    }
    const deployReads = (lifecycle.deploy ?? []).flatMap((action) =>
      placeholders(JSON.stringify(action.with)),
    );
    const otherSources = new Set([
      ...BUILT_INS,
      ...envKeysOf(CASES[0]!.envExamples),
      ...(lifecycle.provision ?? []).filter((action) => action.uses !== 'arm/deploy').flatMap(outputsOf),
    ]);
    expect(deployReads.filter((name) => !otherSources.has(name) && !outputs.has(name))).toEqual([]);
  });

  it('puts the secrets it is given into Key Vault only, never into plain app settings', () => {
    const bicep = readFileSync('infra/azure.bicep', 'utf8');
    // The only secret that passes through the toolkit is the database administrator's password.
    const secretParams = [...bicep.matchAll(/^@secure\(\)\n(?:@[^\n]*\n)*param (\w+)/gm)].map(
      (match) => match[1],
    );
    expect(secretParams).toEqual(['postgresAdminPassword']);
    for (const setting of ['DATABASE_URL', 'ENTRA_CLIENT_SECRET', 'BOT_PASSWORD']) {
      expect(bicep, setting).toMatch(
        new RegExp(`name: '${setting}'\\n\\s*value: '@Microsoft\\.KeyVault\\(VaultName=`),
      );
    }
  });

  it('provisions no client secret by default: managed identity for Graph and for the bot', () => {
    const bicep = readFileSync('infra/azure.bicep', 'utf8');
    expect(bicep).toMatch(/^param entraCredential string = 'managed-identity-federation'$/m);
    expect(bicep).toMatch(/^param botCredential string = 'managed-identity'$/m);
    const passed = JSON.parse(readFileSync('infra/azure.parameters.json', 'utf8')) as {
      parameters: Record<string, unknown>;
    };
    expect(Object.keys(passed.parameters)).not.toContain('entraCredential');
    expect(Object.keys(passed.parameters)).not.toContain('botCredential');
    // The bot is the identity itself (Microsoft Learn, "Create an Azure Bot resource": UserAssignedMSI).
    expect(bicep).toContain("msaAppType: botCredential == 'secret' ? 'SingleTenant' : 'UserAssignedMSI'");
    expect(bicep).toContain("msaAppMSIResourceId: botCredential == 'secret' ? null : identity.id");
    // No app registration of the dev lifecycle gets a secret, and nothing writes one.
    const provision = lifecycle.provision ?? [];
    for (const action of provision.filter((each) => each.uses === 'aadApp/create')) {
      expect(action.with?.generateClientSecret, JSON.stringify(action.with)).toBe(false);
      expect(Object.keys(action.writeToEnvironmentFile ?? {})).not.toContain('clientSecret');
    }
    expect(provision.flatMap(outputsOf).filter((name) => name.startsWith('SECRET_'))).toEqual([]);
  });

  it('has the Entra app trust the managed identity after the identity exists', () => {
    const provision = lifecycle.provision ?? [];
    const arm = provision.findIndex((action) => action.uses === 'arm/deploy');
    const trust = provision.findIndex(
      (action) =>
        action.uses === 'script' &&
        typeof action.with?.run === 'string' &&
        action.with.run.includes('infra/scripts/trust-managed-identity.mjs'),
    );
    expect(trust, 'the trust-managed-identity script').toBeGreaterThan(arm);
    expect(provision[trust]!.env).toMatchObject({
      AAD_APP_OBJECT_ID: '${{AAD_APP_OBJECT_ID}}',
      MANAGED_IDENTITY_PRINCIPAL_ID: '${{AZURE_MANAGED_IDENTITY_PRINCIPAL_ID}}',
    });
  });
});

describe('parseYamlSubset', () => {
  it('reads nested mappings, sequences and scalars', () => {
    expect(
      parseYamlSubset(
        'a: 1\nb:\n  - x: "q # not a comment"\n    y: true # a comment\n  - plain ${{V}}/p\nc:\n- 2\n',
      ),
    ).toEqual({ a: 1, b: [{ x: 'q # not a comment', y: true }, 'plain ${{V}}/p'], c: [2] });
  });

  it.each([
    ['anchors', 'a: &x 1'],
    ['flow collections', 'a: [1, 2]'],
    ['block scalars', 'a: |\n  text'],
    ['duplicate keys', 'a: 1\na: 2'],
    ['stray indentation', 'a: 1\n  b: 2'],
  ])('refuses %s rather than guess', (_name, source) => {
    expect(() => parseYamlSubset(source)).toThrow(YamlSubsetError);
  });
});
