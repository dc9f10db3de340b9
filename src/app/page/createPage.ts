/**
 * The composition root, built once at start-up (main.tsx): the page store, the page's one selection, the sides with
 * their simulations in lockstep, one batch pump that pulls them all, and the drive that sends each command to every
 * side. React gets it through PageProvider; nothing here is created when a module is imported.
 */
import { LockstepSimClient } from '../../client/LockstepSimClient.ts';
import type { MemberScenario } from '../../client/LockstepSimClient.ts';
import type { ISimClient, LoadOutcome } from '../../client/SimClient.ts';
import type { Lesson } from '../../lesson/schema.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { createSide } from '../side/createSide.ts';
import type { Side, SideDescriptor } from '../side/createSide.ts';
import { fetchCatalog, fetchCheckedScenario, fetchScenarioText } from './scenarioCatalog.ts';
import { BatchPump } from './batchPump.ts';
import { createSelectionStore } from '../store/selection.ts';
import type { SelectionStore } from '../store/selection.ts';
import { messageOf } from '../store/simStore.ts';
import { createDrive } from './drive.ts';
import type { Drive } from './drive.ts';
import { createAutosave, isOfBuiltIn } from './autosave.ts';
import type { Autosave, SavedSession, SessionStorage } from './autosave.ts';
import { readLinkSession, type LinkSession, type OwnFile } from './linkFiles.ts';
import { readLinkView } from './shareLink.ts';
import { createPresentationStore, PAGE, readPresentation, type PresentationStore } from './presentation.ts';
import { keepAddress, type AddressHistory, type AddressKeeper } from './keepAddress.ts';
import { here, replayJournal, type ReplayTarget } from '../side/recovery.ts';
import { buildEmptyAdapter, EMPTY_ADAPTER_SOURCE } from './emptyAdapter.ts';
import { createLessons } from './lessons.ts';
import type { LessonsStore } from './lessons.ts';
import type { LessonFiles } from './lessonFiles.ts';
import { createPageStore } from './pageStore.ts';
import { excerpt, readPageUrl } from './pageUrl.ts';
import type { ScenarioRequest } from './pageUrl.ts';
import type { LoadedScenario, PageStore } from './pageStore.ts';
import type { ThemeHost } from './theme.ts';

export interface PageDeps {
  /** Makes a side's simulation client: a worker in the page, an in-process one in tests. */
  createClient(): ISimClient;
  theme: ThemeHost;
  /** requestAnimationFrame in the page; tests pass a timer. */
  schedule?: (callback: (nowMs: number) => void) => void;
  /** Where the session is autosaved (localStorage in the page); without it nothing is saved. */
  sessionStorage?: SessionStorage;
  /** setTimeout for the autosave's throttle; tests pass their own. */
  scheduleSave?: (callback: () => void, ms: number) => void;
  /** The lesson files (page/lessonFiles.ts); the page's own are below its base URL. */
  lessonFiles?: LessonFiles;
  /** setTimeout for the lessons' grading delay, returning how to cancel it; tests pass their own. */
  scheduleGrade?: (callback: () => void, ms: number) => () => void;
  /** The browser's address and history, which the page keeps on what it shows (page/keepAddress.ts). */
  history?: AddressHistory;
}

