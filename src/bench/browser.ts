/**
 * The bench's browser half: the production build, served with its real headers, in headless Chromium.
 *
 *   P3 playground/bare-canvas fps — the playground's frame rate while heavy traffic keeps about 2,000 frames in
 *      flight on the diagram, over the rate of a bare canvas page drawing as many moving dots the way the diagram
 *      does (a pre-drawn dot per colour, stamped) at the same size. The diagram draws its dots in a worker
 *      (diagram/flightLayer.ts), so the playground's rate is the lower of the page's animation frames and the
 *      frames the dot layer drew (its data-dot-frames) in the same window.
 *   P6 pause latency loaded/idle — a pointer click on Pause to the frame that shows "Play", while the worker
 *      emulates at full speed (100×) under that traffic, over the same click while playing with almost no traffic.
 *
 * Rounds alternate the sides (playground, bare page, idle clicks) and each ratio uses the medians, so a hiccup on
 * the machine cannot decide it. Where in a display frame a click lands moves its latency by up to a frame, more
 * than the load does, and a handful of random clicks can land anywhere: so each side's clicks are spread evenly
 * over a frame instead. Each is sent a chosen delay after an animation frame (the page says when), the delays
 * stepping through a whole frame, so both sides sample every phase of a frame alike, as a user's clicks would.
 * Each round clicks CLICKS_PER_ROUND times on each side. The scenario is opened through "Open file…" as a user would; nothing in the
 * build exists for the bench.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { build, preview } from 'vite';
import playwrightConfig from '../../playwright.config.ts';
import { heavyTrafficScenario } from './heavyTraffic.ts';
import { median } from './median.ts';

/** Offered frames per wall second at 100× (the load). Each stays on screen about 2.75 s: at 60 Hz the diagram
 * samples 1 in 2 and about 2,750 dots fly; a slower page gets fewer frames a second and draws them all. */
const OFFERED_FRAMES_PER_SECOND = 2000;
const ROUNDS = 5;
const CLICKS_PER_ROUND = 4;
const CLICKS = ROUNDS * CLICKS_PER_ROUND;
const FRAME_MS = 1000 / 60;
/** Click `i`'s delay after an animation frame: the clicks step through one frame, in an order that spreads each
 * round over it. */
const clickPhaseMs = (i: number): number => ((((i * 7) % CLICKS) + 0.5) * FRAME_MS) / CLICKS;
const FPS_WINDOW_MS = 2500;
/** How long the diagram may take to fill up (or drain) before a round is measured anyway. */
const SETTLE_MS = 8000;
const VIEWPORT = { width: 1440, height: 900 };

interface BrowserFigures {
  /** playground fps / bare canvas fps */
  p3: number;
  /** loaded / idle click-to-paused latency */
  p6: number;
  /** What the playground drew while it was measured, for the closing note. */
  dots: number;
  fps: { playground: number; bare: number };
  pauseMs: { loaded: number; idle: number };
}

/** The P3 and P6 lines and a note on what was measured; if the browser cannot run, the lines say so and the bench
 * fails at exit. */
export async function browserFigures(): Promise<{ p3: string; p6: string; note: string }> {
  try {
    const f = await browserBench();
    return {
      p3: `P3 playground/bare-canvas fps: ${f.p3.toFixed(2)} (goal >= 0.8)`,
      p6: `P6 pause latency loaded/idle: ${f.p6.toFixed(2)} (goal <= 1.5)`,
      note: `(P3, P6: medians of ${ROUNDS} alternating rounds, ${CLICKS_PER_ROUND} clicks a side each: ${Math.round(f.dots)} dots in flight; ${f.fps.playground.toFixed(1)} vs ${f.fps.bare.toFixed(1)} frames/s; pause ${f.pauseMs.loaded.toFixed(1)} vs ${f.pauseMs.idle.toFixed(1)} ms on this run)`,
    };
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.exitCode = 1;
    return {
      p3: `P3 playground/bare-canvas fps: not measured (${why})`,
      p6: `P6 pause latency loaded/idle: not measured (${why})`,
      note: '(P3, P6: Chromium did not run)',
    };
  }
}

