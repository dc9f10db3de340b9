import { describe, expect, it } from 'vitest';
import { savedFileName, scenarioFileName, withExtension } from './fileNames.ts';

describe('file names', () => {
  it('names a saved session by its title', () => {
    expect(savedFileName('VMQ in a minute')).toBe('vmq-in-a-minute-session.json');
    expect(savedFileName('—')).toBe('scenario-session.json');
  });
  it('downloads a scenario under its own name, without folders, or by its title when it has none', () => {
    expect(scenarioFileName('vmq-in-a-minute.json', 'x')).toBe('vmq-in-a-minute.json');
    expect(scenarioFileName('lessons/one/My File.JSON', 'x')).toBe('my-file.json');
    expect(scenarioFileName('(empty adapter)', 'Empty adapter')).toBe('empty-adapter.json');
    expect(scenarioFileName('', 'Two VMs')).toBe('two-vms.json');
  });
  it('swaps the extension', () => {
    expect(withExtension('a.b.json', '.ndjson')).toBe('a.b.ndjson');
    expect(withExtension('plain', '.csv')).toBe('plain.csv');
  });
});