export interface Page {
  readonly store: PageStore;
  readonly selection: SelectionStore;
  readonly drive: Drive;
  /** The side with this id, while it is shown. */
  side(id: string): Side | undefined;
  /** The sides on screen, in the order of the store's descriptors. */
  sides(): Side[];
  /** Loads a scenario on every side (each as its descriptor's profile), as an attempt at `lesson` if given.
   * Returns whether the first side took it. */
  load(scenario: unknown, source: string, lesson?: Lesson): Promise<boolean>;
  /** Loads `scenario` in place of the current one (the scenario editor's Apply) and goes back to where the page stood:
   * the same event, when the new run reaches it. 'kept' then, 'start' when it could not and stays at the start,
   * 'rejected' when the scenario did not load (the current session is untouched). */
  loadInPlace(scenario: unknown, source: string): Promise<'kept' | 'start' | 'rejected'>;
  /** Loads a built-in (or ?scenario=) file by name; a failure shows up as the first side's loadProblem. */
  loadFile(file: string): Promise<boolean>;
  /** Shows these sides: starts the new ones, disposes those no longer listed, and runs the current scenario again
   * from the start on all of them. */
  showSides(sides: readonly SideDescriptor[]): Promise<void>;
  /** Startup: wait for the first side's worker, read the catalog, then load `?scenario=` or `?empty=` if given, else
   * the autosaved session, else the default built-in one. A requested scenario that fails to load is reported and the
   * default loads instead. */
  start(search: string): Promise<void>;
  /** The autosaved session (page/autosave.ts): its notice, and flush() for when the page is hidden. */
  readonly autosave: Autosave | null;
  /** The guided lessons (page/lessons.ts): the one on screen, its grade, the student's progress. */
  readonly lessons: LessonsStore;
  /** Keeps the address on exactly what is shown and makes links to it; null without a browser history. */
  readonly address: AddressKeeper | null;
  /** How the page is shown: the whole page, present mode or the embedded player (page/presentation.ts). */
  readonly presentation: PresentationStore;
  /** Loads the current scenario again from the start with `seed` for its random traffic. */
  reseed(seed: number): Promise<boolean>;
  /** Forgets the saved session and the console history, and loads the default scenario. */
  startFresh(): Promise<void>;
  dispose(): void;
}

/** The side the page starts with; it runs the scenario as written. */
export const FIRST_SIDE: SideDescriptor = { id: 'main', label: 'Simulation', profile: null };

/** `loaded` with its seed written into the document (and into the build's parse of a built-in). A text that is not
 * a JSON object stays as it is: the worker's parser says what is wrong with it. */
