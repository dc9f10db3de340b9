/**
 * Wires one simulation client to the UI: the event buffer, the store and the frame pump.
 * Created once at startup (main.tsx); everything React needs comes from here through SimProvider.
 */
import type { ISimClient } from '../client/SimClient.ts';
import { BatchPump } from './batchPump.ts';
import { fetchCatalog, fetchScenarioText } from './scenarioCatalog.ts';
import { EventBuffer } from './store/eventBuffer.ts';
import { createSimStore, messageOf } from './store/simStore.ts';
import type { SimStore } from './store/simStore.ts';

export interface SimRuntime {
  client: ISimClient;
  store: SimStore;
  buffer: EventBuffer;
  /** Loads a built-in (or ?scenario=) file by name; a failure shows up as the store's loadProblem. */
  loadFile(file: string): Promise<boolean>;
  dispose(): void;
}

export function createSimRuntime(client: ISimClient): SimRuntime {
  const buffer = new EventBuffer();
  let pump: BatchPump | null = null;
  const store = createSimStore({ client, buffer, requestPull: () => pump?.request() });
  /** The store's intentEpoch when the pull in flight was sent (there is at most one). */
  let pulledAtEpoch = 0;
  pump = new BatchPump({
    pull: (request) => {
      pulledAtEpoch = store.getState().intentEpoch;
      return client.pullBatch(request);
    },
    onBatch: (batch) => {
      if (!store.getState().applyBatch(batch, pulledAtEpoch)) return false;
      const { playing, finished } = store.getState();
      return batch.stats.backlog > 0 || (playing && !finished);
    },
    onError: (error) => store.getState().reportFailure(messageOf(error)),
  });
  const unsubscribe = client.onError((message) => store.getState().reportFailure(message));

  const loadFile = async (file: string): Promise<boolean> => {
    let text: string;
    try {
      text = await fetchScenarioText(file);
    } catch (error) {
      store.getState().reportLoadProblem(file, messageOf(error));
      return false;
    }
    return store.getState().loadScenario(text, file);
  };

  return {
    client,
    store,
    buffer,
    loadFile,
    dispose: () => {
      pump?.stop();
      unsubscribe();
      client.dispose();
    },
  };
}

/**
 * Startup: wait for the worker, read the catalog, then load `?scenario=` if given, else the default built-in one.
 * A requested file that fails to load is reported and the default loads instead, so the page is never empty.
 */
export async function startSession(runtime: SimRuntime, search: string): Promise<void> {
  const { store, client } = runtime;
  try {
    await client.ready;
    store.setState({ connection: 'ready' });
  } catch (error) {
    store.setState({ connection: 'failed', failure: messageOf(error) });
    return;
  }
  let catalog: Awaited<ReturnType<typeof fetchCatalog>> = [];
  try {
    catalog = await fetchCatalog();
    store.getState().setCatalog(catalog, catalog.length === 0 ? 'the scenario list is empty' : null);
  } catch (error) {
    store.getState().setCatalog([], messageOf(error));
  }
  const requested = new URLSearchParams(search).get('scenario');
  if (requested && (await runtime.loadFile(requested))) return;
  const fallback = catalog.find((entry) => entry.default) ?? catalog[0];
  if (!fallback) return;
  // Keep the requested file's problem on screen: the default loads beside it, not over it.
  const problem = store.getState().loadProblem;
  const loaded = await runtime.loadFile(fallback.file);
  if (loaded && problem) store.setState({ loadProblem: problem });
}
