import { beforeEach, describe, expect, it } from 'vitest';
import { createPresentationStore, PAGE } from '../page/presentation.ts';
import { setPresenting, toggleFullscreen, useFullscreenNote } from './presentMode.ts';

/** A document whose full screen is `answer`: granted, refused, or not allowed at all. */
function fakeDocument(answer: 'granted' | 'refused' | 'not allowed') {
  const doc = {
    fullscreenElement: null as unknown,
    fullscreenEnabled: answer !== 'not allowed',
    exited: 0,
    exitFullscreen: async () => {
      doc.exited++;
      doc.fullscreenElement = null;
    },
    documentElement: {
      requestFullscreen: async () => {
        if (answer === 'refused') throw new TypeError('Permissions check failed');
        doc.fullscreenElement = doc.documentElement;
      },
    },
  };
  return doc;
}
const asDocument = (doc: ReturnType<typeof fakeDocument>) => doc as unknown as Document;

beforeEach(() => useFullscreenNote.getState().dismiss());

describe('full screen in present mode', () => {
  it('goes full screen and back', async () => {
    const doc = fakeDocument('granted');
    expect(await toggleFullscreen(asDocument(doc))).toBe('Full screen');
    expect(doc.fullscreenElement).toBe(doc.documentElement);
    expect(await toggleFullscreen(asDocument(doc))).toBe('Left full screen');
    expect(doc.fullscreenElement).toBeNull();
    expect(useFullscreenNote.getState().refused).toBeNull();
  });

  it('says so when the browser refuses, and names its own full screen', async () => {
    for (const answer of ['refused', 'not allowed'] as const) {
      const said = await toggleFullscreen(asDocument(fakeDocument(answer)));
      expect(said).toMatch(/F11/);
      expect(useFullscreenNote.getState().refused).toBe(said);
    }
  });

  it('leaving present mode leaves full screen and forgets a refusal', async () => {
    const store = createPresentationStore(PAGE);
    const doc = fakeDocument('granted');
    setPresenting(store, true, asDocument(doc));
    await toggleFullscreen(asDocument(doc));
    useFullscreenNote.setState({ refused: 'earlier' });
    setPresenting(store, false, asDocument(doc));
    expect(store.getState().presentation).toEqual(PAGE);
    expect(doc.exited).toBe(1);
    expect(useFullscreenNote.getState().refused).toBeNull();
  });
});