function seeded(loaded: LoadedScenario): LoadedScenario {
  const { seed } = loaded;
  if (seed === undefined) return loaded;
  let document: unknown = loaded.scenario;
  if (typeof document === 'string') {
    try {
      document = JSON.parse(document);
    } catch {
      return loaded;
    }
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return loaded;
  return {
    ...loaded,
    scenario: { ...document, seed },
    ...(loaded.checked ? { checked: { ...loaded.checked, seed } } : {}),
  };
}

export function createPage({
  createClient,
  theme,
  schedule,
  sessionStorage,
  scheduleSave,
  lessonFiles,
  scheduleGrade,
  history,
}: PageDeps): Page {
  const store = createPageStore(theme, [FIRST_SIDE]);
  const selection = createSelectionStore();
  const lockstep = new LockstepSimClient();
  /** Every side that exists, shown or about to be disposed. */
  const live = new Map<string, Side>();
  const sides = () => store.getState().sides.flatMap((descriptor) => live.get(descriptor.id) ?? []);
  const drive = createDrive(sides);

  const pump = new BatchPump({
    pull: (request) => {
      for (const side of live.values()) side.pulling();
      return lockstep.pullBatch(request);
    },
    onBatch: (results) => {
      let more = false;
      for (const [id, result] of results) more = live.get(id)?.pulled(result) === true || more;
      return more;
    },
    onError: (error) => sides()[0]?.store.getState().reportFailure(messageOf(error)),
    intent: () => sides().reduce((sum, side) => sum + side.store.getState().intentEpoch, 0),
    ...(schedule ? { schedule, afterPaint: (callback: () => void) => schedule(() => callback()) } : {}),
  });

  /** The scenario as side `id` runs it: as written (with the build's parse of a built-in), or as its descriptor's
   * Windows version, which the side's worker parses like any file. */
  const scenarioFor = async (id: string, loaded: LoadedScenario): Promise<MemberScenario> => {
    const { scenario, checked, lesson } = seeded(loaded);
    const profile = store.getState().sides.find((descriptor) => descriptor.id === id)?.profile ?? null;
    const attempt = lesson ? { lesson } : {};
    if (profile === null) return checked ? { scenario, checked, ...attempt } : { scenario, ...attempt };
    // Only compare mode needs the variant (and the JSON reader it uses): it stays out of the first view's JavaScript.
    const { scenarioForProfile } = await import('../side/profileVariant.ts');
    return { scenario: scenarioForProfile(scenario, profile).scenario, ...attempt };
  };

  const addSide = (id: string): Side => {
    const client = createClient();
    const side = createSide({
      id,
      client,
      selection,
      requestPull: () => pump.request(),
      act: (send) => drive.act(send, id),
      hold: () => lockstep.hold(id),
      reload: () => {
        const loaded = store.getState().loaded;
        if (!loaded) return null;
        return { outcome: lockstep.reload(id, scenarioFor(id, loaded), loaded.source), source: loaded.source };
      },
    });
    live.set(id, side);
    lockstep.join(id, client);
    return side;
  };
  addSide(FIRST_SIDE.id);

  const load = async (loaded: LoadedScenario): Promise<boolean> => {
    const { source } = loaded;
    const descriptors = store.getState().sides;
    // A side whose simulation broke and could not be restored starts afresh for a new scenario.
    await Promise.all(sides().map((side) => (side.client.broken === null ? undefined : side.client.restart())));
    const outcomes = lockstep.loadScenario((id) => scenarioFor(id, loaded), source);
    const accepted = new Map(
      await Promise.all(
        [...outcomes].map(
          async ([id, outcome]: [string, Promise<LoadOutcome>]) =>
            [id, (await live.get(id)?.store.getState().loadScenario(outcome, source)) === true] as const,
        ),
      ),
    );
    const first = descriptors[0]?.id;
    if (first === undefined || !accepted.get(first)) return false;
    store.setState({ loaded });
    return true;
  };
  const loadDocument = (scenario: unknown, source: string, lesson?: Lesson, seed?: number): Promise<boolean> =>
    load({ scenario, source, ...(lesson ? { lesson } : {}), ...(seed !== undefined ? { seed } : {}) });

  const loadFile = async (file: string, seed?: number): Promise<boolean> => {
    let text: string;
    let checked: Scenario | null;
    try {
      [text, checked] = await Promise.all([fetchScenarioText(file), fetchCheckedScenario(file)]);
    } catch (error) {
      sides()[0]?.store.getState().reportLoadProblem(file, messageOf(error));
      return false;
    }
    return load({
      scenario: text,
      source: file,
      builtIn: true,
      ...(checked ? { checked } : {}),
      ...(seed !== undefined ? { seed } : {}),
    });
  };

  const autosave = sessionStorage
    ? createAutosave({
        storage: sessionStorage,
        page: store,
        side: () => sides()[0],
        loadBuiltIn: loadFile,
        load: loadDocument,
        ...(scheduleSave ? { schedule: scheduleSave } : {}),
      })
    : null;

  /** Whether the saved session is of this scenario, which was not built in (autosave keeps such a one as text). */
  const savedSessionIs = (source: string, scenario: unknown) => (session: SavedSession) => {
    const saved = session.scenario;
    const text = typeof scenario === 'string' ? scenario : JSON.stringify(scenario);
    return 'text' in saved && saved.source === source && saved.text === text;
  };

  /** Opens the scenario the address names: its saved session if there is one that `link` accepts (the address follows
   * the scenario on screen, so a reload names the saved session's own), else the scenario afresh with the link's
   * seed. Returns how it opened, or null when it could not. */
  const openRequested = async (
    request: Exclude<ScenarioRequest, { kind: 'missing' }> | { kind: 'own'; file: OwnFile },
    link: LinkSession,
  ): Promise<'restored' | 'loaded' | null> => {
    const wanted =
      request.kind === 'load'
        ? isOfBuiltIn(request.file)
        : request.kind === 'own'
          ? savedSessionIs(request.file.source, request.file.text)
          : savedSessionIs(EMPTY_ADAPTER_SOURCE, buildEmptyAdapter(request.adapter));
    if (await autosave?.restore((session) => wanted(session) && link.accepts(session))) return 'restored';
    const opened =
      request.kind === 'load'
        ? await loadFile(request.file, link.seed)
        : request.kind === 'own'
          ? await loadDocument(request.file.text, request.file.source, undefined, link.seed)
          : await loadDocument(buildEmptyAdapter(request.adapter), EMPTY_ADAPTER_SOURCE, undefined, link.seed);
    return opened ? 'loaded' : null;
  };

  /** Every side, moved together as the drive moves them; where it stands is the first side's. */
  const everySide = (first: Side): ReplayTarget => ({
    store: first.store,
    settled: async () => void (await Promise.all(sides().map((side) => side.settled()))),
    commands: { seek: drive.seek, step: drive.step, act: (send) => drive.act(send, first.id) },
  });

  /** After the scenario opened: the link's actions and position (unless the saved session brought them), its open
   * panels and its selection. Returns what could not be reproduced. */
  const arrive = async (link: LinkSession, restored: boolean): Promise<string[]> => {
    const first = sides()[0];
    if (!first) return [];
    const { view } = link;
    let exact = true;
    if (!restored && (link.actions.length > 0 || view.at !== null))
      exact = await replayJournal(everySide(first), link.actions, view.at);
    else if (view.at !== null) exact = await replayJournal(everySide(first), [], view.at);
    if (view.panels) store.setState({ panels: view.panels });
    const missed = exact ? [] : ['the link’s position could not be reached exactly; this is as close as it gets'];
    if (view.selection) {
      const side = view.selection.side ?? first.id;
      if (store.getState().sides.some((descriptor) => descriptor.id === side))
        selection.getState().select({ ...view.selection, side });
      else missed.push(`the link selects something of side "${excerpt(side)}", which is not on screen`);
    }
    return missed;
  };

  const loadInPlace = async (scenario: unknown, source: string): Promise<'kept' | 'start' | 'rejected'> => {
    const first = sides()[0];
    if (!first) return 'rejected';
    const at = here(first.store);
    const lesson = store.getState().loaded?.lesson;
    if (!(await loadDocument(scenario, source, lesson))) return 'rejected';
    if (at.eventCount === 0 || (await replayJournal(everySide(first), [], at))) return 'kept';
    drive.rewind();
    await everySide(first).settled();
    return 'start';
  };

  const loadDefault = async (): Promise<boolean> => {
    const { catalog } = store.getState();
    const fallback = catalog.find((entry) => entry.default) ?? catalog[0];
    return fallback ? loadFile(fallback.file) : false;
  };

  const lessons = createLessons({
    storage: theme.storage,
    page: store,
    firstSide: () => sides()[0],
    load,
    restoreSaved: async (lesson) => (await autosave?.restoreLesson(lesson)) === true,
    loadDefault,
    drive,
    ...(lessonFiles ? { files: lessonFiles } : {}),
    ...(scheduleGrade ? { schedule: scheduleGrade } : {}),
  });

  const showSides = async (next: readonly SideDescriptor[]): Promise<void> => {
    const leaving = [...live.keys()].filter((id) => !next.some((descriptor) => descriptor.id === id));
    const speed = sides()[0]?.store.getState().speed;
    for (const { id } of next) {
      if (live.has(id)) continue;
      const side = addSide(id);
      // At the speed the others play at, so they stay in lockstep.
      if (speed !== undefined) side.store.getState().setSpeed(speed);
    }
    store.setState({ sides: next, switching: true });
    const selected = selection.getState().selected;
    if (selected && leaving.includes(selected.side)) selection.getState().clear();
    try {
      for (const id of leaving) {
        await lockstep.leave(id);
        live.get(id)?.dispose();
        live.delete(id);
      }
      const loaded = store.getState().loaded;
      if (loaded) await load(loaded);
    } finally {
      store.setState({ switching: false });
    }
  };

  const start = async (search: string): Promise<void> => {
    const first = sides()[0];
    if (!first) return;
    try {
      await first.client.ready;
    } catch {
      return; // the side shows why (createSide)
    }
    let catalog: Awaited<ReturnType<typeof fetchCatalog>> = [];
    try {
      catalog = await fetchCatalog();
      store.getState().setCatalog(catalog, catalog.length === 0 ? 'the scenario list is empty' : null);
    } catch (error) {
      store.getState().setCatalog([], messageOf(error));
    }
    const url = readPageUrl(search);
    const shown = readPresentation(search);
    presentation.getState().show(shown.presentation);
    const link = await readLinkSession(readLinkView(search));
    const report = (source: string, messages: string[]) =>
      first.store.setState({ loadProblem: { source, errors: messages.map((message) => ({ path: '', message })) } });
    if (url.teacher !== null) lessons.store.getState().setTeacher(url.teacher);
    // What the address asked for and did not get, said once above whatever loads instead.
    const notes = [...url.ignored, ...shown.ignored, ...link.problems];
    const opened = async (restored: boolean): Promise<void> => {
      notes.push(...(await arrive(link, restored)));
      if (notes.length > 0) report('the page address', notes);
    };
    if (url.lesson?.kind === 'missing') notes.unshift(url.lesson.message);
    if (url.lesson?.kind === 'open') {
      if (await lessons.store.getState().open(url.lesson.id)) return opened(true);
      notes.unshift(...(first.store.getState().loadProblem?.errors.map((error) => error.message) ?? []));
    }
    const requested = link.file ? { kind: 'own' as const, file: link.file } : url.scenario;
    // A name that passes readPageUrl is fetched even when the list does not name it (a file dropped into the
    // scenarios folder); a server that does not have it answers 404 or index.html, and that is "no such scenario".
    if (requested?.kind === 'missing') {
      report('the page address', [requested.message, ...notes]);
    } else if (requested !== null) {
      const how = await openRequested(requested, link);
      if (how !== null) return opened(how === 'restored');
    } else if (notes.length > 0) {
      report('the page address', notes);
    }
    // A scenario the address names wins over the saved session.
    if (requested === null && (await autosave?.restore())) {
      if (notes.length > 0) report('the page address', notes);
      return;
    }
    // Keep the requested scenario's problem on screen: the default loads beside it, not over it.
    const problem = first.store.getState().loadProblem;
    const loaded = await loadDefault();
    if (loaded && problem) first.store.setState({ loadProblem: problem });
  };

  const presentation = createPresentationStore(
    history ? readPresentation(new URL(history.href()).search).presentation : PAGE,
  );
  const address = history
    ? keepAddress({ store, selection, sides, presentation, lessons: lessons.store }, history)
    : null;

  return {
    store,
    selection,
    drive,
    address,
    presentation,
    reseed: async (seed) => {
      const loaded = store.getState().loaded;
      return loaded ? load({ ...loaded, seed }) : false;
    },
    side: (id) => (store.getState().sides.some((descriptor) => descriptor.id === id) ? live.get(id) : undefined),
    sides,
    load: loadDocument,
    loadInPlace,
    loadFile,
    showSides,
    start,
    autosave,
    lessons: lessons.store,
    startFresh: async () => {
      autosave?.clear();
      await loadDefault();
    },
    dispose: () => {
      address?.dispose();
      lessons.dispose();
      autosave?.dispose();
      pump.stop();
      for (const side of live.values()) side.dispose();
      live.clear();
    },
  };
}
