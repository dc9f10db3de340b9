import { CompletionContext } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioCompletion, scenarioDiagnostics } from './scenarioLanguage.ts';

const TEXT = readFileSync(new URL('../../../public/scenarios/vmq-in-a-minute.json', import.meta.url), 'utf8');
const stateOf = (doc: string) => EditorState.create({ doc, extensions: [json()] });

describe('the scenario language', () => {
  it('finds nothing wrong with a built-in scenario', () => {
    expect(scenarioDiagnostics(stateOf(TEXT))).toEqual([]);
  });

  it("puts the parser's error under the value it names", () => {
    const doc = TEXT.replace('"OID_RECEIVE_FILTER_ALLOCATE_QUEUE"', '"OID_RECEIVE_FILTER_ALLOC_QUEUE"');
    const state = stateOf(doc);
    const [first] = scenarioDiagnostics(state);
    expect(first && state.sliceDoc(first.from, first.to)).toBe('"OID_RECEIVE_FILTER_ALLOC_QUEUE"');
    expect(first?.message).toMatch(/unknown OID .*did you mean OID_RECEIVE_FILTER_ALLOCATE_QUEUE/);
  });

  it('puts a JSON syntax error at its line and column', () => {
    const doc = '{\n  "title": "x",,\n}';
    const state = stateOf(doc);
    const [first] = scenarioDiagnostics(state);
    expect(first && state.doc.lineAt(first.from).number).toBe(2);
  });

  it('completes OID names in an oid field and keys in a step', () => {
    const doc = '{ "steps": [ { "oid": "OID_RECEIVE_FILTER_F';
    const values = scenarioCompletion(new CompletionContext(stateOf(doc), doc.length, true));
    expect(values?.options.map((o) => o.label)).toContain('"OID_RECEIVE_FILTER_FREE_QUEUE"');
    expect(values?.options.find((o) => o.label.includes('FREE_QUEUE'))?.apply).toBe('"OID_RECEIVE_FILTER_FREE_QUEUE"');
    const keysDoc = '{ "steps": [ { "oid": "OID_RECEIVE_FILTER_FREE_QUEUE", ';
    const keys = scenarioCompletion(new CompletionContext(stateOf(`${keysDoc} }`), keysDoc.length, true));
    expect(keys?.options.map((o) => o.label)).toEqual(expect.arrayContaining(['buffer', 'expect']));
    expect(keys?.options.find((o) => o.label === 'buffer')?.apply).toBe('"buffer": ');
  });
});
