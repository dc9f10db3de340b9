/**
 * The lesson on screen, docked beside the drawings: its number and title, the goal, the steps, hints unlocked one at a
 * time, the tools it allows, and its checks as the worker last judged them (✓/✗, the title, the lesson's explanation
 * naming the rule, the check language's own sentences on demand), with the score of the puzzle lesson. In the
 * teacher's view the same panel is set large for a projector, with the solution and the wrong attempts one click away,
 * and Present shows the steps and the checks side by side over the whole window. It shows the worker's verdicts; it
 * never works one out.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { CheckVerdict, LessonGrade } from '../../lesson/grade.ts';
import type { Lesson } from '../../lesson/schema.ts';
import { currentLesson, TOOL_NAMES } from '../page/lessonAttempts.ts';
import type { Attempt, LessonTool } from '../page/lessons.ts';
import { progressOf } from '../page/lessonProgress.ts';
import { useLessons, usePageStore } from '../page/PageProvider.tsx';
import { CitedText } from '../reference/RefLink.tsx';
import { useSideStore } from '../side/SideProvider.tsx';
import { formatCount, plural } from '../ui/format.ts';
import { RuleExplanation } from '../ndis/RuleExplanation.tsx';
import { Button } from '../ui/primitives.tsx';

/** The type sizes of the two views: a reader at a desk, or a room reading a projector from the back. */
const SIZES = {
  student: {
    title: 'text-lg',
    body: 'text-sm',
    small: 'text-xs',
    heading: 'text-xs',
    mark: 'size-5 text-xs',
    quiet: 'text-slate-700',
    button: '',
  },
  /** Large on a 1920 px projector; below 2xl the dock keeps the student's width, so the drawings stay whole. */
  teacher: {
    title: 'text-2xl 2xl:text-3xl',
    body: 'text-base 2xl:text-xl',
    small: 'text-sm 2xl:text-base',
    heading: 'text-sm 2xl:text-base',
    mark: 'size-6 text-sm 2xl:size-8 2xl:text-lg',
    quiet: 'text-slate-900',
    // Important: Button's own text-sm would win over a larger size.
    button: 'h-9 px-3 text-sm! 2xl:h-10 2xl:px-4 2xl:text-base!',
  },
  /** The whole window, for the room: the steps and the checks side by side. */
  projector: {
    title: 'text-5xl',
    body: 'text-2xl',
    small: 'text-lg',
    heading: 'text-lg',
    mark: 'size-10 text-2xl',
    quiet: 'text-slate-900',
    button: 'h-11 px-4 text-lg!',
  },
} as const;
type Sizes = (typeof SIZES)[keyof typeof SIZES];

export function LessonPanel() {
  const current = currentLesson(usePageStore((s) => s.loaded));
  const teacher = useLessons((s) => s.teacher);
  if (!current) return null;
  const sizes = teacher ? SIZES.teacher : SIZES.student;
  const { lesson, attempt } = current;
  return (
    <section
      aria-label={`Lesson ${lesson.number}: ${lesson.title}`}
      // Long NDIS names (NdisReceiveQueueOperationalStateDmaStopped) break anywhere rather than leave the panel.
      className={`flex h-full flex-col bg-white [overflow-wrap:anywhere] ${teacher ? 'text-slate-950' : 'text-slate-800'}`}
      data-testid="lesson-panel"
      data-lesson={lesson.id}
      data-view={teacher ? 'teacher' : 'student'}
    >
      <LessonHeader lesson={lesson} attempt={attempt} sizes={sizes} teacher={teacher} />
      <div className={`min-h-0 flex-1 space-y-5 overflow-y-auto px-5 pt-3 pb-8 ${sizes.body}`}>
        <AttemptNote lesson={lesson} attempt={attempt} sizes={sizes} />
        <Steps lesson={lesson} sizes={sizes} />
        <Checks lesson={lesson} sizes={sizes} teacher={teacher} />
        {!teacher && <Hints lesson={lesson} sizes={sizes} />}
        {!teacher && <Tools lesson={lesson} sizes={sizes} />}
      </div>
    </section>
  );
}

