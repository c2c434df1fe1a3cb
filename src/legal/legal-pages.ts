// The pages Teams and Entra ID send people to outside the tab: the privacy statement and terms of use
// the Teams manifest names (developer.privacyUrl, developer.termsOfUseUrl), and the page Entra's
// admin-consent link returns to (aad.manifest.json, replyUrlsWithType). Plain HTML without script, so
// the app's Content-Security-Policy needs nothing extra.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import { z } from 'zod';
import { appPaths } from '../app-paths.ts';

export const LEGAL_PAGES = { '/privacy': 'privacy.html', '/terms': 'terms.html' } as const;

/**
 * The template pages' stylesheet, shipped beside them and served from there whatever LEGAL_PAGES_DIR
 * names: a city's own pages may link it, or bring their own style.
 */
export const LEGAL_STYLESHEET_PATH = '/legal.css';

/** Where Entra's admin-consent flow lands (aad.manifest.json's reply URL). */
export const AUTH_END_PATH = '/auth-end.html';

/**
 * Serves the city's pages from `dir` (LEGAL_PAGES_DIR). Reads them once at start and fails then when
 * one is missing: the app package links to them, so a deployment without them is incomplete.
 */
export function mountLegalPages(app: Express, options: { dir: string }): void {
  for (const [route, file] of Object.entries(LEGAL_PAGES)) {
    const filePath = path.join(options.dir, file);
    if (!existsSync(filePath)) {
      throw new Error(
        `LEGAL_PAGES_DIR has no ${file} (looked for ${filePath}); the Teams manifest links ${route} to it`,
      );
    }
    const html = readFileSync(filePath, 'utf8');
    app.get(route, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html').send(html);
    });
  }
  const stylesheet = readFileSync(path.join(appPaths.defaultLegalPagesDir, 'legal.css'), 'utf8');
  app.get(LEGAL_STYLESHEET_PATH, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('css').send(stylesheet);
  });
  app.get(AUTH_END_PATH, (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderAuthEnd(parseAuthEndQuery(req.query)));
  });
}

// Entra appends these to the reply URL: admin_consent=True on success, error and error_description otherwise.
const authEndQuerySchema = z.object({
  admin_consent: z.string().max(10).optional(),
  error: z
    .string()
    .regex(/^[a-z_]{1,64}$/)
    .optional(),
  error_description: z.string().max(1000).optional(),
});

type AuthEndQuery = z.infer<typeof authEndQuerySchema>;

function parseAuthEndQuery(query: unknown): AuthEndQuery {
  const parsed = authEndQuerySchema.safeParse(query);
  // Anything malformed is shown as a failure without echoing it back.
  return parsed.success ? parsed.data : { error: 'invalid_request' };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function renderAuthEnd(query: AuthEndQuery): string {
  const failed = query.error !== undefined;
  const granted = !failed && query.admin_consent?.toLowerCase() === 'true';
  const title = failed ? '同意できませんでした / Consent failed' : '育み Hagukumi';
  const body = failed
    ? `<p>管理者の同意は完了していません。次の内容を IT 担当者に伝えてください。</p>
<p lang="en">Admin consent was not completed. Please pass this on to your IT staff.</p>
<pre>${escapeHtml(query.error ?? '')}${query.error_description ? `\n${escapeHtml(query.error_description)}` : ''}</pre>`
    : granted
      ? `<p>管理者の同意が完了しました。このウィンドウを閉じてください。</p>
<p lang="en">Admin consent is complete. You can close this window.</p>`
      : `<p>サインインが完了しました。このウィンドウを閉じてください。</p>
<p lang="en">Sign-in is complete. You can close this window.</p>`;
  return `<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.7}pre{white-space:pre-wrap;background:#f4f4f4;padding:.75rem}</style>
</head>
<body>
<h1>${title}</h1>
${body}
</body>
</html>
`;
}
