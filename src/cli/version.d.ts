/** The package version, written into the bundle by vite.cli.config.ts. */
declare const __VMQ_VERSION__: string;