/** What the panel's parts share: the lesson, the attempt on screen, the type sizes, and whose view it is. */
type PanelProps = { lesson: Lesson; attempt: Attempt; sizes: Sizes; teacher: boolean };

function LessonHeader({ lesson, attempt, sizes, teacher }: PanelProps) {
  const leave = useLessons((s) => s.leave);
  const showList = useLessons((s) => s.showList);
  const [presenting, setPresenting] = useState(false);
  return (
    <header className="shrink-0 space-y-1.5 border-b border-slate-200 px-5 pt-3 pb-3">
      <div className={`flex flex-wrap items-center justify-between gap-x-3 gap-y-1 ${sizes.small} text-slate-600`}>
        <span className="font-semibold tracking-wide whitespace-nowrap uppercase" data-testid="lesson-number">
          Lesson {lesson.number} · {lesson.minutes} min
        </span>
        <span className="-mr-2 flex gap-1 whitespace-nowrap [overflow-wrap:normal]">
          {teacher && (
            <Button
              variant="quiet"
              className="h-7 px-2 text-xs"
              onClick={() => setPresenting(true)}
              aria-haspopup="dialog"
              data-testid="lesson-present"
            >
              Present
            </Button>
          )}
          <Button variant="quiet" className="h-7 px-2 text-xs" onClick={() => showList(true)}>
            All lessons
          </Button>
          <Button variant="quiet" className="h-7 px-2 text-xs" onClick={() => void leave()} data-testid="lesson-leave">
            Leave lesson
          </Button>
        </span>
      </div>
      <h2 className={`${sizes.title} leading-tight font-semibold text-slate-950`} data-testid="lesson-title">
        <CitedText text={lesson.title} cite={false} />
      </h2>
      <p className={`${sizes.body} leading-snug text-slate-700`} data-testid="lesson-goal">
        <CitedText text={lesson.goal} />
      </p>
      <div className="flex flex-wrap items-center gap-2 pt-1">
        <GradeLine sizes={sizes} />
        <Attempts lesson={lesson} attempt={attempt} sizes={sizes} teacher={teacher} />
      </div>
      {presenting && <Presentation lesson={lesson} attempt={attempt} onClose={() => setPresenting(false)} />}
    </header>
  );
}

/**
 * The lesson for a room, over the whole window: its title and goal, the steps and the checks side by side, live as
 * the simulation behind it runs. Escape or Close goes back to the drawings.
 */
function Presentation({ lesson, attempt, onClose }: { lesson: Lesson; attempt: Attempt; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const sizes = SIZES.projector;
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      // The page's shortcuts stay with the page while the lesson is presented.
      onKeyDown={(event) => event.stopPropagation()}
      className="fixed inset-0 m-0 h-dvh max-h-none w-dvw max-w-none bg-white p-0 text-slate-950 [overflow-wrap:anywhere]"
      data-testid="lesson-presentation"
    >
      <div className="flex h-full flex-col gap-6 overflow-y-auto px-12 py-8">
        <header className="space-y-3">
          <div className={`flex items-center justify-between gap-4 ${sizes.small} text-slate-600`}>
            <span className="font-semibold tracking-wide uppercase">
              Lesson {lesson.number} · {lesson.minutes} min
            </span>
            <span className="flex flex-wrap items-center gap-2">
              <Attempts lesson={lesson} attempt={attempt} sizes={sizes} teacher />
              <Button variant="quiet" className={sizes.button} onClick={() => dialog.current?.close()}>
                Close
              </Button>
            </span>
          </div>
          <h2 id={titleId} className={`${sizes.title} leading-tight font-semibold`}>
            <CitedText text={lesson.title} cite={false} />
          </h2>
          <p className={`${sizes.body} leading-snug text-slate-800`}>
            <CitedText text={lesson.goal} cite={false} />
          </p>
          <GradeLine sizes={sizes} />
        </header>
        <AttemptNote lesson={lesson} attempt={attempt} sizes={sizes} />
        <div className={`grid gap-12 lg:grid-cols-2 ${sizes.body}`}>
          <Steps lesson={lesson} sizes={sizes} />
          <Checks lesson={lesson} sizes={sizes} teacher />
        </div>
      </div>
    </dialog>
  );
}

