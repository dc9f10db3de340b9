/**
 * Imported first by the worker, before any schema exists: the worker runs under the production CSP (no
 * 'unsafe-eval'), and zod decides at each object schema's creation whether to compile it with `new Function`,
 * probing once, which the browser reports as a CSP violation even though zod catches the error. Parsing without
 * the compiled fast path gives the same results.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
