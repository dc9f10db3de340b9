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
import { CaptureError, looksLikeCapture, readCapture, CAPTURE_MAX_BYTES } from '../../scenario/capture.ts';
import type { ReplaySpacing } from '../../scenario/captureReplay.ts';
import { captureSteps, pageRefusal } from './captureSteps.ts';
import { type PendingCapture, useCaptureDrop } from './captureStore.ts';

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

/** Opens the first of the files dropped onto the page as "Open file…" opens it (in a lesson, as an attempt at it); a
 * pcap or pcapng capture is read and offered for replay instead (CaptureDialog). */
export async function openDropped(page: Page, files: File[], show: (notice: FileNoticeText) => void): Promise<void> {
  const [file] = files;
  if (!file) return;
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (looksLikeCapture(head) || CAPTURE_NAME.test(file.name)) return offerCapture(file, show);
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

const CAPTURE_NAME = /\.(pcap|pcapng|cap)$/i;

/** Reads a dropped capture and offers its replay; a file that is not one, or one too big, is an error and changes
 * nothing. */
async function offerCapture(file: File, show: (notice: FileNoticeText) => void): Promise<void> {
  const refuse = (why: string) => show({ tone: 'error', text: `${file.name} was not replayed: ${why}` });
  if (file.size > CAPTURE_MAX_BYTES)
    return refuse(`it is larger than the ${CAPTURE_MAX_BYTES / 1024 / 1024} MiB limit.`);
  try {
    const read = readCapture(new Uint8Array(await file.arrayBuffer()));
    const refusal = pageRefusal(read);
    if (refusal) return refuse(refusal);
    useCaptureDrop.getState().offer({ name: file.name, read });
  } catch (error) {
    if (error instanceof CaptureError) return refuse(`${error.message}.`);
    throw error;
  }
}

/** Replays the capture from this moment: the session so far with the capture's frames after it, loaded in place. */
export async function replayCapture(
  page: Page,
  { name, read }: PendingCapture,
  spacing: ReplaySpacing,
): Promise<FileNoticeText> {
  const side = page.sides()[0];
  if (!side) return { tone: 'error', text: 'There is no simulation to replay the capture into.' };
  const written = await side.client.saveScenario();
  if (written.problems.length > 0)
    return {
      tone: 'error',
      text: `${name} was not replayed: the session so far cannot be written as a scenario (${written.problems[0]?.message}).`,
    };
  const session = JSON.parse(written.text) as { steps: unknown[] };
  const scenario = { ...session, steps: [...session.steps, ...captureSteps(name, read, spacing)] };
  const outcome = await page.loadInPlace(scenario, withExtension(name, '-replay.json'));
  if (outcome === 'rejected') return { tone: 'error', text: `${name} was not replayed: the scenario did not load.` };
  const skipped = Object.values(read.skipped).reduce((sum, n) => sum + (n ?? 0), 0);
  const notes = [
    skipped > 0 ? `${skipped} skipped (not replayable: ${Object.keys(read.skipped).join(', ')})` : '',
    read.snapped > 0 ? `${read.snapped} snapped frames padded to their length` : '',
  ].filter(Boolean);
  const where =
    outcome === 'kept'
      ? 'from here'
      : 'after the session so far, from the start (the run could not come back to this moment)';
  return {
    tone: 'neutral',
    text: `${name}: ${read.frames.length} frames will replay ${where} through the filters as they are now — press Play or Step.${notes.length ? ` ${notes.join('; ')}.` : ''}`,
  };
}
