/**
 * The user's commands, sent to every side on screen: play, pause, step, step back, seek, speed and every user action
 * (OID requests, traffic, NBL returns). Each side's store records the intent and sends it to its own simulation, so
 * in compare mode both sides do the same thing at the same virtual time, and a view that drives the simulation need
 * not know how many sides there are. Decisions that depend on state (play or pause?) follow the first side.
 */
import type { ISimClient } from '../../client/SimClient.ts';
import type { StepKind } from '../../protocol/commands.ts';
import type { Side } from '../side/createSide.ts';
import { messageOf } from '../store/simStore.ts';
import type { SimState } from '../store/simStore.ts';

export interface Drive {
  togglePlay(): void;
  step(kind: StepKind): void;
  stepBack(): void;
  rewind(): void;
  seek(tNs: number): void;
  setSpeed(speed: number): void;
  setTraceFrames(on: boolean): void;
  /** Sends a user action to every side and returns the reply of side `from` (undefined when it has no scenario).
   * Another side's reply that fails shows as that side's failure. */
  act<T>(send: (client: ISimClient) => T, from: string): T | undefined;
}

const isPromise = (value: unknown): value is Promise<unknown> => value instanceof Promise;

/** @param sides the sides on screen now, first one first */
export function createDrive(sides: () => readonly Side[]): Drive {
  const each = (command: (sim: SimState) => void) => {
    for (const side of sides()) command(side.store.getState());
  };
  return {
    togglePlay: () => {
      const play = !sides()[0]?.store.getState().playing;
      each((sim) => (play ? sim.play() : sim.pause()));
    },
    step: (kind) => each((sim) => sim.step(kind)),
    stepBack: () => each((sim) => sim.stepBack()),
    rewind: () => each((sim) => sim.rewind()),
    seek: (tNs) => each((sim) => sim.seek(tNs)),
    setSpeed: (speed) => each((sim) => sim.setSpeed(speed)),
    setTraceFrames: (on) => each((sim) => sim.setTraceFrames(on)),
    act: (send, from) => {
      let answer: ReturnType<typeof send> | undefined;
      for (const side of sides()) {
        const reply = side.store.getState().act(send);
        if (side.id === from) answer = reply;
        else if (isPromise(reply))
          reply.catch((error: unknown) => side.store.getState().reportFailure(messageOf(error)));
      }
      return answer;
    },
  };
}
