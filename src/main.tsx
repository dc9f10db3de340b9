/** Entry: the page (its store, its first side's worker, the batch pump), the React tree, then the default scenario
 * (in compare mode if the URL asks for it: a second side, with its own worker, beside the first). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WorkerSimClient } from './client/WorkerSimClient.ts';
import { App } from './app/App.tsx';
import { compareRequested, enterCompare, startupSearch } from './app/compare/compareMode.ts';
import { createPage } from './app/page/createPage.ts';
import { PageProvider } from './app/page/PageProvider.tsx';
import { followLoadedScenario, followTeacherView } from './app/page/address.ts';
import { installE2EApi } from './app/page/e2eApi.ts';
import { installTrustedTypesPolicy } from './app/page/trustedTypes.ts';
import './index.css';
import './app/ui/theme.css';

installTrustedTypesPolicy(window);
const page = createPage({
  createClient: () => new WorkerSimClient({ isVisible: () => document.visibilityState === 'visible' }),
  sessionStorage: localStorage,
  theme: {
    storage: localStorage,
    root: document.documentElement,
    prefersDark: matchMedia('(prefers-color-scheme: dark)').matches,
  },
});
installE2EApi(page);
followLoadedScenario(page.store);
followTeacherView(page.lessons);
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

const search = window.location.search;
void (async () => {
  // The sides first, so the first load already runs on all of them.
  if (compareRequested(search)) await enterCompare(page);
  await page.start(startupSearch(search));
})();
