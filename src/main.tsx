/** Entry: one simulation worker, one runtime around it, the React tree, then the default scenario (compare mode if
 * the URL asks for it: a second worker beside the first). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WorkerSimClient } from './client/WorkerSimClient.ts';
import { App } from './app/App.tsx';
import { SimProvider } from './app/SimProvider.tsx';
import { compareRequested, enterCompare, startupSearch } from './app/compare/compareMode.ts';
import { LockstepSimClient } from './app/compare/LockstepSimClient.ts';
import { createSimRuntime, startSession } from './app/simRuntime.ts';
import './index.css';

const runtime = createSimRuntime(new LockstepSimClient(new WorkerSimClient()));
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <SimProvider runtime={runtime}>
      <App />
    </SimProvider>
  </StrictMode>,
);

// Attached before the first load, so that load already runs on both sides.
if (compareRequested(window.location.search)) void enterCompare(runtime, () => new WorkerSimClient());
void startSession(runtime, startupSearch(window.location.search));
