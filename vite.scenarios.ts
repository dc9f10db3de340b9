/**
 * Checks every built-in scenario (public/scenarios/) when the site is built, and ships each one parsed as
 * checked-scenarios/<file> (src/scenario/checked.ts): the worker runs a built-in without loading the parser, which
 * keeps zod and the schema out of the first view's JavaScript (P4). A built-in that does not parse fails the build.
 * The dev server answers the same paths by parsing the file on each request, so an edit shows at once; a file that
 * does not parse gets a 404 there, and the worker's parser then reports its errors as for any file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { CHECKED_SCENARIOS_DIR, checkedScenarioJson } from './src/scenario/checked.ts';
import { formatScenarioError, parseScenario } from './src/scenario/parse.ts';

const SCENARIOS = join(import.meta.dirname, 'public', 'scenarios');
const FILE_NAME = /^[\w.-]+\.json$/;

type Checked = { ok: true; json: string } | { ok: false; problem: string };

function check(file: string): Checked {
  const parsed = parseScenario(readFileSync(join(SCENARIOS, file), 'utf8'));
  if (!parsed.ok) return { ok: false, problem: parsed.errors.map(formatScenarioError).join('\n') };
  return { ok: true, json: checkedScenarioJson(parsed.scenario) };
}

export function checkedScenarios(): Plugin {
  return {
    name: 'vmq-checked-scenarios',
    generateBundle() {
      for (const file of readdirSync(SCENARIOS).filter((name) => FILE_NAME.test(name))) {
        const checked = check(file);
        if (!checked.ok) this.error(`public/scenarios/${file} does not parse:\n${checked.problem}`);
        else this.emitFile({ type: 'asset', fileName: `${CHECKED_SCENARIOS_DIR}/${file}`, source: checked.json });
      }
    },
    configureServer(server) {
      const prefix = `${server.config.base}${CHECKED_SCENARIOS_DIR}/`;
      server.middlewares.use((request, response, next) => {
        const path = request.url?.split('?')[0] ?? '';
        if (!path.startsWith(prefix)) return next();
        const file = decodeURIComponent(path.slice(prefix.length));
        const checked = FILE_NAME.test(file) ? safeCheck(file) : null;
        response.statusCode = checked?.ok ? 200 : 404;
        response.setHeader('Content-Type', checked?.ok ? 'application/json' : 'text/plain');
        response.end(checked?.ok ? checked.json : `no checked scenario ${file}`);
      });
    },
  };
}

/** A missing or unreadable file is a 404 on the dev server, not a crash. */
function safeCheck(file: string): Checked | null {
  try {
    return check(file);
  } catch {
    return null;
  }
}
