import { describe, expect, it } from 'vitest';
import { scenarioText } from './scenarioText.ts';

describe('scenarioText', () => {
  it('is the file as loaded', () => {
    expect(scenarioText({ scenario: '{ "title": "a" }', source: 'a.json' })).toBe('{ "title": "a" }');
  });
  it('carries the seed the page runs it with', () => {
    expect(JSON.parse(scenarioText({ scenario: '{ "seed": 1 }', source: 'a.json', seed: 9 }))).toEqual({ seed: 9 });
  });
  it('writes out a document the page built', () => {
    expect(scenarioText({ scenario: { title: 'x' }, source: 'Empty adapter' })).toBe('{\n  "title": "x"\n}\n');
  });
});
