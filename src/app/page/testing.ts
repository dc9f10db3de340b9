/**
 * Test helpers for the page without a browser: storage in a Map, and a page on in-process clients whose animation
 * frames the test runs itself (`frame()`), so a pull, a batch and a render happen exactly when the test says.
 */
import { expect } from 'vitest';
import { InProcessSimClient } from '../../client/InProcessSimClient.ts';
import type { Side } from '../side/createSide.ts';
import { createPage, type PageDeps } from './createPage.ts';

/** localStorage in a Map; `stored` is there for the test to read or corrupt. */
export function memoryStorage(entries: [string, string][] = []) {
  const stored = new Map<string, string>(entries);
  return {
    stored,
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  };
}

/** A page over in-process clients, a Map for the theme's storage and a bare dataset for <html>, unless `deps` says. */
export function testPage(deps: Partial<Omit<PageDeps, 'schedule'>> = {}) {
  let frames: ((nowMs: number) => void)[] = [];
  let nowMs = 0;
  const page = createPage({
    createClient: () => new InProcessSimClient(),
    theme: { storage: memoryStorage(), root: { dataset: {} } as unknown as HTMLElement, prefersDark: false },
    ...deps,
    schedule: (callback) => void frames.push(callback),
  });
  /** Runs the frames the pump asked for, then lets the pull go through each host and back (a few task turns). */
  const frame = async () => {
    const run = frames;
    frames = [];
    nowMs += 16;
    for (const callback of run) callback(nowMs);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const side = (i = 0) => page.sides()[i] as Side;
  /** Runs frames until `done()`, as the page would; a bounded number, so a hang fails instead of stalling. */
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 2000 && !done(); i++) await frame();
    expect(done()).toBe(true);
  };
  return { page, frame, side, until };
}

/** Starts the page, running its animation frames until start-up is over (a restore replays through frames). */
export async function started(test: ReturnType<typeof testPage>, search: string): Promise<void> {
  let done = false;
  const starting = test.page.start(search).finally(() => {
    done = true;
  });
  for (let i = 0; i < 500 && !done; i++) await test.frame();
  await starting;
}