/** The checks in one line, always in view: whatever the student scrolls to, they see the run being judged. */
function GradeLine({ sizes }: { sizes: Sizes }) {
  const graded = useGrade();
  const tone = !graded
    ? 'bg-slate-100 text-slate-600'
    : graded.ok
      ? 'bg-emerald-700 text-white'
      : 'bg-slate-800 text-white';
  return (
    <p
      className={`inline-block rounded-full px-3 py-0.5 ${sizes.small} font-semibold ${tone}`}
      data-testid="lesson-summary"
      aria-live="polite"
    >
      {graded ? summary(graded) : 'Checks not judged yet'}
    </p>
  );
}

/** The latest grade, if it is of the session on screen. */
function useGrade(): LessonGrade | null {
  const sessionId = useSideStore((s) => s.sessionId);
  return useLessons((s) => (s.graded?.sessionId === sessionId ? s.graded.grade : null));
}

/** Which of the lesson's scenarios is running, when it is not the student's own attempt. */
function AttemptNote({ lesson, attempt, sizes }: { lesson: Lesson; attempt: Attempt; sizes: Sizes }) {
  if (attempt.kind === 'start') return null;
  const text =
    attempt.kind === 'solution'
      ? 'Showing the solution: a scenario that passes every check.'
      : attempt.kind === 'wrong'
        ? `Showing a wrong attempt: it ${lesson.wrong[attempt.index]?.why ?? 'fails'}.`
        : `Your own scenario file “${attempt.source}”, graded by this lesson’s checks.`;
  return (
    <p
      className={`rounded-md px-3 py-2 ${sizes.small} ring-1 ring-inset ${attempt.kind === 'own' ? 'bg-slate-50 text-slate-700 ring-slate-200' : 'bg-amber-50 text-amber-950 ring-amber-300'}`}
      data-testid="lesson-attempt"
      data-attempt={attempt.kind}
    >
      {text}
    </p>
  );
}

function Section({ title, sizes, children }: { title: string; sizes: Sizes; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h3 id={id} className={`${sizes.heading} font-semibold tracking-wide text-slate-600 uppercase`}>
        {title}
      </h3>
      {children}
    </section>
  );
}

function Steps({ lesson, sizes }: { lesson: Lesson; sizes: Sizes }) {
  return (
    <Section title="Steps" sizes={sizes}>
      <ol className="list-decimal space-y-1.5 pl-6 leading-snug marker:text-slate-500" data-testid="lesson-steps">
        {lesson.steps.map((step) => (
          <li key={step}>
            <CitedText text={step} />
          </li>
        ))}
      </ol>
    </Section>
  );
}

function Hints({ lesson, sizes }: { lesson: Lesson; sizes: Sizes }) {
  const shown = useLessons((s) => progressOf(s.progress, lesson.id).hints);
  const showHint = useLessons((s) => s.showHint);
  const left = lesson.hints.length - shown;
  return (
    <Section title="Hints" sizes={sizes}>
      {shown > 0 && (
        <ol className="space-y-1.5" data-testid="lesson-hints">
          {lesson.hints.slice(0, shown).map((hint, i) => (
            <li
              key={hint}
              className="rounded-md bg-sky-50 px-3 py-2 leading-snug text-sky-950 ring-1 ring-sky-200 ring-inset"
            >
              <span className="mr-1 font-semibold">Hint {i + 1}.</span>
              <CitedText text={hint} />
            </li>
          ))}
        </ol>
      )}
      {left > 0 ? (
        <Button onClick={showHint} data-testid="lesson-show-hint">
          {shown === 0 ? 'Show a hint' : 'Show another hint'} ({left} left)
        </Button>
      ) : (
        <p className={`${sizes.small} text-slate-500`}>That was the last hint.</p>
      )}
    </Section>
  );
}

