/** Entry: one simulation worker, one runtime around it, the React tree, then the default scenario. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WorkerSimClient } from './client/WorkerSimClient.ts';
import { App } from './app/App.tsx';
import { SimProvider } from './app/SimProvider.tsx';
import { createSimRuntime, startSession } from './app/simRuntime.ts';
import './index.css';

const runtime = createSimRuntime(new WorkerSimClient());
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <SimProvider runtime={runtime}>
      <App />
    </SimProvider>
  </StrictMode>,
);

void startSession(runtime, window.location.search);
