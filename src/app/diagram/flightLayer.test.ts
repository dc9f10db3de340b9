import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameLoop } from '../viz/frameLoop.ts';
import type { FromFlightLayer, ToFlightLayer } from './flightLayerProtocol.ts';
import type { Flight } from './flightPlanner.ts';
import { layoutDiagram } from './layout.ts';

/** The worker the layer starts, as a test double: what it was sent, and a way to answer. */
class FakeWorker {
  static started: FakeWorker[] = [];
  posted: ToFlightLayer[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromFlightLayer>) => void) | null = null;
  constructor() {
    FakeWorker.started.push(this);
  }
  postMessage(message: ToFlightLayer): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  drew(dots: number[], frames: number): void {
    this.onmessage?.({
      data: { type: 'drawn', dots: Float64Array.from(dots), frames },
    } as MessageEvent<FromFlightLayer>);
  }
}

vi.mock('./flightWorker.ts', () => ({ startFlightWorker: () => new FakeWorker() }));

/** A canvas that can be handed over once, as in a browser. */
class FakeCanvas {
  transfers = 0;
  transferControlToOffscreen(): unknown {
    if (this.transfers++ > 0) throw new Error('InvalidStateError: the canvas was already transferred');
    return { offscreen: this };
  }
}

const { createFlightLayer } = await import('./flightLayer.ts');

const layout = layoutDiagram({
  width: 1200,
  queues: [{ queueId: 1, cpu: 1, vmName: 'VM1' }],
  filters: [],
  vmNames: ['VM1'],
  dropReasons: [],
  indicatedQueueIds: [],
  oidCount: 0,
});

const flight = (id: number, startMs: number, durationMs = 1000): Flight => ({
  id,
  kind: 'arrive',
  frameId: id,
  vmIndex: 0,
  stops: [{ anchor: { at: 'wire' } }, { anchor: { at: 'classifier' } }] as Flight['stops'],
  startMs,
  durationMs,
  label: null,
});

function setup() {
  let frames: ((nowMs: number) => void)[] = [];
  const loop = new FrameLoop((callback) => void frames.push(callback));
  const drawn: { dots: number; frames: number }[] = [];
  const layer = createFlightLayer(
    loop,
    () => 7,
    (frame) => drawn.push(frame),
  );
  const runFrame = (nowMs: number) => {
    const run = frames;
    frames = [];
    for (const callback of run) callback(nowMs);
    return run.length > 0;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { layer, runFrame, drawn, settle };
}

const types = (worker: FakeWorker | undefined) => worker?.posted.map((m) => m.type);

describe('the flight layer in a worker', () => {
  beforeEach(() => {
    FakeWorker.started = [];
    vi.stubGlobal('HTMLCanvasElement', FakeCanvas);
    vi.stubGlobal('window', { devicePixelRatio: 2 });
    vi.stubGlobal('document', { documentElement: { dataset: { theme: 'dark' } } });
    vi.stubGlobal('getComputedStyle', () => ({ getPropertyValue: (name: string) => `colour of ${name}` }));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('starts no worker before the first flight, then hands it the canvas, layout, look and every early flight', async () => {
    const { layer, settle } = setup();
    const canvas = new FakeCanvas();
    layer.attach(canvas as unknown as HTMLCanvasElement);
    layer.setLayout(layout);
    layer.redraw();
    await settle();
    expect(FakeWorker.started).toHaveLength(0);

    layer.add([flight(1, 0)]);
    layer.add([flight(2, 10)]);
    await settle();
    const [worker] = FakeWorker.started;
    expect(FakeWorker.started).toHaveLength(1);
    expect(types(worker)).toEqual(['canvas', 'layout', 'look', 'add']);
    expect(worker?.posted[1]).toMatchObject({ type: 'layout', pixelRatio: 2 });
    expect(worker?.posted[2]).toMatchObject({
      type: 'look',
      selectedFrame: 7,
      colours: { 'vm-1': 'colour of --viz-vm-1', selected: 'colour of --viz-selected' },
    });
    expect(worker?.posted[3]).toMatchObject({ type: 'add', flights: [{ id: 1 }, { id: 2 }] });
    layer.add([flight(3, 20)]);
    expect(worker?.posted.at(-1)).toMatchObject({ type: 'add', flights: [{ id: 3 }] });
  });

  it("tells the worker to draw at each of the side's frames while a flight is on screen, and one frame after", async () => {
    const { layer, runFrame, settle } = setup();
    layer.attach(new FakeCanvas() as unknown as HTMLCanvasElement);
    layer.add([flight(1, 0, 1000)]);
    await settle();
    const [worker] = FakeWorker.started;
    // Lingering included, the flight is on screen until 1,250 ms.
    for (const nowMs of [16, 600, 1249, 1266]) expect(runFrame(nowMs)).toBe(true);
    expect(runFrame(1282)).toBe(false);
    expect(worker?.posted.filter((m) => m.type === 'frame').map((m) => (m.type === 'frame' ? m.nowMs : 0))).toEqual([
      16, 600, 1249, 1266,
    ]);
  });

  it('stops telling it to draw once cleared', async () => {
    const { layer, runFrame, settle } = setup();
    layer.attach(new FakeCanvas() as unknown as HTMLCanvasElement);
    layer.add([flight(1, 0, 1000)]);
    await settle();
    runFrame(16);
    layer.clear();
    runFrame(32);
    runFrame(48);
    expect(types(FakeWorker.started[0])?.slice(-2)).toEqual(['frame', 'clear']);
  });

  it('keeps its worker when React detaches and re-attaches the same canvas, and ends it with a canvas gone for good', async () => {
    const { layer, settle } = setup();
    const canvas = new FakeCanvas();
    layer.attach(canvas as unknown as HTMLCanvasElement);
    layer.add([flight(1, 0)]);
    await settle();
    // StrictMode: the layout effect's cleanup and setup run back to back.
    layer.attach(null);
    layer.attach(canvas as unknown as HTMLCanvasElement);
    await settle();
    expect(FakeWorker.started).toHaveLength(1);
    expect(FakeWorker.started[0]?.terminated).toBe(false);
    expect(canvas.transfers).toBe(1);

    layer.attach(null);
    await settle();
    expect(FakeWorker.started[0]?.terminated).toBe(true);
  });

  it('starts a new worker for a new canvas, and a click selects the dot the worker last drew', async () => {
    const { layer, drawn, settle } = setup();
    layer.attach(new FakeCanvas() as unknown as HTMLCanvasElement);
    layer.add([flight(1, 0)]);
    await settle();
    const fresh = new FakeCanvas();
    layer.attach(fresh as unknown as HTMLCanvasElement);
    expect(FakeWorker.started[0]?.terminated).toBe(true);
    layer.add([flight(2, 0)]);
    await settle();
    const second = FakeWorker.started[1];
    expect(fresh.transfers).toBe(1);
    second?.drew([2, 100, 50, 9, 300, 40], 12);
    expect(drawn.at(-1)).toEqual({ dots: 2, frames: 12 });
    expect(layer.hit({ x: 104, y: 53 })).toBe(2);
    expect(layer.hit({ x: 300, y: 60 })).toBeNull();
  });
});
