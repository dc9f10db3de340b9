import { describe, expect, it } from 'vitest';
import { isolatedName, shortened, visibleControls } from './plainText.ts';

describe('user text in places that take only a string', () => {
  it('keeps short text whole and cuts long text to the limit, ending in an ellipsis', () => {
    expect(shortened('VM1', 40)).toBe('VM1');
    const cut = shortened('x'.repeat(100_000), 40);
    expect(cut).toHaveLength(40);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never splits a character outside the Basic Multilingual Plane', () => {
    const cut = shortened('😀'.repeat(30), 40);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.slice(0, -1)).toBe('😀'.repeat((cut.length - 1) / 2));
  });

  it('wraps a name in FSI … PDI, so a right-to-left override inside it ends with the name', () => {
    const name = isolatedName('\u202Eevil');
    expect(name.startsWith('\u2068')).toBe(true);
    expect(name.endsWith('\u2069')).toBe(true);
    expect(name.slice(1, -1)).toBe('\u202Eevil');
  });
});

describe('user text quoted in a diagnostic', () => {
  it('shows each bidirectional control as its code point, so it cannot reorder the sentence around it', () => {
    expect(visibleControls('"VM\u202Egnp.exe" is not a valid VM name')).toBe(
      '"VM⟨U+202E⟩gnp.exe" is not a valid VM name',
    );
    expect(visibleControls('\u2066a\u2069 \u200F')).toBe('⟨U+2066⟩a⟨U+2069⟩ ⟨U+200F⟩');
    expect(visibleControls('plain VM1, ÄÖ, עברית')).toBe('plain VM1, ÄÖ, עברית');
  });
});
