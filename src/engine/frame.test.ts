import { describe, expect, it } from 'vitest';
import { formatMac, parseMac } from './frame.ts';

describe('MAC text', () => {
  it('reads six octets with one separator, "-" or ":", in either case', () => {
    expect(parseMac('00-15-5D-00-00-01')).toBe(0x00155d000001);
    expect(parseMac(' 00:15:5d:00:00:01 ')).toBe(0x00155d000001);
    expect(parseMac('FF-FF-FF-FF-FF-FF')).toBe(0xffffffffffff);
  });

  it('refuses mixed separators, missing octets and non-hex digits', () => {
    for (const text of ['00-15:5D-00-00-01', '00-15-5D-00-00', '00-15-5D-00-00-0G', '00155D000001', ''])
      expect(parseMac(text), text).toBeUndefined();
  });

  it('writes upper case, dash separated, and reads back what it writes', () => {
    expect(formatMac(0x00155d000001)).toBe('00-15-5D-00-00-01');
    expect(formatMac(0)).toBe('00-00-00-00-00-00');
    for (const mac of [0, 1, 0x00155d0000ff, 0xffffffffffff]) expect(parseMac(formatMac(mac))).toBe(mac);
  });
});