async function browserBench(): Promise<BrowserFigures> {
  const outDir = mkdtempSync(join(tmpdir(), 'vmq-bench-'));
  try {
    await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 4390 } });
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview did not say where it listens');
    const browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: playwrightConfig.use?.launchOptions?.args ?? [],
    });
    try {
      return await measure(browser, url);
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function measure(browser: Browser, url: string): Promise<BrowserFigures> {
  const playground = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  await playground.goto(url);
  await playground.getByTestId('scenario-title').waitFor();
  await playground.getByTestId('scenario-file').setInputFiles({
    name: 'heavy-traffic.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(heavyTrafficScenario(OFFERED_FRAMES_PER_SECOND, 600))),
  });
  await playground.getByTestId('scenario-title').filter({ hasText: 'Heavy traffic' }).waitFor();
  const canvas = await playground.locator('[data-testid=adapter-diagram] canvas').evaluate((c: HTMLCanvasElement) => ({
    width: c.width,
    height: c.height,
  }));
  const bare = await (await browser.newContext({ viewport: VIEWPORT })).newPage();

  const fps = { playground: [] as number[], bare: [] as number[] };
  const pauseMs = { loaded: [] as number[], idle: [] as number[] };
  const dots: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Loaded: full speed until the diagram is full, then the frame rate, then Pause.
    await playground.getByTestId('speed').selectOption('100');
    await playground.getByTestId('play-pause').click();
    await waitForDots(playground, (n) => n >= 1800);
    const loaded = await frameRate(playground, () => drawnDots(playground));
    fps.playground.push(loaded.fps);
    dots.push(loaded.dots);
    for (let click = 0; click < CLICKS_PER_ROUND; click++) {
      if (click > 0) {
        await playground.getByTestId('play-pause').click();
        await waitForDots(playground, (n) => n >= 1800);
      }
      pauseMs.loaded.push(await clickToPaused(playground, clickPhaseMs(pauseMs.loaded.length)));
    }
    await waitForDots(playground, (n) => n === 0);

    // The bare page, while the playground is paused and still.
    fps.bare.push((await bareCanvas(bare, canvas, Math.round(loaded.dots))).fps);

    // Idle: playing at the slowest speed, about one frame every few seconds.
    await playground.getByTestId('speed').selectOption('0.1');
    for (let click = 0; click < CLICKS_PER_ROUND; click++) {
      await playground.getByTestId('play-pause').click();
      await playground.waitForTimeout(500);
      pauseMs.idle.push(await clickToPaused(playground, clickPhaseMs(pauseMs.idle.length)));
    }
  }
  const figures = {
    fps: { playground: median(fps.playground), bare: median(fps.bare) },
    pauseMs: { loaded: median(pauseMs.loaded), idle: median(pauseMs.idle) },
  };
  return {
    p3: figures.fps.playground / figures.fps.bare,
    p6: figures.pauseMs.loaded / figures.pauseMs.idle,
    dots: median(dots),
    ...figures,
  };
}

const drawnDots = (page: Page): Promise<number> =>
  page.getByTestId('adapter-diagram').evaluate((el) => Number(el.getAttribute('data-drawn-dots') ?? 0));

async function waitForDots(page: Page, enough: (dots: number) => boolean): Promise<void> {
  const until = Date.now() + SETTLE_MS;
  while (!enough(await drawnDots(page)) && Date.now() < until) await page.waitForTimeout(100);
}

/**
 * Frames per second over FPS_WINDOW_MS, counted in the page, and the mean of `sample` over it: the page's animation
 * frames, or fewer if the diagram's dot layer (drawing in its worker, counting in data-dot-frames) drew fewer.
 */
