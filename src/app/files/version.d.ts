/** The package version, written into the page by vite.config.ts: the exported trace names the vmq it matches. */
declare const __VMQ_VERSION__: string;