function Tools({ lesson, sizes }: { lesson: Lesson; sizes: Sizes }) {
  const off = (Object.keys(TOOL_NAMES) as LessonTool[]).filter((tool) => !lesson.allow.includes(tool));
  return (
    <Section title="You may use" sizes={sizes}>
      <p className="leading-snug" data-testid="lesson-tools">
        {lesson.allow.map((tool) => TOOL_NAMES[tool]).join(', ')}
        {off.length > 0 && (
          <span className="text-slate-600">
            {' '}
            — not {off.map((tool) => TOOL_NAMES[tool]).join(' or ')}: this lesson is about what the others show.
          </span>
        )}
      </p>
    </Section>
  );
}

function Checks({ lesson, sizes, teacher }: { lesson: Lesson; sizes: Sizes; teacher: boolean }) {
  const graded = useGrade();
  const problem = useLessons((s) => s.gradeProblem);
  const gradeNow = useLessons((s) => s.gradeNow);
  const verdicts = new Map(graded?.verdicts.map((verdict) => [verdict.id, verdict]));
  return (
    <Section title="Checks" sizes={sizes}>
      {!teacher && (
        <p className={`flex items-center justify-between gap-3 ${sizes.small} text-slate-600`}>
          Judged by the simulation as your run settles.
          <Button variant="quiet" className="h-7 px-2 text-xs" onClick={gradeNow} data-testid="lesson-check-now">
            Check now
          </Button>
        </p>
      )}
      <RunSoFar sizes={sizes} />
      {graded?.ok && (
        <p
          className="rounded-md bg-emerald-50 px-3 py-2 font-medium text-emerald-950 ring-1 ring-emerald-300 ring-inset"
          data-testid="lesson-complete"
        >
          Every check passes.
        </p>
      )}
      {problem && (
        <p className={`${sizes.small} text-rose-800`} role="alert">
          The checks could not be judged: {problem}
        </p>
      )}
      {graded && graded.runProblems.length > 0 && (
        <ul className={`space-y-1 ${sizes.small} text-amber-900`} data-testid="lesson-run-problems">
          {graded.runProblems.map((text) => (
            <li key={text}>The run could not be judged fully: {text}</li>
          ))}
        </ul>
      )}
      <ul className="space-y-3" data-testid="lesson-checks">
        {lesson.checks.map((check) => (
          <CheckRow key={check.id} id={check.id} title={check.title} verdict={verdicts.get(check.id)} sizes={sizes} />
        ))}
      </ul>
      {graded?.score && <Score score={graded.score} sizes={sizes} />}
    </Section>
  );
}

/** Before the scenario has run its steps, a check can hold or fail only for now: said, so no one reads ✓ at t = 0
 * as done. */
function RunSoFar({ sizes }: { sizes: Sizes }) {
  const left = useSideStore((s) =>
    s.stats && s.stats.detachedSteps === 0 ? s.stats.stepCount - s.stats.nextStepIndex : 0,
  );
  const count = useSideStore((s) => s.stats?.stepCount ?? 0);
  if (left === 0) return null;
  return (
    <p className={`${sizes.small} text-amber-900`} data-testid="lesson-run-so-far">
      The checks judge the run so far: {formatCount(count - left)} of {plural(count, 'scenario step')} have run.
    </p>
  );
}

const summary = (grade: LessonGrade): string =>
  grade.passed === grade.total
    ? `All ${plural(grade.total, 'check')} pass`
    : `${formatCount(grade.passed)} of ${plural(grade.total, 'check')} pass`;