async function frameRate(page: Page, sample: () => Promise<number>): Promise<{ fps: number; dots: number }> {
  const counting = page.evaluate(
    (windowMs) =>
      new Promise<number>((resolve) => {
        const dotLayer = document.querySelector('[data-dot-frames]');
        const dotFrames = () => Number(dotLayer?.getAttribute('data-dot-frames') ?? 0);
        let frames = 0;
        let start: { ms: number; dotFrames: number } | null = null;
        const tick = (nowMs: number) => {
          if (start === null) start = { ms: nowMs, dotFrames: dotFrames() };
          else frames++;
          if (nowMs - start.ms < windowMs) return void requestAnimationFrame(tick);
          const drawn = dotLayer ? Math.min(frames, dotFrames() - start.dotFrames) : frames;
          resolve((drawn * 1000) / (nowMs - start.ms));
        };
        requestAnimationFrame(tick);
      }),
    FPS_WINDOW_MS,
  );
  const samples: number[] = [];
  let done = false;
  void counting.finally(() => {
    done = true;
  });
  while (!done) {
    samples.push(await sample());
    await page.waitForTimeout(250);
  }
  return { fps: await counting, dots: samples.reduce((a, b) => a + b, 0) / samples.length };
}

/**
 * Clicks Pause with the pointer and returns the ms from the pointer going down (the event's own time stamp, so
 * time spent queued behind a busy main thread counts) to the animation frame that shows "Play".
 */
async function clickToPaused(page: Page, phaseMs: number): Promise<number> {
  const button = page.getByTestId('play-pause');
  await button.filter({ hasText: 'Pause' }).waitFor();
  await button.evaluate((el) => {
    const host = window as unknown as { benchPause?: Promise<number> };
    host.benchPause = new Promise((resolve) => {
      let downMs = 0;
      addEventListener('pointerdown', (e) => (downMs = e.timeStamp), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (el.textContent !== 'Play') return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - downMs));
      });
      observer.observe(el, { childList: true, characterData: true, subtree: true });
    });
  });
  const box = await button.boundingBox();
  if (!box) throw new Error('the Pause button is not on screen');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  // Timed here, not in the page: a busy page would run its own timer late.
  await new Promise((resolve) => setTimeout(resolve, phaseMs));
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return page.evaluate(() => (window as unknown as { benchPause: Promise<number> }).benchPause);
}

/**
 * A page with only a canvas of the diagram's size, `dots` dots moving on it, drawn the way the diagram draws them:
 * each colour's dot pre-drawn once (filled, outlined) and stamped with drawImage on whole pixels. With the same
 * technique on both sides the ratio measures what the playground costs beyond drawing its dots.
 */
async function bareCanvas(page: Page, size: { width: number; height: number }, dots: number) {
  await page.setContent(
    `<canvas width="${size.width}" height="${size.height}" style="width:${size.width}px;height:${size.height}px"></canvas>`,
  );
  await page.evaluate((n) => {
    const canvas = document.querySelector('canvas') as HTMLCanvasElement;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    const sprites = ['#0369a1', '#b45309', '#15803d', '#64748b'].map((colour) => {
      const sprite = document.createElement('canvas');
      sprite.width = sprite.height = 14;
      const dot = sprite.getContext('2d') as CanvasRenderingContext2D;
      dot.arc(7, 7, 5, 0, Math.PI * 2);
      dot.fillStyle = colour;
      dot.fill();
      dot.lineWidth = 1.5;
      dot.strokeStyle = '#ffffff';
      dot.stroke();
      return sprite;
    });
    const draw = (nowMs: number) => {
      context.clearRect(0, 0, canvas.width, canvas.height);
      sprites.forEach((sprite, c) => {
        for (let i = c; i < n; i += sprites.length) {
          const x = Math.round((i * 37 + nowMs * 0.2) % canvas.width) - 7;
          const y = ((i * 53) % canvas.height) - 7;
          context.drawImage(sprite, x, y);
        }
      });
      requestAnimationFrame(draw);
    };
    requestAnimationFrame(draw);
  }, dots);
  const result = await frameRate(page, async () => dots);
  await page.goto('about:blank');
  return result;
}
