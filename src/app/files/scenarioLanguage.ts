/**
 * The scenario editor's language: JSON with the scenario schema's completion (keys, and the NDIS identifiers and
 * other names a field takes), the scenario parser's own errors as inline diagnostics (the same validation "Open
 * file…" and vmq use, so what the editor accepts loads), and a theme drawn from the page's --viz-* colours, which
 * follow light and dark.
 */
import {
  autocompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, type Diagnostic } from '@codemirror/lint';
import type { EditorState, Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { ScenarioError } from '../../scenario/errors.ts';
import { scenarioJsonSchema } from '../../scenario/json-schema.ts';
import { parseScenario } from '../../scenario/parse.ts';
import { locatePath, placeAt } from './jsonPath.ts';
import { keysAt, valuesAt, type SchemaNode } from './scenarioSchema.ts';

const SCHEMA = scenarioJsonSchema() as SchemaNode;

/** Where the parser's `error` is in the text: its line and column for JSON syntax, else the value its path names. */
export function errorRange(state: EditorState, error: ScenarioError): { from: number; to: number } {
  if (error.line === undefined) return locatePath(state, error.path);
  const line = state.doc.line(Math.min(Math.max(1, error.line), state.doc.lines));
  const from = Math.min(line.to, line.from + Math.max(0, (error.column ?? 1) - 1));
  return { from, to: Math.min(line.to, from + 1) };
}

/** The parser's verdict on the text, as diagnostics; empty when it loads. */
export function scenarioDiagnostics(state: EditorState): Diagnostic[] {
  const parsed = parseScenario(state.doc.toString());
  if (parsed.ok) return [];
  return parsed.errors.map((error) => ({
    ...errorRange(state, error),
    severity: 'error',
    message: error.path && error.line === undefined ? `${error.path}: ${error.message}` : error.message,
    source: 'scenario',
  }));
}

/** What the schema allows at the cursor: the keys an object there may still take, or the values a field takes. */
export function scenarioCompletion(context: CompletionContext): CompletionResult | null {
  const place = placeAt(context.state, context.pos);
  if (!place) return null;
  const typed = context.state.sliceDoc(place.from, context.pos);
  if (
    !context.explicit &&
    typed === '' &&
    place.kind === 'value' &&
    !/:\s*$/.test(context.state.sliceDoc(0, context.pos))
  )
    return null;
  // Inside quotes the typed text starts with one, so the labels do too: completion matches what was typed.
  const quoted = typed.startsWith('"');
  const label = (text: string) => (quoted ? JSON.stringify(text) : text);
  let options: Completion[];
  if (place.kind === 'key') {
    const colonFollows = /^\s*:/.test(context.state.sliceDoc(place.to, place.to + 40));
    options = keysAt(SCHEMA, place.path, place.present).map((option) => ({
      label: label(option.key),
      apply: colonFollows ? JSON.stringify(option.key) : `${JSON.stringify(option.key)}: `,
      type: 'property',
      ...(option.required ? { detail: 'required', boost: 1 } : {}),
      ...(option.description ? { info: option.description } : {}),
    }));
  } else {
    options = valuesAt(SCHEMA, place.path, place.present).map((value) => {
      const text = value.startsWith('"') ? (JSON.parse(value) as string) : value;
      return { label: label(text), apply: value, type: value.startsWith('"') ? 'enum' : 'keyword' };
    });
  }
  if (options.length === 0) return null;
  return { from: place.from, to: place.to, options, validFor: /^"?[\w$.:-]*"?$/ };
}

const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--viz-actor-ndis)' },
  { tag: tags.string, color: 'var(--viz-actor-miniport)' },
  { tag: tags.number, color: 'var(--viz-actor-overlying)' },
  { tag: [tags.bool, tags.null], color: 'var(--viz-actor-scenario)' },
  { tag: tags.invalid, color: 'var(--viz-violation)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--viz-bg)', color: 'var(--viz-fg)', fontSize: '13px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--viz-fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--viz-fg)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-gutters': { backgroundColor: 'var(--viz-lane)', color: 'var(--viz-muted)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in oklch, var(--viz-grid) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--viz-grid)', color: 'var(--viz-fg)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'color-mix(in oklch, var(--viz-focus) 30%, transparent) !important',
  },
  '.cm-matchingBracket': { backgroundColor: 'color-mix(in oklch, var(--viz-focus) 25%, transparent)', outline: 'none' },
  '.cm-tooltip': {
    backgroundColor: 'var(--viz-bg)',
    color: 'var(--viz-fg)',
    border: '1px solid var(--viz-grid)',
    borderRadius: '6px',
    boxShadow: '0 6px 20px rgb(0 0 0 / 0.18)',
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'color-mix(in oklch, var(--viz-focus) 25%, transparent)',
    color: 'var(--viz-fg)',
  },
  '.cm-completionDetail': { color: 'var(--viz-muted)', fontStyle: 'normal', marginLeft: '0.75em' },
  '.cm-completionInfo': { maxWidth: '24rem', padding: '6px 8px' },
  '.cm-diagnostic-error': { borderLeft: '4px solid var(--viz-violation)' },
  '.cm-lintRange-error': {
    backgroundImage: 'none',
    textDecoration: 'underline wavy var(--viz-violation)',
    textUnderlineOffset: '3px',
  },
  '.cm-lint-marker-error': { content: 'none' },
  '.cm-panels': { backgroundColor: 'var(--viz-lane)', color: 'var(--viz-fg)' },
});

/** Everything the editor adds to plain JSON editing. `onDiagnostics` hears each verdict (the count in the header). */
export function scenarioLanguage(onDiagnostics: (diagnostics: readonly Diagnostic[]) => void): Extension[] {
  return [
    json(),
    syntaxHighlighting(highlight),
    theme,
    autocompletion({ override: [scenarioCompletion], activateOnTyping: true }),
    linter(
      (view) => {
        const diagnostics = scenarioDiagnostics(view.state);
        onDiagnostics(diagnostics);
        return diagnostics;
      },
      { delay: 300 },
    ),
  ];
}