function CheckRow({
  id,
  title,
  verdict,
  sizes,
}: {
  id: string;
  title: string;
  verdict: CheckVerdict | undefined;
  sizes: Sizes;
}) {
  const state = verdict === undefined ? 'pending' : verdict.ok ? 'pass' : 'fail';
  const mark = { pending: '…', pass: '✓', fail: '✗' }[state];
  const markTone = {
    pending: 'bg-slate-100 text-slate-500',
    pass: 'bg-emerald-700 text-white',
    fail: 'bg-rose-700 text-white',
  }[state];
  return (
    <li className="flex gap-3" data-testid="lesson-check" data-check={id} data-state={state}>
      <span
        aria-hidden
        className={`mt-0.5 inline-flex shrink-0 items-center justify-center rounded-full font-bold ${sizes.mark} ${markTone}`}
      >
        {mark}
      </span>
      <div className="min-w-0 flex-1 space-y-1">
        <p className="leading-snug font-semibold">
          <span className="sr-only">{{ pending: 'Not judged yet: ', pass: 'Passes: ', fail: 'Fails: ' }[state]}</span>
          <CitedText text={title} />
        </p>
        {verdict && (
          <>
            <p className={`leading-snug ${sizes.quiet}`} data-testid="lesson-explanation">
              <CitedText text={verdict.explanation} />
            </p>
            <details className={sizes.small}>
              <summary className="cursor-pointer text-sky-700">
                Details{verdict.rule && ` and rule ${verdict.rule}`}
              </summary>
              <div className="mt-1.5 space-y-2">
                <ul className="list-disc space-y-0.5 pl-5 font-mono text-slate-700 [overflow-wrap:anywhere]">
                  {verdict.details.map((detail) => (
                    <li key={detail}>{detail}</li>
                  ))}
                </ul>
                {verdict.rule && <RuleExplanation rule={verdict.rule} />}
              </div>
            </details>
          </>
        )}
      </div>
    </li>
  );
}

function Score({ score, sizes }: { score: NonNullable<LessonGrade['score']>; sizes: Sizes }) {
  return (
    <p className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200 ring-inset" data-testid="lesson-score">
      <span className={`${sizes.small} font-semibold tracking-wide text-slate-600 uppercase`}>Score </span>
      <span className="font-mono text-lg font-semibold tabular-nums">{formatCount(score.value)}</span> {score.label}{' '}
      <span className="text-slate-500">({score.better} is better)</span>
    </p>
  );
}

/** Start again, and in the teacher's view the solution and each wrong attempt. */
function Attempts({ lesson, attempt, sizes, teacher }: PanelProps) {
  const tryAttempt = useLessons((s) => s.tryAttempt);
  const loading = useSideStore((s) => s.loadingSource !== null);
  const size = sizes.button || 'h-7 px-2.5 text-xs';
  return (
    <span className="flex flex-wrap gap-2">
      {teacher && (
        <Button
          variant="primary"
          className={size}
          disabled={loading}
          onClick={() => void tryAttempt({ kind: 'solution' })}
          data-testid="lesson-load-solution"
          aria-pressed={attempt.kind === 'solution'}
        >
          Load solution
        </Button>
      )}
      {teacher &&
        lesson.wrong.map((wrong, index) => (
          <Button
            key={wrong.scenario}
            className={size}
            disabled={loading}
            onClick={() => void tryAttempt({ kind: 'wrong', index })}
            title={`A wrong attempt: it ${wrong.why}`}
            data-testid="lesson-load-wrong"
            aria-pressed={attempt.kind === 'wrong' && attempt.index === index}
          >
            {lesson.wrong.length > 1 ? `Wrong attempt ${index + 1}` : 'Wrong attempt'}
          </Button>
        ))}
      <Button
        className={size}
        disabled={loading}
        onClick={() => void tryAttempt({ kind: 'start' })}
        data-testid="lesson-start-again"
      >
        {attempt.kind === 'start' ? 'Start again' : 'Starting scenario'}
      </Button>
    </span>
  );
}
