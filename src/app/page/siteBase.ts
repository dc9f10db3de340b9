/**
 * The folder the site is served from, as a URL: the scenario and lesson catalogues and their files are found below
 * it. The build's base is relative (vite.config.ts `base: './'`), so it resolves against the page's own address and
 * the same dist/ works from any static host and any sub-path (https://host/, https://host/docs/vmq/, …).
 */
export const siteBase = (): URL => new URL(import.meta.env.BASE_URL, document.baseURI);
