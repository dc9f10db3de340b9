import { describe, expect, it } from 'vitest';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import { parseFrameHeader } from './frameHeader.ts';

const fieldValues = (headerHex: string, length: number) =>
  Object.fromEntries(parseFrameHeader(headerHex, length).fields.map((f) => [f.key, [f.value, f.start, f.end]]));

describe('frame header', () => {
  it('reads an 802.1Q-tagged frame: TPID, PCP, DEI and VID share the TCI bytes', () => {
    const tagged = '00155d000001' + '001dd8b71c01' + '8100' + 'a00a' + '0800' + '4500';
    expect(fieldValues(tagged, 256)).toEqual({
      dst: ['00-15-5D-00-00-01', 0, 6],
      src: ['00-1D-D8-B7-1C-01', 6, 12],
      tpid: ['0x8100', 12, 14],
      pcp: ['5', 14, 16],
      dei: ['0', 14, 16],
      vid: ['10', 14, 16],
      type: ['0x0800 (IPv4)', 16, 18],
      payload: ['238 bytes', 18, 20],
    });
    expect(parseFrameHeader(tagged, 256).notShown).toBe(236);
  });

  it('reads an untagged frame and a priority-tagged one', () => {
    expect(fieldValues('ffffffffffff' + '001dd8b71c01' + '0806', 60)).toEqual({
      dst: ['FF-FF-FF-FF-FF-FF', 0, 6],
      src: ['00-1D-D8-B7-1C-01', 6, 12],
      type: ['0x0806 (ARP)', 12, 14],
    });
    expect(fieldValues('00155d000002' + '001dd8b71c01' + '8100' + '0000' + '86dd', 64)['vid']).toEqual([
      '0 (priority-tagged)',
      14,
      16,
    ]);
  });

  it('stops at the bytes it has: a runt shows only what fits', () => {
    expect(parseFrameHeader('00155d00', 4).fields).toEqual([]);
  });

  it('agrees with the engine on every frame of the default scenario', () => {
    for (const event of runBuiltIn().events) {
      if (event.kind !== 'frame-arrived') continue;
      const values = fieldValues(event.headerHex, event.length);
      expect(values['dst']?.[0]).toBe(event.dst);
      expect(values['vid']?.[0] ?? null).toBe(event.vlanId === null ? null : String(event.vlanId));
    }
  });
});
