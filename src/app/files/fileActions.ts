/**
 * What the scenario's file buttons do, in a chunk of its own fetched on the first click: the first view carries only
 * the buttons (bench P4).
 */
import type { ISimClient } from '../../client/SimClient.ts';
import type { Page } from '../page/createPage.ts';
import { toolAllowed } from '../page/lessons.ts';
import type { LoadedScenario } from '../page/pageStore.ts';
import { downloadBlob, downloadText } from '../ui/download.ts';
import { savedFileName, scenarioFileName, withExtension } from '../ui/fileNames.ts';
import type { FileNoticeText } from './fileNotice.ts';
import { scenarioText } from './scenarioText.ts';

/** Saves the scenario as the page runs it, under its own file name. */
export function downloadScenario(loaded: LoadedScenario, title: string): void {
  downloadText(scenarioFileName(loaded.source, title), 'application/json', scenarioText(loaded));
}

/** Downloads the whole run's trace as vmq run --json prints it, and says what to run to get the same bytes. */
export async function exportTrace(
  client: ISimClient,
  { source, title, userChanges }: { source: string; title: string; userChanges: number },
): Promise<FileNoticeText> {
  // After the user's own actions, vmq can only run the file "Save as scenario" writes: the trace is named for it.
  const named = userChanges > 0 ? savedFileName(title) : scenarioFileName(source, title);
  try {
    const { ndjson, frames } = await client.exportTrace(named, `vmq ${__VMQ_VERSION__}`);
    const target = withExtension(named, '.ndjson');
    downloadBlob(target, new Blob([ndjson], { type: 'application/x-ndjson' }));
    const command = `vmq run --json${frames ? ' --frames' : ''} ${named}`;
    return { tone: 'neutral', text: `Exported ${target}: the whole run, byte for byte what ${command} prints.` };
  } catch (error) {
    return {
      tone: 'error',
      text: `The trace could not be exported: ${error instanceof Error ? error.message : error}`,
    };
  }
}

/** Downloads the run's frames as pcapng for Wireshark, the file vmq run --pcapng writes for the same scenario. */
export async function exportPcapng(
  client: ISimClient,
  { source, title, userChanges }: { source: string; title: string; userChanges: number },
): Promise<FileNoticeText> {
  const named = userChanges > 0 ? savedFileName(title) : scenarioFileName(source, title);
  try {
    const { pcapng, frames } = await client.exportPcapng(`vmq ${__VMQ_VERSION__}`);
    const target = withExtension(named, '.pcapng');
    downloadBlob(target, new Blob([pcapng], { type: 'application/x-pcapng' }));
    const what = frames === 1 ? '1 frame' : `${frames} frames`;
    return {
      tone: 'neutral',
      text: `Exported ${target}: ${what}, each commented with its queue, filter, VM, CPU and fate; vmq run ${named} --pcapng ${target} writes the same.`,
    };
  } catch (error) {
    return {
      tone: 'error',
      text: `The pcapng could not be exported: ${error instanceof Error ? error.message : error}`,
    };
  }
}

/** Opens the first of the files dropped onto the page as "Open file…" opens it (in a lesson, as an attempt at it). */
export async function openDropped(page: Page, files: File[], show: (notice: FileNoticeText) => void): Promise<void> {
  const [file] = files;
  if (!file) return;
  const loaded = page.store.getState().loaded;
  if (!toolAllowed(loaded, 'editor')) {
    show({
      tone: 'warning',
      text: `Lesson ${loaded?.lesson?.number} is done without scenario files of your own; leave the lesson to open ${file.name}.`,
    });
    return;
  }
  if (files.length > 1) show({ tone: 'warning', text: `Opened ${file.name} only: one scenario runs at a time.` });
  await page.load(await file.text(), file.name, loaded?.lesson);
}
