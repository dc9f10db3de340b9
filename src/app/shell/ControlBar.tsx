/** Playback: play/pause, stepping both ways, rewind, speed, and where virtual time stands. It drives every side;
 * what it shows is the first side's. */
import { useDrive, usePageStore } from '../page/PageProvider.tsx';
import { useSideStore } from '../side/SideProvider.tsx';
import { usePlayback } from '../side/usePlayback.ts';
import { isUsersOwn, SPEEDS } from '../store/simStore.ts';
import { formatCount, formatSpeed, formatUs } from '../ui/format.ts';
import { Button } from '../ui/primitives.tsx';

export function ControlBar() {
  const { togglePlay, step, stepBack, rewind, setSpeed, setTraceFrames } = useDrive();
  const playback = usePlayback();
  const { playing, finished, canStepBack, stepIndex, stepCount } = playback;
  // While sides are set up (compare mode, a fork), their replay drives them: a command now would land in its middle.
  const switching = usePageStore((s) => s.switching);
  const loaded = playback.loaded && !switching;
  const speed = useSideStore((s) => s.speed);
  const simTimeNs = useSideStore((s) => s.simTimeNs);
  const eventCount = useSideStore((s) => s.stats?.eventCount ?? 0);
  const heldEvents = useSideStore((s) => s.stats?.heldEvents ?? 0);
  const detachedSteps = useSideStore((s) => s.stats?.detachedSteps ?? 0);
  const traceFrames = useSideStore((s) => s.stats?.traceFrames ?? true);

  const moves = [
    {
      label: 'Step event',
      title: 'One trace event, inside an instant too: a FREE_QUEUE shows Stop DMA, DmaStopped, Freeing and freed',
      testId: 'step-event',
      run: () => step('event'),
      allowed: !finished,
    },
    {
      label: 'Step instant',
      title: 'Run to the next instant anything happens, all of its events at once',
      testId: 'step-instant',
      run: () => step('instant'),
      allowed: !finished,
    },
    {
      label: 'Step scenario',
      title: 'Run through the next scenario step',
      testId: 'step-scenario',
      run: () => step('scenario-step'),
      allowed: !finished,
    },
    { label: 'Step back', title: 'Undo the last step', testId: 'step-back', run: stepBack, allowed: canStepBack },
    { label: 'Rewind', title: 'Back to t = 0', testId: 'rewind', run: rewind, allowed: canStepBack, quiet: true },
  ];
  const usersOwn = useSideStore((s) => isUsersOwn(s.stats));
  const idle = finished && usersOwn;
  const status = !loaded ? 'no scenario' : idle ? 'idle' : finished ? 'finished' : playing ? 'playing' : 'paused';
  return (
    <div
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-sm"
      data-testid="control-bar"
    >
      <div className="flex items-center gap-1">
        <Button
          variant="primary"
          className="w-20 justify-center"
          onClick={togglePlay}
          disabled={!loaded || idle}
          title={idle ? 'Nothing is scheduled: the adapter waits for your next request or flow' : undefined}
          data-testid="play-pause"
        >
          {playing ? 'Pause' : finished && !idle ? 'Replay' : 'Play'}
        </Button>
        {moves.map(({ label, title, testId, run, allowed, quiet }) => (
          <Button
            key={testId}
            variant={quiet ? 'quiet' : 'secondary'}
            className="px-2.5"
            onClick={run}
            disabled={!loaded || !allowed}
            title={title}
            data-testid={testId}
          >
            {label}
          </Button>
        ))}
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-500">
        Speed
        <select
          className="h-8 rounded-md border-0 bg-white px-2 text-sm text-slate-800 ring-1 ring-inset ring-slate-300"
          value={speed}
          onChange={(e) => setSpeed(Number(e.target.value))}
          data-testid="speed"
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {formatSpeed(s)}
            </option>
          ))}
        </select>
      </label>
      <label
        className="flex items-center gap-2 text-sm text-slate-500"
        title="Trace every frame's arrival, classification and DMA; counters stay exact either way"
      >
        <input
          type="checkbox"
          className="size-4 rounded border-slate-300 accent-sky-700"
          checked={traceFrames}
          onChange={(e) => setTraceFrames(e.target.checked)}
          disabled={!loaded}
          data-testid="trace-frames"
        />
        per-frame events
      </label>
      <dl className="ml-auto flex items-baseline gap-4 text-sm">
        <div className="flex items-baseline gap-1.5">
          <dt className="text-slate-500">t</dt>
          <dd className="font-mono tabular-nums text-slate-900" data-testid="sim-time">
            {formatUs(simTimeNs)} µs
          </dd>
        </div>
        <div className="flex items-baseline gap-1.5">
          <dt className="text-slate-500">step</dt>
          <dd className="font-mono tabular-nums text-slate-900" data-testid="step-counter">
            {stepIndex} / {stepCount}
          </dd>
          {detachedSteps > 0 && (
            <dd
              className="text-xs text-sky-800"
              data-testid="step-detached"
              title={`Your action detached the scenario: ${detachedSteps} of its steps will not run`}
            >
              · detached
            </dd>
          )}
        </div>
        <div className="flex items-baseline gap-1.5">
          <dt className="text-slate-500">events</dt>
          <dd className="font-mono tabular-nums text-slate-900">
            <span data-testid="event-count">{formatCount(eventCount - heldEvents)}</span>
            {heldEvents > 0 && (
              <span
                className="ml-1.5 rounded bg-amber-100 px-1.5 py-0.5 font-sans text-xs text-amber-900"
                title="The engine ran this instant whole; its events are shown one at a time so each state can be seen"
                data-testid="held-events"
              >
                +{formatCount(heldEvents)} at this instant
              </span>
            )}
          </dd>
        </div>
      </dl>
      <p className="w-16 text-right text-sm text-slate-600" data-testid="playback-status">
        {status}
      </p>
    </div>
  );
}
