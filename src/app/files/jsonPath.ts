/**
 * Between a JSON text in the editor and the paths the scenario parser and schema speak ("steps[3].oid"): where a
 * path is in the text (to put a parse error under the value it names), and what path the cursor is at (to offer
 * the keys and values the schema allows there). Both read the editor's JSON syntax tree, so a half-typed document
 * still has a shape.
 */
import { ensureSyntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import type { SyntaxNode } from '@lezer/common';
import type { PathSegment } from './scenarioSchema.ts';

const VALUE_NODES = new Set(['Object', 'Array', 'String', 'Number', 'True', 'False', 'Null']);

const treeOf = (state: EditorState) => ensureSyntaxTree(state, state.doc.length, 1000);

/** The key a Property node names, as the parser reads it (JSON-unescaped). */
function keyOf(state: EditorState, property: SyntaxNode): string | null {
  const name = property.getChild('PropertyName');
  if (!name) return null;
  const text = state.sliceDoc(name.from, name.to);
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.replace(/^"|"$/g, '');
  }
}

const valuesIn = (node: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (VALUE_NODES.has(child.name)) out.push(child);
  return out;
};

/** The value a Property holds. */
const heldValue = (property: SyntaxNode): SyntaxNode | null => valuesIn(property).at(-1) ?? null;

/** "steps[3].buffer.QueueId" → ["steps", 3, "buffer", "QueueId"]. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const match of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g))
    segments.push(match[1] !== undefined ? Number(match[1]) : (match[2] as string));
  return segments;
}

/** Where in the text `path` is: the value it names, or its key when that value is a whole object or array (the
 * key reads better underlined than forty lines), or as much of it as exists (a missing key marks its object's
 * opening brace). */
export function locatePath(state: EditorState, path: string): { from: number; to: number } {
  const tree = treeOf(state);
  let node: SyntaxNode | null = tree ? (valuesIn(tree.topNode)[0] ?? null) : null;
  if (!node) return { from: 0, to: Math.min(1, state.doc.length) };
  let key: SyntaxNode | null = null;
  for (const segment of parsePath(path)) {
    let next: SyntaxNode | null = null;
    let nextKey: SyntaxNode | null = null;
    if (typeof segment === 'number' && node.name === 'Array') next = valuesIn(node)[segment] ?? null;
    if (typeof segment === 'string' && node.name === 'Object')
      for (const property of node.getChildren('Property'))
        if (keyOf(state, property) === segment) {
          next = heldValue(property);
          nextKey = property.getChild('PropertyName');
        }
    if (!next)
      return { from: node.from, to: node.name === 'Object' || node.name === 'Array' ? node.from + 1 : node.to };
    node = next;
    key = nextKey;
  }
  if ((node.name === 'Object' || node.name === 'Array') && key) return { from: key.from, to: key.to };
  return { from: node.from, to: node.name === 'Object' || node.name === 'Array' ? node.from + 1 : node.to };
}

/** The path of a value node from the document's root. */
function pathOf(state: EditorState, node: SyntaxNode): { path: PathSegment[]; objects: (SyntaxNode | null)[] } {
  const path: PathSegment[] = [];
  const objects: (SyntaxNode | null)[] = [];
  let current = node;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    if (parent.name === 'Property') {
      path.unshift(keyOf(state, parent) ?? '');
      objects.unshift(parent.parent);
      const object = parent.parent;
      if (!object) break;
      current = parent;
      parent = object;
    } else if (parent.name === 'Array') {
      path.unshift(valuesIn(parent).findIndex((value) => value.from === current.from));
      objects.unshift(null);
    }
  }
  return { path, objects };
}

/** The keys an Object node has. */
const keysIn = (state: EditorState, object: SyntaxNode | null): string[] =>
  object?.name === 'Object' ? object.getChildren('Property').flatMap((property) => keyOf(state, property) ?? []) : [];

export interface CursorPlace {
  /** A key of the object at `path`, or the value at `path`. */
  kind: 'key' | 'value';
  path: PathSegment[];
  /** The keys each object along the path already has (depth 0 = the root), so a step's shape can be told. */
  present: (depth: number) => string[];
  /** The text completion replaces: the key or value typed so far. */
  from: number;
  to: number;
}

/** What the cursor at `pos` is typing: a key of some object or a value somewhere, or null outside any. */
export function placeAt(state: EditorState, pos: number): CursorPlace | null {
  const tree = treeOf(state);
  if (!tree) return null;
  let node: SyntaxNode | null = tree.resolveInner(pos, -1);
  // A word typed without quotes is an error node: complete it like the string it should be.
  const typed =
    node.name === '⚠' || node.name === 'PropertyName' || node.name === 'String' || !VALUE_NODES.has(node.name);
  let from = pos;
  let to = pos;
  if (node.name === 'PropertyName' || node.name === 'String' || node.name === 'Number' || node.name === '⚠') {
    from = node.from;
    to = node.to;
  } else if (typed) {
    const word = state.doc.lineAt(pos);
    const before = word.text.slice(0, pos - word.from).match(/[\w"$-]*$/)?.[0] ?? '';
    from = pos - before.length;
  }
  while (node && node.name === '⚠') node = node.parent;
  if (!node) return null;
  const build = (kind: CursorPlace['kind'], at: SyntaxNode, extra: PathSegment[], object: SyntaxNode | null) => {
    const { path, objects } = pathOf(state, at);
    const all = [...objects, object];
    return {
      kind,
      path: [...path, ...extra],
      present: (depth: number) => keysIn(state, all[depth] ?? null),
      from,
      to,
    };
  };
  if (node.name === 'PropertyName' && node.parent?.parent)
    return build('key', node.parent.parent, [], node.parent.parent);
  if (node.name === 'Object') return build('key', node, [], node);
  if (node.name === 'Property') {
    const colon = node.getChild(':');
    const object = node.parent;
    if (!object) return null;
    if (colon && pos >= colon.to) return build('value', object, [keyOf(state, node) ?? ''], object);
    return build('key', object, [], object);
  }
  if (node.parent?.name === 'Property' && node.parent.parent) {
    const object = node.parent.parent;
    return build('value', object, [keyOf(state, node.parent) ?? ''], object);
  }
  if (node.name === 'Array') return build('value', node, [valuesIn(node).filter((v) => v.to <= pos).length], null);
  if (node.parent?.name === 'Array') return build('value', node, [], null);
  return null;
}
