import { describe, expect, it } from 'vitest';
import { ownOriginScriptUrl } from './trustedTypes.ts';

describe('the Trusted Types policy for script URLs', () => {
  const origin = 'https://vmq.example';

  it('accepts the worker script from our own origin, absolute or relative', () => {
    expect(ownOriginScriptUrl('https://vmq.example/assets/sim.worker-abc.js', origin)).toBe(
      'https://vmq.example/assets/sim.worker-abc.js',
    );
    expect(ownOriginScriptUrl('/assets/sim.worker-abc.js', origin)).toBe('/assets/sim.worker-abc.js');
  });

  it('refuses scripts from elsewhere, data: and blob: URLs from another origin, and javascript: URLs', () => {
    for (const url of [
      'https://evil.example/x.js',
      '//evil.example/x.js',
      'data:text/javascript,alert(1)',
      'javascript:alert(1)',
      'blob:https://evil.example/0b5d',
    ]) {
      expect(ownOriginScriptUrl(url, origin), url).toBeNull();
    }
  });
});
