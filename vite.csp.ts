/**
 * The production build's Content-Security-Policy and security headers (docs/decisions.md, "Security").
 * The built index.html carries the policy in a meta tag, so any static host enforces it; the preview server also
 * sends it as a header, with the directives a meta tag cannot carry. The dev server gets neither: Vite's HMR
 * client needs inline script.
 */
import type { Plugin } from 'vite';

/** Everything the page loads is its own: the entry chunks, the worker, the CSS file and the scenario JSON. */
const DIRECTIVES = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  // No 'unsafe-inline': React and D3 set styles through CSSOM (element.style), which style-src does not govern.
  'style-src': ["'self'"],
  // The favicon is `data:,` (no request for /favicon.ico).
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  // No string reaches an HTML or script sink (innerHTML, script.text, …): the browser refuses one if it ever does.
  // The only policy is the page's "default" one, for the worker's URL (src/app/page/trustedTypes.ts).
  'require-trusted-types-for': ["'script'"],
  'trusted-types': ['default'],
} as const;

function serialize(directives: Record<string, readonly string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The policy as a meta tag can carry it (frame-ancestors is ignored there, with a console error). */
const CSP_META = serialize(DIRECTIVES);

/** The headers of a production server: the full policy, and what a meta tag cannot say. */
export const SECURITY_HEADERS = {
  // Any page may frame it: the embedded player (?embed=1) goes on slides and into documents wherever they are
  // hosted. A deploy that knows its hosts narrows this to their origins.
  'Content-Security-Policy': serialize({ ...DIRECTIVES, 'frame-ancestors': ['*'] }),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const CHARSET = '<meta charset="UTF-8" />';

/**
 * Puts the policy right after the charset declaration (which must stay in the first 1024 bytes), so it comes
 * before every script and stylesheet it governs.
 */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'vmq-content-security-policy',
    apply: 'build',
    transformIndexHtml(html) {
      if (!html.includes(CHARSET)) throw new Error(`index.html: the CSP goes after ${CHARSET}, which is missing`);
      return html.replace(
        CHARSET,
        `${CHARSET}\n    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`,
      );
    },
  };
}
