/**
 * What a link carries packed (page/linkCodec.ts): a scenario file of the user's own, with its name, and the actions
 * the user sent, each with the position it was sent at. Unpacking checks what it reads as the autosave does
 * (page/autosave.ts): a link is input from anyone, so anything else is a problem said in words, never trusted.
 */
import type { SimPosition, UserAction } from '../../client/SessionJournal.ts';
import { isReplayable, type SavedSession } from './autosave.ts';
import { pack, unpack } from './linkCodec.ts';
import type { LinkView } from './shareLink.ts';

export interface OwnFile {
  /** The file's name, as "Open file…" named it. */
  source: string;
  text: string;
}

export type Replayable = readonly { action: UserAction; at: SimPosition }[];

type Unpacked<T> = { value: T } | { problem: string };

export const packOwnFile = (file: OwnFile): Promise<string> =>
  pack(JSON.stringify({ source: file.source, text: file.text }));

export const packActions = (actions: Replayable): Promise<string> => pack(JSON.stringify(actions));

async function unpackJson(packed: string, what: string): Promise<Unpacked<unknown>> {
  let text: string;
  try {
    text = await unpack(packed);
  } catch (error) {
    return { problem: `the link's ${what} could not be read: ${(error as Error).message}` };
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { problem: `the link's ${what} could not be read: it is not JSON` };
  }
}

export async function unpackOwnFile(packed: string): Promise<Unpacked<OwnFile>> {
  const read = await unpackJson(packed, 'scenario file');
  if ('problem' in read) return read;
  const file = read.value as Partial<OwnFile> | null;
  if (typeof file !== 'object' || file === null || typeof file.source !== 'string' || typeof file.text !== 'string')
    return { problem: "the link's scenario file could not be read: it has no file name and text" };
  return { value: { source: file.source.slice(0, 200) || 'scenario.json', text: file.text } };
}

export async function unpackActions(packed: string): Promise<Unpacked<Replayable>> {
  const read = await unpackJson(packed, 'actions');
  if ('problem' in read) return read;
  return isReplayable(read.value)
    ? { value: read.value }
    : { problem: "the link's actions could not be read: some of them are not actions a user can send" };
}

/** What a link asks of the session, unpacked: the scenario file it carries, the seed, the actions to replay, and
 * which saved session may stand in for it (one with the same actions and seed: it brings the OID console along). */
export interface LinkSession {
  view: LinkView;
  file: OwnFile | null;
  seed: number | undefined;
  actions: Replayable;
  /** What could not be read (the view's ignored parameters among it), said in words. */
  problems: string[];
  accepts(session: SavedSession): boolean;
}

export async function readLinkSession(view: LinkView): Promise<LinkSession> {
  const problems = [...view.ignored];
  const [file, actions] = await Promise.all([
    view.file === null ? null : unpackOwnFile(view.file),
    view.actions === null ? null : unpackActions(view.actions),
  ]);
  for (const read of [file, actions]) if (read && 'problem' in read) problems.push(read.problem);
  const replayed = actions && 'value' in actions ? actions.value : [];
  const seed = view.seed ?? undefined;
  // A plain link (no position, no actions) is a reload of the autosaved session, or a new one.
  const saysSession = view.at !== null || view.actions !== null || view.seed !== null;
  return {
    view,
    file: file && 'value' in file ? file.value : null,
    seed,
    actions: replayed,
    problems,
    accepts: (session) =>
      !saysSession ||
      ((session.seed === undefined || seed === undefined || session.seed === seed) &&
        JSON.stringify(session.actions) === JSON.stringify(replayed)),
  };
}
