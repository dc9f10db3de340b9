import { describe, expect, it } from 'vitest';
import { DEFAULT_PANELS, rememberedPanels, rememberPanels } from './panels.ts';

function memory(initial?: string) {
  const items = new Map<string, string>(initial === undefined ? [] : [['vmq-playground:panels', initial]]);
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe('panels', () => {
  it('remembers what the reader opened and closed', () => {
    const storage = memory();
    rememberPanels(storage, { ...DEFAULT_PANELS, timeline: true, log: false });
    expect(rememberedPanels(storage)).toEqual({ ...DEFAULT_PANELS, timeline: true, log: false });
  });

  it('falls back to the defaults for what it cannot read, key by key', () => {
    expect(rememberedPanels(memory())).toEqual(DEFAULT_PANELS);
    expect(rememberedPanels(memory('{not json'))).toEqual(DEFAULT_PANELS);
    expect(rememberedPanels(memory('[true]'))).toEqual(DEFAULT_PANELS);
    expect(rememberedPanels(memory('{"drive": false, "log": "no", "__proto__": {"x": 1}}'))).toEqual({
      ...DEFAULT_PANELS,
      drive: false,
    });
  });
});
