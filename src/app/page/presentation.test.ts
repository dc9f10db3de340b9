import { describe, expect, it } from 'vitest';
import { createPresentationStore, embedLink, PAGE, presentationParams, readPresentation } from './presentation.ts';

describe('how a link says the page is shown', () => {
  it('reads back every presentation it writes', () => {
    for (const presentation of [
      PAGE,
      { mode: 'present' as const },
      { mode: 'embed' as const, view: 'diagram' as const },
      { mode: 'embed' as const, view: 'memory' as const },
    ]) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(presentationParams(presentation)))
        if (value !== null) params.set(name, value);
      expect(readPresentation(params.toString())).toEqual({ presentation, ignored: [] });
    }
  });

  it('shows the whole page for a link that says nothing, and present mode for present=1', () => {
    expect(readPresentation('?scenario=vlan-filtering.json')).toEqual({ presentation: PAGE, ignored: [] });
    expect(readPresentation('present=1').presentation).toEqual({ mode: 'present' });
    expect(readPresentation('present=0').presentation).toEqual(PAGE);
  });

  it('says what it ignores, and why', () => {
    expect(readPresentation('present=yes')).toEqual({
      presentation: PAGE,
      ignored: ['present=yes was ignored: present=1 turns present mode on'],
    });
    expect(readPresentation('view=memory').ignored).toEqual(['view was ignored: it chooses what embed=1 shows']);
    expect(readPresentation('embed=1&present=1')).toEqual({
      presentation: { mode: 'embed', view: 'diagram' },
      ignored: ['present was ignored: the embedded player has no present mode'],
    });
    expect(readPresentation('embed=1&view=log')).toEqual({
      presentation: { mode: 'embed', view: 'diagram' },
      ignored: ['view=log was ignored: the player shows diagram or memory'],
    });
  });

  it('makes the embed link of a link: the same view, as the player, whatever mode it was in', () => {
    const link = 'https://vmq.test/docs/?scenario=vlan-filtering.json&at=1.2.3&present=1';
    expect(embedLink(link)).toBe('https://vmq.test/docs/?scenario=vlan-filtering.json&at=1.2.3&embed=1');
    expect(embedLink(link, 'memory')).toBe(
      'https://vmq.test/docs/?scenario=vlan-filtering.json&at=1.2.3&embed=1&view=memory',
    );
  });

  it('turns present mode on and off, but never makes the embedded player the whole page', () => {
    const store = createPresentationStore(PAGE);
    store.getState().present(true);
    expect(store.getState().presentation).toEqual({ mode: 'present' });
    store.getState().present(false);
    expect(store.getState().presentation).toEqual(PAGE);
    const embedded = createPresentationStore({ mode: 'embed', view: 'memory' });
    embedded.getState().present(true);
    embedded.getState().present(false);
    expect(embedded.getState().presentation).toEqual({ mode: 'embed', view: 'memory' });
  });
});
