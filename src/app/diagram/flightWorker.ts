/** Starts the flight layer's worker: a module of its own, so the worker's code is fetched with the first flight. */
export const startFlightWorker = (): Worker =>
  new Worker(new URL('./flightLayer.worker.ts', import.meta.url), { type: 'module', name: 'vmq-flights' });
