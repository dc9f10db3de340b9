/**
 * The app's lesson loader: the catalogue, a lesson file and its scenarios, fetched relative to the site's base URL
 * (the page's, as the scenario catalogue is). Text only: whoever grades parses it (lessonFromFile, parseScenario),
 * so listing lessons loads no schema library. Only files below lessons/ are fetched.
 */
import { readLessonCatalog, type LessonCatalogEntry } from './catalog.ts';
import { LESSON_CATALOG_FILE, LESSONS_DIR, lessonFileName } from './files.ts';

export type Fetch = (url: URL) => Promise<Response>;

/** Reads lesson-catalog.json under `base`; throws with a readable message when it is missing or malformed. */
export async function fetchLessonCatalog(base: URL, fetcher: Fetch = fetch): Promise<LessonCatalogEntry[]> {
  const url = new URL(LESSON_CATALOG_FILE, base);
  const text = await fetchText(url, fetcher, `no lesson list at ${url.pathname}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${url.pathname} is not valid JSON`);
  }
  const read = readLessonCatalog(data);
  if ('error' in read) throw new Error(`${url.pathname}: ${read.error}`);
  return read.entries;
}

/** The text of lesson `id` (give it to lessonFromFile with the same id). */
export const fetchLessonText = (id: string, base: URL, fetcher: Fetch = fetch): Promise<string> =>
  fetchLessonFile(lessonFileName(id), base, fetcher);

/** A file a lesson names (its `scenario`, `solution`, a wrong[].scenario), relative to the lesson directory. */
export async function fetchLessonFile(path: string, base: URL, fetcher: Fetch = fetch): Promise<string> {
  const dir = new URL(`${LESSONS_DIR}/`, base);
  const url = new URL(path, dir);
  if (url.origin !== dir.origin || !url.pathname.startsWith(dir.pathname))
    throw new Error(`"${path}" is not a file under ${dir.pathname}`);
  return fetchText(url, fetcher, `no such lesson file: ${path}`);
}

/** A server that answers every path with index.html (the dev server, most static hosts) says 200 text/html. */
async function fetchText(url: URL, fetcher: Fetch, missing: string): Promise<string> {
  const response = await fetcher(url);
  const html = (response.headers.get('content-type') ?? '').includes('text/html');
  if (response.status === 404 || (response.ok && html)) throw new Error(missing);
  if (!response.ok) throw new Error(`could not fetch ${url.pathname} (HTTP ${response.status})`);
  return response.text();
}
