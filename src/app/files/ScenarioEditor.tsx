/**
 * The scenario editor: the current scenario's JSON beside the drawings (a panel at the right, not a modal, so a
 * teacher editing live still sees the adapter), with the schema's completion and the parser's errors inline. Apply
 * runs the edited scenario and comes back to the same event when the new run reaches it; Cancel leaves the session
 * exactly as it was. Its code (CodeMirror, the parser and the schema) loads only when it first opens.
 */
import { closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import type { Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { useEffect, useId, useRef, useState } from 'react';
import { usePage } from '../page/PageProvider.tsx';
import type { LoadedScenario } from '../page/pageStore.ts';
import { plural } from '../ui/format.ts';
import { Button } from '../ui/primitives.tsx';
import { UserText } from '../ui/UserText.tsx';
import { useFileNotice } from './fileNotice.ts';
import { scenarioLanguage } from './scenarioLanguage.ts';
import { scenarioText } from './scenarioText.ts';

/** The name an edited scenario runs under: its file's, marked as edited once. */
export const editedSource = (source: string): string =>
  /-edited\.json$/i.test(source) ? source : `${source.replace(/\.json$/i, '')}-edited.json`;

/** A key command that always takes the key. */
const handled =
  (act: () => void): (() => boolean) =>
  () => {
    act();
    return true;
  };

export function ScenarioEditor({
  loaded,
  draft,
  onClose,
}: {
  loaded: LoadedScenario;
  /** Edits not applied when the editor last closed, to take up again. */
  draft: string | null;
  /** Closes the editor, with the edits not applied (null when there are none). */
  onClose: (draft: string | null) => void;
}) {
  const page = usePage();
  const { source } = loaded;
  const original = scenarioText(loaded);
  const show = useFileNotice((s) => s.show);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [problems, setProblems] = useState<readonly Diagnostic[] | null>(null);
  const [applying, setApplying] = useState(false);
  const [refused, setRefused] = useState(false);
  const titleId = useId();
  const [edited, setEdited] = useState(draft !== null && draft !== original);
  const cancel = () => {
    const text = view.current?.state.doc.toString() ?? null;
    onClose(text === original ? null : text);
  };
  // The latest handlers, for the editor's own keys (bound once, when it is made).
  const keys = useRef({ apply: () => {}, cancel });

  const apply = async () => {
    const editor = view.current;
    if (!editor || applying) return;
    setApplying(true);
    setRefused(false);
    const outcome = await page.loadInPlace(editor.state.doc.toString(), editedSource(source));
    setApplying(false);
    if (outcome === 'rejected') {
      // The loader says why above the drawings (LoadProblem); the text stays here to be fixed.
      setRefused(true);
      return;
    }
    show(
      outcome === 'kept'
        ? { tone: 'neutral', text: 'The edited scenario runs; the page is back at the event it showed.' }
        : {
            tone: 'warning',
            text: 'The edited scenario runs, from the start: its run does not reach the event the page showed.',
          },
    );
    onClose(null);
  };
  keys.current = { apply: () => void apply(), cancel };

  const revert = () => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: original } });
    editor.focus();
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is made once per opening, from the scenario it opened with.
  useEffect(() => {
    if (!host.current) return;
    // In a shadow root CodeMirror's styles go into a constructed stylesheet (adoptedStyleSheets); in the document they
    // would be a <style> element, which the page's policy (style-src 'self', vite.csp.ts) refuses.
    const shadow = host.current.shadowRoot ?? host.current.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    parent.style.height = '100%';
    shadow.replaceChildren(parent);
    const editor = new EditorView({
      root: shadow,
      parent,
      state: EditorState.create({
        doc: draft ?? original,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          history(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          keymap.of([
            { key: 'Mod-Enter', run: handled(() => keys.current.apply()) },
            { key: 'Escape', run: handled(() => keys.current.cancel()) },
            ...closeBracketsKeymap,
            ...completionKeymap,
            ...defaultKeymap,
            ...historyKeymap,
            indentWithTab,
          ]),
          EditorView.lineWrapping,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) setEdited(update.state.doc.toString() !== original);
          }),
          EditorView.contentAttributes.of({
            'aria-label': 'Scenario JSON',
            'data-testid': 'editor-text',
            tabindex: '0',
          }),
          scenarioLanguage(setProblems),
        ],
      }),
    });
    view.current = editor;
    editor.focus();
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  const jumpTo = (diagnostic: Diagnostic) => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch({ selection: { anchor: diagnostic.from }, scrollIntoView: true });
    editor.focus();
  };

  const count = problems?.length ?? 0;
  return (
    <section
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      data-testid="scenario-editor"
      className="fixed inset-y-0 right-0 z-40 flex w-[min(38rem,100vw)] flex-col border-l border-slate-200 bg-white shadow-2xl 2xl:w-[48rem]"
    >
      <header className="flex items-center gap-3 border-b border-slate-200 px-4 py-2.5">
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="text-sm font-semibold text-slate-900">
            Edit scenario
          </h2>
          <p className="truncate text-xs text-slate-500">
            <UserText text={source} /> · Apply runs it again and comes back to this moment when it can
          </p>
        </div>
        <p
          className={`shrink-0 text-xs ${count > 0 ? 'text-rose-700' : 'text-slate-500'}`}
          aria-live="polite"
          data-testid="editor-status"
        >
          {problems === null ? 'Checking…' : count > 0 ? plural(count, 'problem') : 'Valid scenario'}
        </p>
        {edited && (
          <Button variant="quiet" onClick={revert} data-testid="editor-revert" title="Back to the scenario as it runs">
            Revert
          </Button>
        )}
        <Button
          variant="quiet"
          onClick={cancel}
          data-testid="editor-cancel"
          title="Close without changing the session; your edits wait here for the next Edit (Esc)"
        >
          Cancel
        </Button>
        <Button
          variant="primary"
          onClick={() => void apply()}
          disabled={applying || count > 0 || problems === null}
          data-testid="editor-apply"
          title="Run the edited scenario (Ctrl+Enter)"
        >
          {applying ? 'Applying…' : 'Apply'}
        </Button>
      </header>
      {refused && (
        <p role="alert" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-xs text-amber-950">
          The scenario was not loaded (see why above the drawings); nothing changed, and your text is still here.
        </p>
      )}
      <div ref={host} className="min-h-0 flex-1 overflow-hidden" />
      <footer className="max-h-40 overflow-auto border-t border-slate-200 px-4 py-2 text-xs text-slate-600">
        {count > 0 ? (
          <ul className="space-y-0.5" data-testid="editor-problems">
            {(problems ?? []).slice(0, 20).map((problem) => (
              <li key={`${problem.from}:${problem.message}`}>
                <button
                  type="button"
                  className="text-left hover:underline focus-visible:outline-2 focus-visible:outline-sky-600"
                  onClick={() => jumpTo(problem)}
                >
                  <span className="font-mono text-rose-700">
                    line {view.current?.state.doc.lineAt(problem.from).number ?? '?'}
                  </span>{' '}
                  {problem.message}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            <kbd className="font-mono">Ctrl+Space</kbd> completes keys and names (OIDs, NDIS_STATUS_…) ·{' '}
            <kbd className="font-mono">Ctrl+Enter</kbd> applies · <kbd className="font-mono">Esc</kbd> cancels
          </p>
        )}
      </footer>
    </section>
  );
}
