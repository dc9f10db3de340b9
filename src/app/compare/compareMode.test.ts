import { describe, expect, it } from 'vitest';
import { COMPARE_DEFAULT_SCENARIO, startupSearch } from './compareMode.ts';

describe('compare mode at start-up', () => {
  it('opens the split scenario when the address names none, and what it names otherwise', () => {
    expect(startupSearch('?compare=1')).toBe(`?compare=1&scenario=${COMPARE_DEFAULT_SCENARIO}`);
    expect(startupSearch('?compare=1&scenario=vlan-filtering.json')).toBe('?compare=1&scenario=vlan-filtering.json');
    expect(startupSearch('?compare=1&empty=ws2012&cpus=2')).toBe('?compare=1&empty=ws2012&cpus=2');
    expect(startupSearch('?empty=ws2012')).toBe('?empty=ws2012');
    // A lesson brings its own scenario: adding the split one would make its link read as naming two.
    expect(startupSearch('?lesson=free-sequence&compare=1')).toBe('?lesson=free-sequence&compare=1');
  });
});
