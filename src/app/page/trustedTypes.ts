/**
 * The page's one Trusted Types policy. The CSP requires Trusted Types for every script sink and allows only the
 * policy named "default", which the browser applies to plain strings: a script URL is accepted only from our own
 * origin (the simulation worker's script), and since the policy has no createHTML or createScript, no string can
 * ever become HTML or script on this page.
 */
interface TrustedTypesFactory {
  createPolicy(name: 'default', rules: { createScriptURL(url: string): string | null }): unknown;
}

/** `url` when it resolves to `origin`, else null (the browser then refuses the load). */
export function ownOriginScriptUrl(url: string, origin: string): string | null {
  if (!URL.canParse(url, origin)) return null;
  return new URL(url, origin).origin === origin ? url : null;
}

/** Call before anything creates a worker; browsers without Trusted Types need no policy. */
export function installTrustedTypesPolicy(window: Window & { trustedTypes?: TrustedTypesFactory }): void {
  const { origin } = window.location;
  window.trustedTypes?.createPolicy('default', { createScriptURL: (url) => ownOriginScriptUrl(url, origin) });
}
