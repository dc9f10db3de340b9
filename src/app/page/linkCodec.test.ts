import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_UNPACKED_CHARS, pack, unpack } from './linkCodec.ts';

describe('packing text into a link', () => {
  it('gives back exactly the text it packed, in characters a URL keeps as they are', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 2000 }), async (text) => {
        const packed = await pack(text);
        expect(packed).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(new URLSearchParams({ v: packed }).toString()).toBe(`v=${packed}`);
        expect(await unpack(packed)).toBe(text);
      }),
      { numRuns: 60 },
    );
  });

  it('makes a scenario file several times smaller', async () => {
    const scenario = JSON.stringify({ steps: Array.from({ length: 200 }, (_, i) => ({ advance: '1us', i })) });
    expect((await pack(scenario)).length).toBeLessThan(scenario.length / 4);
  });

  it('says what is wrong with a damaged, foreign or oversized value instead of throwing anything else', async () => {
    const packed = await pack('{"title":"mine"}');
    await expect(unpack(packed.slice(0, -4))).rejects.toThrow('it is damaged (cut short or changed)');
    await expect(unpack('not base64!')).rejects.toThrow('it is not base64url text');
    await expect(unpack(await pack('x'.repeat(MAX_UNPACKED_CHARS + 1)))).rejects.toThrow(/it unpacks to more than/);
  });
});
