import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { describe, expect, it } from 'vitest';
import { COMMAND_WORDS } from '../../bot/cards/help-card.ts';
import { parseCommand } from '../../bot/commands.ts';
import { PERSONAL_TAB_ENTITY_ID } from '../../src/shared/tab-links.ts';

type AppManifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
type Schema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

const require = createRequire(import.meta.url);
const schemaDir = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas/teams');

// What Agents Toolkit substitutes at provisioning time; sample values with the right shapes.
const SAMPLE = {
  TEAMS_APP_ID: '0b2e6a4c-9d1f-4f0e-8a55-3c1d2e4f5a6b',
  AAD_APP_CLIENT_ID: '7f3c2b1a-4d5e-4f60-9a8b-1c2d3e4f5a6b',
  BOT_ID: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
  TAB_DOMAIN: 'hagukumi.example.lg.jp',
  TAB_ENDPOINT: 'https://hagukumi.example.lg.jp',
};

function readTemplate(file: string): Record<string, unknown> {
  const text = readFileSync(path.join('appPackage', file), 'utf8').replace(
    /\$\{\{(\w+)\}\}/g,
    (_m, name: string) => {
      const value = SAMPLE[name as keyof typeof SAMPLE];
      if (!value) throw new Error(`appPackage/${file} uses an unknown placeholder ${name}`);
      return value;
    },
  );
  return JSON.parse(text) as Record<string, unknown>;
}

function pngSize(file: string): { width: number; height: number } {
  const buffer = readFileSync(path.join('appPackage', file));
  expect(buffer.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

describe('Teams app package', () => {
  const manifest = readTemplate('manifest.json');

  it('validates against the official schema of its manifest version', async () => {
    expect(manifest.manifestVersion).toBe('1.24');
    const schema = JSON.parse(
      readFileSync(path.join(schemaDir, 'v1.24/MicrosoftTeams.schema.json'), 'utf8'),
    ) as Schema;
    expect(await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema)).toEqual(
      [],
    );
  });

  it('the validation rejects a broken manifest (so the test above can fail)', async () => {
    const schema = JSON.parse(
      readFileSync(path.join(schemaDir, 'v1.24/MicrosoftTeams.schema.json'), 'utf8'),
    ) as Schema;
    const broken = { ...manifest, accentColor: 'green', staticTabs: [{ name: 'no entity id' }] };
    expect(
      (await AppManifestUtils.validateAgainstSchema(broken as unknown as AppManifest, schema)).length,
    ).toBeGreaterThan(0);
  });

  it('declares the personal tab, the bot in personal and team scopes, and SSO', () => {
    const tabs = manifest.staticTabs as Array<{ entityId: string; contentUrl?: string; scopes: string[] }>;
    expect(tabs[0]).toMatchObject({ entityId: 'home', scopes: ['personal'] });
    expect(tabs[0]!.contentUrl).toBe('https://hagukumi.example.lg.jp/tab/?entity=home');
    const bots = manifest.bots as Array<{ botId: string; scopes: string[] }>;
    expect(bots[0]!.botId).toBe(SAMPLE.BOT_ID);
    expect(bots[0]!.scopes.sort()).toEqual(['personal', 'team']);
    expect(manifest.webApplicationInfo).toEqual({
      id: SAMPLE.AAD_APP_CLIENT_ID,
      resource: `api://${SAMPLE.TAB_DOMAIN}/${SAMPLE.AAD_APP_CLIENT_ID}`,
    });
    expect(manifest.validDomains).toEqual([SAMPLE.TAB_DOMAIN]);
  });

  it('is Japanese by default with an English localisation that validates and names real fields', async () => {
    expect(manifest.localizationInfo).toMatchObject({ defaultLanguageTag: 'ja-jp' });
    const english = readTemplate('en.json');
    // The official localisation schema has a pattern (`\b]`) that is invalid as a unicode regexp, which
    // AppManifestUtils compiles it as; validate with the same Ajv the package ships, in non-unicode mode.
    const schema = JSON.parse(
      readFileSync(path.join(schemaDir, 'v1.24/MicrosoftTeams.Localization.schema.json'), 'utf8'),
    ) as Record<string, unknown>;
    const manifestRequire = createRequire(require.resolve('@microsoft/app-manifest'));
    const { default: Ajv } = manifestRequire('ajv-draft-04') as {
      default: new (options: object) => {
        compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null };
      };
    };
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    expect(validate(english), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...english, 'name.short': 'x'.repeat(100) })).toBe(false);
    for (const key of Object.keys(english).filter((k) => k !== '$schema')) {
      const value = key
        .split(/[.[\]]+/)
        .filter(Boolean)
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], manifest);
      expect(value, `en.json key ${key} has no counterpart in manifest.json`).toBeTypeOf('string');
    }
  });

  it('offers in its command menu, in both languages, the bot’s commands as the bot reads them', () => {
    type Commands = Array<{ title: string; description: string }>;
    const menu = (
      manifest.bots as Array<{ commandLists: Array<{ scopes: string[]; commands: Commands }> }>
    )[0]!.commandLists[0]!;
    expect(menu.scopes).toEqual(['personal']);
    const english = readTemplate('en.json');
    const titles = menu.commands.map((command, index) => [
      command.title,
      english[`bots[0].commandLists[0].commands[${index}].title`] as string,
    ]);
    expect(titles).toEqual([
      [COMMAND_WORDS.ja.reports, COMMAND_WORDS.en.reports],
      [COMMAND_WORDS.ja.schedule, COMMAND_WORDS.en.schedule],
      [COMMAND_WORDS.ja.checkIn, COMMAND_WORDS.en.checkIn],
      [COMMAND_WORDS.ja.help, COMMAND_WORDS.en.help],
    ]);
    expect(titles.flat().map((title) => parseCommand(title))).toEqual([
      'reports',
      'reports',
      'schedule',
      'schedule',
      'checkin',
      'checkin',
      'help',
      'help',
    ]);
  });

  it('names the personal tab the bot’s deep links open', () => {
    const tabs = manifest.staticTabs as Array<{ entityId: string }>;
    expect(tabs[0]!.entityId).toBe(PERSONAL_TAB_ENTITY_ID);
  });

  it('ships icons of the required sizes', () => {
    expect(pngSize('color.png')).toEqual({ width: 192, height: 192 });
    expect(pngSize('outline.png')).toEqual({ width: 32, height: 32 });
  });
});
