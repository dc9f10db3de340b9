/**
 * Opening and closing what-if forks. A fork is a side of its own beside the original, built by the page's one side
 * factory: showing it runs the scenario again from the start on every side in lockstep, the original's actions are
 * replayed on every side up to the fork's position, the fork's one action goes to its side alone there, the rest
 * of the original's actions follow on every side, and the page goes back to where the original stood. From then on
 * every command (play, step, OID requests) goes to every side, so the futures differ only by the fork's change.
 */
import type { SimPosition, UserAction } from '../../client/SessionJournal.ts';
import type { Page } from '../page/createPage.ts';
import type { Side, SideDescriptor } from '../side/createSide.ts';
import type { SimState } from '../store/simStore.ts';
import { here, replayJournal, type ReplayTarget } from '../side/recovery.ts';
import { describeAction, type ForkPoint } from './forkChange.ts';

/** The most sides the page shows at once for a viewport this wide: each side's drawing needs about 600 px. */
export const maxSides = (viewportWidth: number): number => Math.max(2, Math.min(4, Math.floor(viewportWidth / 600)));

const order = (a: SimPosition, b: SimPosition): number =>
  a.tNs - b.tNs || a.stepIndex - b.stepIndex || a.eventCount - b.eventCount;

export const forkLabel = (index: number, fork: ForkPoint): string => `fork ${index}: ${describeAction(fork.action)}`;

const forkSide = (index: number, fork: ForkPoint): SideDescriptor => ({
  id: `fork${index}`,
  label: forkLabel(index, fork),
  profile: null,
  fork,
});

/** The original side's descriptor, and the forks now shown. */
export const forksOf = (sides: readonly SideDescriptor[]): ForkPoint[] =>
  sides.flatMap((side) => (side.fork ? [side.fork] : []));

/** Shows the original with exactly `forks` beside it, each applied at its position, and returns to where the
 * original stood (or `target`). Returns whether every side got exactly there. */
export async function showForks(
  page: Page,
  forks: readonly ForkPoint[],
  target?: SimPosition | null,
): Promise<boolean> {
  const first = page.sides()[0];
  const [original] = page.store.getState().sides;
  if (!first || !original) return false;
  const actions = first.journal.replayable();
  const at = target === undefined ? (first.journal.lastGood ?? here(first.store)) : target;
  const descriptors = forks.map((fork, i) => forkSide(i + 1, fork));
  await page.showSides([{ ...original, profile: null }, ...descriptors]);
  // The replay below drives every side; the transport waits for it (a Play in its middle would be undone by it).
  page.store.setState({ switching: true });
  try {
    return await replayForks(page, first, actions, descriptors, at);
  } finally {
    page.store.setState({ switching: false });
  }
}

async function replayForks(
  page: Page,
  first: Side,
  actions: readonly { action: UserAction; at: SimPosition }[],
  descriptors: readonly SideDescriptor[],
  at: SimPosition | null,
): Promise<boolean> {
  // Every frame's queue is in its frame-* events, which the engine traces only when asked to.
  if (descriptors.length > 0) page.drive.setTraceFrames(true);
  const every = (act: SimState['act']): ReplayTarget => ({
    store: first.store,
    settled: async () => void (await Promise.all(page.sides().map((side) => side.settled()))),
    commands: { seek: page.drive.seek, step: page.drive.step, act },
  });
  const toEvery = every((send) => page.drive.act(send, first.id));
  const steps: { action: UserAction; at: SimPosition; only?: string }[] = [
    ...actions,
    ...descriptors.map((side) => ({ ...(side.fork as ForkPoint), only: side.id })),
  ].sort((a, b) => order(a.at, b.at));
  for (const { action, at: where, only } of steps) {
    const side = only === undefined ? null : page.side(only);
    const target = side ? every((send) => side.store.getState().act(send)) : toEvery;
    await replayJournal(target, [{ action, at: where }], null);
    // The fork changes one thing on top of the scenario; the scenario's own steps go on as on the original.
    if (side) {
      side.store.getState().act((sim) => sim.keepScenarioSteps());
      await side.settled();
    }
  }
  return replayJournal(toEvery, [], at);
}

/** Adds a fork at the original's current position that sends `action` there. */
export async function addFork(page: Page, action: UserAction): Promise<boolean> {
  const first = page.sides()[0];
  if (!first) return false;
  const at = here(first.store);
  return showForks(page, [...forksOf(page.store.getState().sides), { action, at }], at);
}

/** Closes fork `id`, or every fork when none is named. */
export async function closeFork(page: Page, id?: string): Promise<boolean> {
  const kept = page.store.getState().sides.filter((side) => side.fork && id !== undefined && side.id !== id);
  return showForks(page, forksOf(kept));
}
