/** What `npm run soak` prints about a run: the figures, and for a failure the exact command that replays it. */
import type { SoakReport } from './soak.ts';

export interface RunFacts {
  seed: number;
  /** The options besides --seed and --steps that the run was given, as they must be repeated to replay it. */
  replayFlags: string;
  seconds: number;
}

export function reportLines(report: SoakReport, run: RunFacts): string[] {
  const figures =
    `${report.steps} steps in ${report.lives} lives: ${report.events} events, ${report.checks} invariant checks, ` +
    `${report.hostileSteps} hostile steps, ${report.restores} restores, ${run.seconds.toFixed(1)} s`;
  if (report.failure === null) return [`soak: PASS ${figures}`];
  const { step, action, problem } = report.failure;
  return [
    `soak: FAIL at step ${step}: ${problem}`,
    `  the step: ${JSON.stringify(action)}`,
    `  after: ${figures}`,
    `  replay: npm run soak -- --seed ${run.seed} --steps ${step + 1}${run.replayFlags}`,
  ];
}
