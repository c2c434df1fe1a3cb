import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createHttpApp, defaultFrameAncestors } from '../../../src/http/app.ts';
import { AUTH_END_PATH, LEGAL_STYLESHEET_PATH, mountLegalPages } from '../../../src/legal/legal-pages.ts';
import { testLogger } from '../../support/logger.ts';

async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const app = await createHttpApp({
    logger: testLogger,
    routes: [],
    bodyLimitBytes: 1024,
    version: 'test',
    frameAncestors: defaultFrameAncestors(),
    mounts: [(expressApp) => mountLegalPages(expressApp, { dir })],
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The path of a URL template such as `${{TAB_ENDPOINT}}/privacy`. */
function pathOf(template: string): string {
  return template.replace(/^\$\{\{TAB_ENDPOINT\}\}/, '');
}

const manifest = JSON.parse(readFileSync('appPackage/manifest.json', 'utf8')) as {
  developer: { privacyUrl: string; termsOfUseUrl: string };
};
const aadManifest = JSON.parse(readFileSync('aad.manifest.json', 'utf8')) as {
  replyUrlsWithType: Array<{ url: string }>;
};

describe('legal pages (shipped defaults)', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // What the service serves without LEGAL_PAGES_DIR: the configured default.
    ({ server, url } = await serve(
      loadConfig({ APP_MODE: 'local' }, { envDir: mkdtempSync(path.join(tmpdir(), 'env-')) }).legalPagesDir,
    ));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ['privacyUrl', manifest.developer.privacyUrl, 'プライバシー', 'Privacy statement'],
    ['termsOfUseUrl', manifest.developer.termsOfUseUrl, '利用条件', 'Terms of use'],
  ])(
    'the manifest %s answers 200 with Japanese and English text',
    async (_field, template, japanese, english) => {
      expect(template).toMatch(/^\$\{\{TAB_ENDPOINT\}\}\//);
      const response = await fetch(`${url}${pathOf(template)}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain(japanese);
      expect(html).toMatch(new RegExp(english, 'i'));
      expect(html).toContain('lang="ja"');
      expect(html).toContain('lang="en"');
    },
  );

  it('serves the stylesheet the template pages link', async () => {
    const page = await (await fetch(`${url}/privacy`)).text();
    expect(page).toContain(`href="${LEGAL_STYLESHEET_PATH}"`);
    const response = await fetch(`${url}${LEGAL_STYLESHEET_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await response.text()).toContain('font-family');
  });

  it("serves the Entra app's reply URL, reporting admin consent in both languages", async () => {
    expect(aadManifest.replyUrlsWithType.map((reply) => pathOf(reply.url))).toEqual([AUTH_END_PATH]);
    const granted = await fetch(`${url}${AUTH_END_PATH}?admin_consent=True&tenant=x`);
    expect(granted.status).toBe(200);
    const text = await granted.text();
    expect(text).toContain('管理者の同意が完了しました');
    expect(text).toContain('Admin consent is complete');
  });

  it('shows a consent error escaped, never as markup', async () => {
    const response = await fetch(
      `${url}${AUTH_END_PATH}?error=access_denied&error_description=${encodeURIComponent('<script>alert(1)</script>')}`,
    );
    const html = await response.text();
    expect(html).toContain('access_denied');
    expect(html).toContain('&#60;script&#62;');
    expect(html).not.toContain('<script>');
  });

  it('shows a malformed error code as a failure without echoing it', async () => {
    const html = await (await fetch(`${url}${AUTH_END_PATH}?error=${encodeURIComponent('"><img>')}`)).text();
    expect(html).toContain('invalid_request');
    expect(html).not.toContain('<img>');
  });
});

describe("legal pages (the city's own, LEGAL_PAGES_DIR)", () => {
  it("serves the city's files instead of the defaults", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'legal-'));
    writeFileSync(
      path.join(dir, 'privacy.html'),
      '<p>小平市の個人情報保護方針 / Kodaira City privacy policy</p>',
    );
    writeFileSync(path.join(dir, 'terms.html'), '<p>小平市の利用条件 / Kodaira City terms</p>');
    const config = loadConfig({ APP_MODE: 'local', LEGAL_PAGES_DIR: dir }, { envDir: dir });
    expect(config.legalPagesDir).toBe(dir);
    const { server, url } = await serve(config.legalPagesDir);
    try {
      expect(await (await fetch(`${url}/privacy`)).text()).toContain('小平市の個人情報保護方針');
      expect(await (await fetch(`${url}/terms`)).text()).toContain('Kodaira City terms');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses to start when a page is missing, naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'legal-'));
    writeFileSync(path.join(dir, 'privacy.html'), '<p>only this</p>');
    expect(() => mountLegalPages(express(), { dir })).toThrow(/terms\.html/);
  });
});
