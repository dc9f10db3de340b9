/** Chooses the scenario: a built-in one from the catalog, an empty adapter, or a JSON file from disk. */
import { useRef } from 'react';
import type { ChangeEvent } from 'react';
import { toolAllowed } from '../page/lessons.ts';
import { usePage, usePageStore } from '../page/PageProvider.tsx';
import { useSideStore } from '../side/SideProvider.tsx';
import { Button } from '../ui/primitives.tsx';
import { NameOption } from '../ui/UserText.tsx';
import { EmptyAdapterButton } from './EmptyAdapter.tsx';

export function ScenarioPicker() {
  const page = usePage();
  const catalog = usePageStore((s) => s.catalog);
  const catalogProblem = usePageStore((s) => s.catalogProblem);
  const source = useSideStore((s) => s.scenario?.source ?? '');
  const title = useSideStore((s) => s.scenario?.title ?? '');
  const loading = useSideStore((s) => s.loadingSource !== null);
  const ready = useSideStore((s) => s.connection === 'ready');
  const fileInput = useRef<HTMLInputElement>(null);
  const lesson = usePageStore((s) => s.loaded?.lesson);
  const ownFiles = usePageStore((s) => toolAllowed(s.loaded, 'editor'));

  const onPick = (event: ChangeEvent<HTMLSelectElement>) => {
    if (event.target.value) void page.loadFile(event.target.value);
  };
  const onOpenFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // so choosing the same file again (after editing it) loads it again
    // In a lesson, a file of the student's own is an attempt at it, graded by its checks.
    if (file) await page.load(await file.text(), file.name, lesson);
  };

  const known = catalog.some((entry) => entry.file === source);
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="scenario-picker" className="text-sm text-slate-500">
        Scenario
      </label>
      <select
        id="scenario-picker"
        data-testid="scenario-picker"
        className="h-8 max-w-64 rounded-md 2xl:max-w-80 border-0 bg-white px-2 text-sm text-slate-800 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-sky-600"
        value={source}
        onChange={onPick}
        disabled={!ready || loading || catalog.length === 0}
        title={catalogProblem ?? undefined}
      >
        {catalog.length === 0 && <option value="">{catalogProblem ? 'No built-in scenarios' : 'Loading…'}</option>}
        {!known && source && (
          // A lesson's scenario is named as the lesson's, not by its path in the lessons folder.
          <NameOption value={source} name={lesson ? `Lesson ${lesson.number}: ${title}` : source} />
        )}
        {catalog.map((entry) => (
          <NameOption key={entry.file} value={entry.file} name={entry.title} />
        ))}
      </select>
      <EmptyAdapterButton disabled={!ready || loading} />
      <Button
        variant="quiet"
        disabled={!ready || loading || !ownFiles}
        onClick={() => fileInput.current?.click()}
        title={
          ownFiles
            ? undefined
            : `Lesson ${lesson?.number} is done without scenario files of your own; leave the lesson to open one`
        }
        data-testid="open-file"
      >
        Open file…
      </Button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className="hidden"
        onChange={onOpenFile}
        data-testid="scenario-file"
      />
    </div>
  );
}
