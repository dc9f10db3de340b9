/**
 * The side's playback as every transport shows it (the control bar, the present mode's caption, the embedded
 * player): whether a scenario runs, plays or has finished, whether step back can go further, and the scenario step
 * it stands at of how many.
 */
import { useSideStore } from './SideProvider.tsx';

export function usePlayback() {
  return {
    loaded: useSideStore((s) => s.sessionId !== null),
    playing: useSideStore((s) => s.playing),
    finished: useSideStore((s) => s.finished),
    canStepBack: useSideStore((s) => s.stats?.canStepBack ?? false),
    stepIndex: useSideStore((s) => s.stats?.nextStepIndex ?? 0),
    stepCount: useSideStore((s) => s.stats?.stepCount ?? s.scenario?.stepCount ?? 0),
  };
}
