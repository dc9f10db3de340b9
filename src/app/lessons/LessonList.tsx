/**
 * The lesson list: every lesson of the course in order with its goal, its estimated minutes and the student's
 * progress, each one click from opening; the teacher's view switch, and resetting progress one lesson at a time or
 * all at once. In the teacher's view each lesson's solution is one click away too, and the list adds up the minutes.
 * A modal dialog; Escape, Close or a click beside it closes it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { LessonCatalogEntry } from '../../lesson/catalog.ts';
import { currentLesson } from '../page/lessonAttempts.ts';
import type { NamedAttempt } from '../page/lessons.ts';
import { type LessonProgress, progressOf } from '../page/lessonProgress.ts';
import { useLessons, usePageStore } from '../page/PageProvider.tsx';
import { CitedText } from '../reference/RefLink.tsx';
import { plural } from '../ui/format.ts';
import { Button } from '../ui/primitives.tsx';

export function LessonList({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const catalog = useLessons((s) => s.catalog);
  const problem = useLessons((s) => s.catalogProblem);
  const teacher = useLessons((s) => s.teacher);
  const setTeacher = useLessons((s) => s.setTeacher);
  const progress = useLessons((s) => s.progress);
  const resetAll = useLessons((s) => s.resetAllProgress);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const minutes = (catalog ?? []).reduce((sum, entry) => sum + entry.minutes, 0);
  const started = Object.keys(progress).length > 0;
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      data-testid="lesson-list"
      onClose={onClose}
      // The page's shortcuts stay with the page while the list is read.
      onKeyDown={(event) => event.stopPropagation()}
      onClick={(event) => {
        if (event.target === event.currentTarget) event.currentTarget.close();
      }}
      className="m-auto max-h-[calc(100dvh-3rem)] w-[52rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-0 text-slate-800 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex max-h-[calc(100dvh-3rem)] flex-col">
        <header className="flex shrink-0 flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
          <div>
            <h2 id={titleId} className="text-base font-semibold text-slate-900">
              Lessons
            </h2>
            <p className="text-sm text-slate-600" data-testid="lesson-list-total">
              {catalog === null
                ? 'Reading the lessons…'
                : `${plural(catalog.length, 'guided lesson')} on the receive path, about ${minutes} minutes in all.`}
            </p>
          </div>
          <div className="flex items-center gap-3">
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                className="size-4 rounded border-slate-300 accent-sky-700"
                checked={teacher}
                onChange={(event) => setTeacher(event.target.checked)}
                data-testid="teacher-toggle"
              />
              Teacher view
            </label>
            <Button variant="quiet" onClick={() => dialog.current?.close()}>
              Close
            </Button>
          </div>
        </header>
        <div className="min-h-0 flex-1 overflow-y-auto">
          {problem && (
            <p className="px-5 py-4 text-sm text-rose-800" role="alert">
              The lessons could not be read: {problem}
            </p>
          )}
          <ol className="divide-y divide-slate-100">
            {(catalog ?? []).map((entry) => (
              <LessonRow key={entry.id} entry={entry} progress={progressOf(progress, entry.id)} teacher={teacher} />
            ))}
          </ol>
        </div>
        <footer className="flex shrink-0 flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-sm text-slate-600">
          <span>Progress is kept in this browser only.</span>
          {confirming ? (
            <span className="flex items-center gap-2">
              Forget every lesson’s checks and hints?
              <Button
                onClick={() => {
                  resetAll();
                  setConfirming(false);
                }}
                data-testid="lesson-reset-all-confirm"
              >
                Reset all
              </Button>
              <Button variant="quiet" onClick={() => setConfirming(false)}>
                Keep
              </Button>
            </span>
          ) : (
            <Button
              variant="quiet"
              disabled={!started}
              onClick={() => setConfirming(true)}
              data-testid="lesson-reset-all"
            >
              Reset all progress
            </Button>
          )}
        </footer>
      </div>
    </dialog>
  );
}

function LessonRow({
  entry,
  progress,
  teacher,
}: {
  entry: LessonCatalogEntry;
  progress: LessonProgress;
  teacher: boolean;
}) {
  const open = useLessons((s) => s.open);
  const opening = useLessons((s) => s.opening);
  const reset = useLessons((s) => s.resetProgress);
  const showList = useLessons((s) => s.showList);
  const onScreen = usePageStore((s) => currentLesson(s.loaded)?.lesson.id === entry.id);
  const go = async (attempt?: NamedAttempt) => {
    await open(entry.id, attempt);
    // Closed either way: on a failure the page says why, above the drawings.
    showList(false);
  };
  const busy = opening !== null;
  return (
    <li
      className={`flex gap-4 px-5 py-3 ${onScreen ? 'bg-sky-50/60' : ''}`}
      data-testid="lesson-entry"
      data-lesson={entry.id}
      data-completed={progress.completed}
    >
      <span className="w-7 shrink-0 pt-0.5 text-right font-mono text-lg font-semibold text-slate-500">
        {entry.number}
      </span>
      <div className="min-w-0 flex-1 space-y-1">
        <p className="flex flex-wrap items-baseline gap-x-3">
          <span className="font-semibold text-slate-900">
            <CitedText text={entry.title} cite={false} />
          </span>
          <span className="text-sm text-slate-500">{entry.minutes} min</span>
          <ProgressNote progress={progress} />
        </p>
        <p className="text-sm leading-snug text-slate-600">
          <CitedText text={entry.goal} cite={false} />
        </p>
      </div>
      <div className="flex shrink-0 flex-col items-end gap-1.5">
        <Button
          variant={onScreen ? 'secondary' : 'primary'}
          disabled={busy}
          onClick={() => void go()}
          data-testid="lesson-open"
        >
          {opening === entry.id ? 'Opening…' : onScreen ? 'Open again' : 'Open'}
        </Button>
        {teacher && (
          <Button disabled={busy} onClick={() => void go({ kind: 'solution' })} data-testid="lesson-open-solution">
            Load solution
          </Button>
        )}
        {(progress.completed || progress.hints > 0 || progress.passed.length > 0) && (
          <Button
            variant="quiet"
            className="h-7 px-2 text-xs"
            onClick={() => reset(entry.id)}
            data-testid="lesson-reset"
          >
            Reset progress
          </Button>
        )}
      </div>
    </li>
  );
}

function ProgressNote({ progress }: { progress: LessonProgress }) {
  if (progress.completed)
    return (
      <span className="text-sm font-medium text-emerald-800" data-testid="lesson-progress">
        ✓ completed
      </span>
    );
  if (progress.passed.length === 0 && progress.hints === 0) return null;
  return (
    <span className="text-sm text-slate-600" data-testid="lesson-progress">
      {plural(progress.passed.length, 'check')} passing
      {progress.hints > 0 && ` · ${plural(progress.hints, 'hint')} shown`}
    </span>
  );
}
