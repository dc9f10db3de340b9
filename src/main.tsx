/** Entry: the page (its store, its first side’s worker, the batch pump), the React tree, then what the address names
 * (in compare mode if the URL asks for it: a second side, with its own worker, beside the first). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WorkerSimClient } from './client/WorkerSimClient.ts';
import { App } from './app/App.tsx';
import { compareRequested, enterCompare, leaveCompare, startupSearch } from './app/compare/compareMode.ts';
import { createPage } from './app/page/createPage.ts';
import { PageProvider } from './app/page/PageProvider.tsx';
import { browserHistory } from './app/page/keepAddress.ts';
import { installE2EApi } from './app/page/e2eApi.ts';
import { LINK_PARAMS } from './app/page/shareLink.ts';
import { installTrustedTypesPolicy } from './app/page/trustedTypes.ts';
import './index.css';
import './app/ui/theme.css';
import './app/ui/forcedColors.css';

installTrustedTypesPolicy(window);
const page = createPage({
  createClient: () => new WorkerSimClient({ isVisible: () => document.visibilityState === 'visible' }),
  sessionStorage: localStorage,
  history: browserHistory(),
  theme: {
    storage: localStorage,
    root: document.documentElement,
    prefersDark: matchMedia('(prefers-color-scheme: dark)').matches,
  },
});
installE2EApi(page);
// The last changes since the throttled write, before the tab goes away.
addEventListener('pagehide', () => page.autosave?.flush());
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <PageProvider value={page}>
      <App />
    </PageProvider>
  </StrictMode>,
);

/** Opens what `search` names: the sides first, so the first load already runs on all of them. */
const open = async (search: string) => {
  if (compareRequested(search)) await enterCompare(page);
  else await leaveCompare(page);
  // An address without forks shows the original alone.
  const [first, ...others] = page.store.getState().sides;
  if (first && others.some((side) => side.fork)) await page.showSides([first]);
  await page.start(startupSearch(search));
  // What-if forks (app/fork) open on top of the original the link names; their code loads only then.
  if (new URLSearchParams(search).has(LINK_PARAMS.forks))
    await (await import('./app/fork/linkForks.ts')).openLinkForks(page, search);
};
const opening = (search: string) => (page.address ? page.address.while(() => open(search)) : open(search));
void opening(window.location.search);
// Back and Forward return to what an earlier address named (page/keepAddress.ts adds an entry per deliberate change).
addEventListener('popstate', () => void opening(window.location.search));
