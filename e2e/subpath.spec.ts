/**
 * The production build works from any static host and any sub-path (issue 10 §2): dist/ served as plain files under
 * /docs/vmq/ by a server that knows nothing of the app (no COOP/COEP, no fallback to index.html, no CSP header) plays
 * the default story to its end, its workers loaded and its catalogues found relative to the page.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { expect, test } from './fixtures.ts';

const SUB_PATH = '/docs/vmq/';
const DIST = join(import.meta.dirname, '..', 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/** The plainest static host: a file below SUB_PATH or 404, and everything outside it 404 too. */
function staticHost(): Promise<{ server: Server; origin: string; requested: string[] }> {
  const requested: string[] = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
    requested.push(path);
    const inside = path.startsWith(SUB_PATH) ? normalize(path.slice(SUB_PATH.length) || 'index.html') : null;
    if (inside === null || inside.startsWith('..')) {
      response.writeHead(404).end();
      return;
    }
    readFile(join(DIST, inside)).then(
      (body) =>
        response.writeHead(200, { 'Content-Type': TYPES[extname(inside)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requested }),
    ),
  );
}

test('dist/ served under a sub-path by a plain static host plays the default story to its end', async ({ page }) => {
  const host = await staticHost();
  try {
    await page.goto(`${host.origin}${SUB_PATH}`);
    await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
    await page.getByTestId('speed').selectOption('100');
    await page.getByTestId('play-pause').click();
    await expect(page.getByTestId('playback-status')).toHaveText('finished', { timeout: 20_000 });
    await expect(page.getByTestId('step-counter')).toHaveText('22 / 22');
    await expect(page.getByTestId('expectation').and(page.locator('[data-ok="false"]'))).toHaveCount(0);
    expect(page.workers().length).toBeGreaterThanOrEqual(1);
    // Everything came from below the sub-path: the scenario list, the scenario, the worker's script.
    expect(host.requested.filter((path) => !path.startsWith(SUB_PATH))).toEqual([]);
    expect(host.requested).toContain(`${SUB_PATH}scenario-catalog.json`);
    expect(host.requested.some((path) => /^\/docs\/vmq\/assets\/sim\.worker-.*\.js$/.test(path))).toBe(true);

    // The lessons' catalogue is found there too.
    await page.getByTestId('lessons-button').click();
    await expect.poll(() => host.requested).toContain(`${SUB_PATH}lesson-catalog.json`);
  } finally {
    host.server.close();
  }
});
