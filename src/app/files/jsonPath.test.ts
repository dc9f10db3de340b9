import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { locatePath, parsePath, placeAt } from './jsonPath.ts';

const stateOf = (doc: string) => EditorState.create({ doc, extensions: [json()] });
const DOC = `{
  "title": "t",
  "adapter": { "profile": "ws2012" },
  "steps": [
    { "note": "a" },
    { "oid": "OID_RECEIVE_FILTER_FREE_QUEUE", "buffer": { "QueueId": 1 } }
  ]
}`;

describe('JSON paths in the editor', () => {
  it('reads a parser path', () => {
    expect(parsePath('steps[3].buffer.QueueId')).toEqual(['steps', 3, 'buffer', 'QueueId']);
    expect(parsePath('')).toEqual([]);
  });

  it('finds the value a parse error names, or its key for a whole object, or as much as exists', () => {
    const state = stateOf(DOC);
    const text = ({ from, to }: { from: number; to: number }) => state.sliceDoc(from, to);
    expect(text(locatePath(state, 'steps[1].oid'))).toBe('"OID_RECEIVE_FILTER_FREE_QUEUE"');
    expect(text(locatePath(state, 'steps[1].buffer.QueueId'))).toBe('1');
    expect(text(locatePath(state, 'adapter'))).toBe('"adapter"');
    expect(text(locatePath(state, 'steps[1].missing'))).toBe('{');
    expect(text(locatePath(state, 'adapter.profile'))).toBe('"ws2012"');
  });

  it('tells a key from a value at the cursor, with the path and the keys already there', () => {
    const state = stateOf(DOC);
    const atValue = placeAt(state, DOC.indexOf('OID_RECEIVE') + 3);
    expect(atValue?.kind).toBe('value');
    expect(atValue?.path).toEqual(['steps', 1, 'oid']);
    expect(atValue?.present(2)).toEqual(['oid', 'buffer']);
    const atKey = placeAt(state, DOC.indexOf('"profile"') + 2);
    expect(atKey?.kind).toBe('key');
    expect(atKey?.path).toEqual(['adapter']);
  });

  it('completes in a new, empty place: a key in an empty object, a value after a colon', () => {
    const doc = '{ "adapter": {  }, "format": ';
    const state = stateOf(doc);
    expect(placeAt(state, doc.indexOf('{  }') + 2)).toMatchObject({ kind: 'key', path: ['adapter'] });
    expect(placeAt(state, doc.length)).toMatchObject({ kind: 'value', path: ['format'] });
  });
});
