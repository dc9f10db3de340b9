import { describe, expect, it } from 'vitest';
import { type LessonCatalog, lessonCatalog } from './catalog.ts';
import { fetchLessonCatalog, fetchLessonFile, fetchLessonText } from './fetch.ts';
import { fixtureLesson, fixtureText } from './testing.ts';

const BASE = new URL('https://course.test/vmq/');
const CATALOG = lessonCatalog([fixtureLesson()]) as LessonCatalog;

/** The built site under BASE: the catalogue and the fixture's lesson files; what it was asked for. */
function site(answer: (path: string) => Response | undefined = () => undefined) {
  const requested: string[] = [];
  const fetcher = async (url: URL) => {
    requested.push(url.href);
    const special = answer(url.pathname);
    if (special) return special;
    const json = (body: string) => new Response(body, { headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/vmq/lesson-catalog.json') return json(JSON.stringify(CATALOG));
    const file = url.pathname.replace('/vmq/lessons/', '');
    try {
      return json(fixtureText(file));
    } catch {
      return new Response('', { status: 404 });
    }
  };
  return { fetcher, requested };
}

describe('the app lesson loader', () => {
  it("reads the catalogue and a lesson's files relative to the site's base", async () => {
    const { fetcher, requested } = site();
    expect(await fetchLessonCatalog(BASE, fetcher)).toEqual(CATALOG.lessons);
    expect(await fetchLessonText('vm1-queue', BASE, fetcher)).toBe(fixtureText('vm1-queue.json'));
    expect(await fetchLessonFile('scenarios/vm1-queue.json', BASE, fetcher)).toBe(
      fixtureText('scenarios/vm1-queue.json'),
    );
    expect(requested).toEqual([
      'https://course.test/vmq/lesson-catalog.json',
      'https://course.test/vmq/lessons/vm1-queue.json',
      'https://course.test/vmq/lessons/scenarios/vm1-queue.json',
    ]);
  });

  it('says a file is missing also when the server answers with its index page', async () => {
    const html = () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
    await expect(fetchLessonText('nope', BASE, site().fetcher)).rejects.toThrow('no such lesson file: nope.json');
    await expect(fetchLessonText('vm1-queue', BASE, site(html).fetcher)).rejects.toThrow(
      'no such lesson file: vm1-queue.json',
    );
    await expect(fetchLessonCatalog(BASE, site(html).fetcher)).rejects.toThrow(
      'no lesson list at /vmq/lesson-catalog.json',
    );
    const broken = () => new Response('{', { headers: { 'content-type': 'application/json' } });
    await expect(fetchLessonCatalog(BASE, site(broken).fetcher)).rejects.toThrow(
      '/vmq/lesson-catalog.json is not valid JSON',
    );
    const failing = () => new Response('', { status: 500 });
    await expect(fetchLessonText('vm1-queue', BASE, site(failing).fetcher)).rejects.toThrow(
      'could not fetch /vmq/lessons/vm1-queue.json (HTTP 500)',
    );
  });

  it('fetches nothing outside the lesson directory', async () => {
    const { fetcher, requested } = site();
    for (const path of ['../index.html', '/etc/passwd', 'https://elsewhere.test/x.json'])
      await expect(fetchLessonFile(path, BASE, fetcher)).rejects.toThrow('is not a file under /vmq/lessons/');
    expect(requested).toEqual([]);
  });
});
