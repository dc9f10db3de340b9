/**
 * Fetches the built-in scenarios shipped under public/scenarios/ (public/scenario-catalog.json lists them;
 * it sits outside that folder so every file in it is a scenario).
 * Only same-origin files below scenarios/ are fetched: a `?scenario=` parameter names a file, not a URL.
 */
import { CHECKED_SCENARIOS_DIR } from '../../scenario/checked.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { noSuchScenario } from './pageUrl.ts';
import { siteBase } from './siteBase.ts';

/** One built-in scenario, as listed in scenario-catalog.json. */
export interface CatalogEntry {
  file: string;
  title: string;
  description: string;
  /** The one that loads on start (else the first). */
  default?: boolean;
}

const scenariosBase = (): URL => new URL('scenarios/', siteBase());

/** Reads scenario-catalog.json. Throws with a readable message when it is missing or malformed. */
export async function fetchCatalog(): Promise<CatalogEntry[]> {
  const url = new URL('scenario-catalog.json', siteBase());
  const response = await fetch(url);
  if (!response.ok) throw new Error(`no scenario list at ${url.pathname} (HTTP ${response.status})`);
  let data: unknown;
  try {
    data = await response.json();
  } catch {
    throw new Error(`${url.pathname} is not valid JSON`);
  }
  if (!Array.isArray(data)) throw new Error(`${url.pathname} must be an array of {file, title, description}`);
  return data.filter(isCatalogEntry).map(({ file, title, description, default: isDefault }) => ({
    file,
    title,
    description,
    default: isDefault === true,
  }));
}

function isCatalogEntry(value: unknown): value is CatalogEntry & Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.file === 'string' && typeof entry.title === 'string' && typeof entry.description === 'string';
}

/** `file` under `base`, or a throw when the name would leave it. */
function fileUnder(base: URL, file: string): URL {
  const url = new URL(file, base);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
    throw new Error(`"${file}" is not a file under ${base.pathname}`);
  }
  return url;
}

/** Fetches one scenario file as text; the worker's parser reports JSON and schema errors with paths. */
export async function fetchScenarioText(file: string): Promise<string> {
  const url = fileUnder(scenariosBase(), file);
  const response = await fetch(url);
  // A server that answers every path with index.html (the dev server, most static hosts) says 200 text/html.
  const html = (response.headers.get('content-type') ?? '').includes('text/html');
  if (response.status === 404 || (response.ok && html)) throw new Error(noSuchScenario(file));
  if (!response.ok) throw new Error(`could not fetch ${url.pathname} (HTTP ${response.status})`);
  return response.text();
}

/**
 * The build's parse of built-in `file` (scenario/checked.ts), or null when there is none. Null is no failure: the
 * worker then parses the text as it would any file (a dev server's answer for a built-in that does not parse).
 */
export async function fetchCheckedScenario(file: string): Promise<Scenario | null> {
  const url = fileUnder(new URL(`${CHECKED_SCENARIOS_DIR}/`, siteBase()), file);
  try {
    const response = await fetch(url);
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return null;
    return (await response.json()) as Scenario;
  } catch {
    return null;
  }
}
