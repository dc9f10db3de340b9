/** Opens the forks a link names (`fork=`, packed like `acts`: docs/share-links.md) beside the original it opened. */
import type { Page } from '../page/createPage.ts';
import { unpackActions } from '../page/linkFiles.ts';
import { LINK_PARAMS } from '../page/shareLink.ts';
import { maxSides, showForks } from './openFork.ts';

export async function openLinkForks(page: Page, search: string): Promise<void> {
  const packed = new URLSearchParams(search).getAll(LINK_PARAMS.forks);
  const first = page.sides()[0];
  if (!first) return;
  const report = (message: string) =>
    first.store.setState({ loadProblem: { source: 'the page address', errors: [{ path: '', message }] } });
  if (packed.length !== 1) return report(`${LINK_PARAMS.forks} was given ${packed.length} times and was ignored`);
  const read = await unpackActions(packed[0] as string);
  if ('problem' in read) return report(read.problem.replace('actions', 'forks'));
  const room = maxSides(window.innerWidth) - 1;
  if (read.value.length > room)
    report(`the link has ${read.value.length} forks; this window has room for ${room}, so the first ${room} open`);
  await showForks(page, read.value.slice(0, room));
}
