/**
 * Compare mode on and off. On: the page shows two sides, its first side running the current scenario as Windows
 * Server 2008 R2 and a new side running it as 2012, both reloaded from the start. Off: the second side is disposed
 * and the scenario reloaded as written. The address carries `?compare=1` (page/keepAddress.ts), so a link opens
 * straight into compare mode.
 */
import { FIRST_SIDE } from '../page/createPage.ts';
import { EMPTY_ADAPTER_PARAMS, LESSON_PARAM, SCENARIO_PARAM } from '../page/address.ts';
import type { Page } from '../page/createPage.ts';
import { readPageUrl } from '../page/pageUrl.ts';
import { LINK_PARAMS } from '../page/shareLink.ts';
import type { SideDescriptor } from '../side/createSide.ts';

/** The scenario compare mode opens with when the URL names none: the one where the two versions differ most. */
export const COMPARE_DEFAULT_SCENARIO = 'lookahead-split-2008r2.json';

/** The side compare mode adds beside the page's first side. */
const WS2012_SIDE: SideDescriptor = { id: 'ws2012', label: 'Windows Server 2012', profile: 'ws2012' };

/** Compare mode runs every side as a named Windows version; a side alone runs the scenario as written. */
export const isComparing = (sides: readonly SideDescriptor[]): boolean =>
  sides.length > 1 && sides.every((side) => side.profile !== null);

export const compareRequested = (search: string): boolean => readPageUrl(search).compare;

/** The search string startup should use: compare mode without a named scenario, empty adapter, file of the
 * user's own or lesson (which brings its own) opens the split scenario. */
export function startupSearch(search: string): string {
  const params = new URLSearchParams(search);
  const named = [LESSON_PARAM, SCENARIO_PARAM, EMPTY_ADAPTER_PARAMS.profile, LINK_PARAMS.file].some((name) =>
    params.has(name),
  );
  if (compareRequested(search) && !named) params.set(SCENARIO_PARAM, COMPARE_DEFAULT_SCENARIO);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function enterCompare(page: Page): Promise<void> {
  const [first] = page.store.getState().sides;
  if (!first || isComparing(page.store.getState().sides)) return;
  await page.showSides([{ ...first, label: 'Windows Server 2008 R2', profile: 'ws2008r2' }, WS2012_SIDE]);
}

export async function leaveCompare(page: Page): Promise<void> {
  const [first] = page.store.getState().sides;
  if (!first || !isComparing(page.store.getState().sides)) return;
  await page.showSides([{ ...first, label: FIRST_SIDE.label, profile: FIRST_SIDE.profile }]);
}
