/** The current scenario's JSON text, as the page runs it, for the download and the editor. */
import type { LoadedScenario } from '../page/pageStore.ts';

/** The file as loaded (its own text, so its layout and comments-in-fields stay), or, when the page runs it with a
 * seed of its own or built it (the empty adapter), the document written out with that seed. */
export function scenarioText(loaded: LoadedScenario): string {
  const { scenario, seed } = loaded;
  if (typeof scenario === 'string' && seed === undefined) return scenario;
  let document: unknown = scenario;
  if (typeof scenario === 'string') {
    try {
      document = JSON.parse(scenario);
    } catch {
      return scenario;
    }
  }
  const seeded =
    seed !== undefined && typeof document === 'object' && document !== null && !Array.isArray(document)
      ? { ...document, seed }
      : document;
  return `${JSON.stringify(seeded, null, 2)}\n`;
}
