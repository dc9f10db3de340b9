/**
 * The production build's security policy, as an attacker would probe it: the headers the server sends, the
 * policy the built page carries on any host, injected script and eval refused, and a normal session that never
 * trips the policy.
 */
import type { Page } from '@playwright/test';
import { expect, SCREENS_DIR, test } from './fixtures.ts';

/** A CSP as directive → sources. */
function directives(policy: string): Map<string, string[]> {
  const parsed = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter(([name]) => name);
  return new Map(parsed.map(([name, ...sources]) => [name!, sources]));
}

/** What the strict policy must say, whichever way it is delivered. */
function expectStrict(policy: Map<string, string[]>) {
  expect(policy.get('default-src')).toEqual(["'none'"]);
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('style-src')).toEqual(["'self'"]);
  expect(policy.get('worker-src')).toEqual(["'self'"]);
  expect(policy.get('connect-src')).toEqual(["'self'"]);
  expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
  expect(policy.get('form-action')).toEqual(["'none'"]);
  expect(policy.get('require-trusted-types-for')).toEqual(["'script'"]);
}

/** Records every securitypolicyviolation the page sees, from its first script on. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

/** The console errors the browser logs for a blocked action: the ones this spec provokes on purpose. */
const isPolicyMessage = (text: string) => /Content Security Policy|Trusted|TrustedScript/.test(text);

test('the production server sends a strict CSP, nosniff, no-referrer and frame-ancestors on every response', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  const workerUrl = page.workers()[0]?.url();
  expect(workerUrl).toBeDefined();
  for (const url of ['/', '/scenarios/vmq-in-a-minute.json', workerUrl!]) {
    const headers = (await request.get(url)).headers();
    const policy = directives(headers['content-security-policy'] ?? '');
    expectStrict(policy);
    // Any page may frame the playground: the embedded player (?embed=1) goes on slides and into documents.
    expect(policy.get('frame-ancestors'), url).toEqual(['*']);
    expect(headers['x-content-type-options'], url).toBe('nosniff');
    expect(headers['referrer-policy'], url).toBe('no-referrer');
  }
});

test('the built page carries the policy in a meta tag before any script, so a host without headers enforces it', async ({
  page,
}) => {
  await page.goto('/');
  const meta = page.locator('head > meta[http-equiv="Content-Security-Policy"]');
  const policy = directives((await meta.getAttribute('content')) ?? '');
  expectStrict(policy);
  // A meta tag cannot carry frame-ancestors; the browser would log an error for it.
  expect(policy.has('frame-ancestors')).toBe(false);
  const beforeScripts = await page.evaluate(() => {
    const tag = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    return [...document.querySelectorAll('script, link')].every(
      (element) => tag && tag.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
  });
  expect(beforeScripts).toBe(true);
});

test('an injected inline script, an HTML string and eval are all refused, with or without the server’s header', async ({
  page,
  consoleErrors,
}) => {
  const violations = await recordViolations(page);
  for (const header of ['sent', 'stripped (a static host)']) {
    if (header !== 'sent') {
      await page.route('/', async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['content-security-policy'];
        await route.fulfill({ response, headers });
      });
    }
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy'] !== undefined, 'the header').toBe(header === 'sent');
    await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');

    const outcome = await page.evaluate(
      // Run from a task, not from the DevTools call itself, which the browser exempts from 'unsafe-eval'.
      () =>
        new Promise<Record<string, string>>((resolve) =>
          setTimeout(() => {
            const ran = window as unknown as { injected?: string };
            const script = document.createElement('script');
            script.append(document.createTextNode('window.injected = "inline script ran"'));
            document.head.append(script);
            let html = 'refused';
            try {
              document.body.insertAdjacentHTML('beforeend', '<img src="x" onerror="window.injected=\'html ran\'">');
              html = 'accepted';
            } catch (error) {
              html = `refused (${(error as Error).name})`;
            }
            let evaluated = 'refused';
            try {
              // biome-ignore lint/security/noGlobalEval: the point is to prove the policy refuses it
              evaluated = String(eval('"eval ran"'));
            } catch (error) {
              evaluated = `refused (${(error as Error).name})`;
            }
            setTimeout(() => resolve({ injected: ran.injected ?? 'nothing ran', html, evaluated }), 50);
          }),
        ),
    );
    expect(outcome, `header ${header}`).toEqual({
      injected: 'nothing ran',
      html: 'refused (TypeError)',
      evaluated: 'refused (EvalError)',
    });
  }
  expect((await violations()).length).toBeGreaterThan(0);
  // The refusals are logged as console errors; they are this test's point, not a fault of the page.
  expect(consoleErrors.filter((text) => !isPolicyMessage(text))).toEqual([]);
  consoleErrors.length = 0;
});

test('a normal session never trips the policy: play, the OID console, the reference viewer; styles, worker and scenarios work', async ({
  page,
}) => {
  const violations = await recordViolations(page);
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute'); // fetched under connect-src
  expect(page.workers()).toHaveLength(1);
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('playback-status')).toHaveText('finished', { timeout: 15_000 }); // the worker ran
  await page.getByTestId('tab-console').click();
  await page.getByTestId('oid-select').selectOption('OID_RECEIVE_FILTER_ENUM_QUEUES');
  await page.getByTestId('oid-send').click();
  await expect(page.getByTestId('oid-answer').getByTestId('status-name')).toHaveText('NDIS_STATUS_SUCCESS');
  await page.getByTestId('oid-console').getByRole('link', { name: /^§/ }).first().click();
  await expect(page.getByTestId('reference-viewer')).toBeVisible();
  await page.keyboard.press('Escape');

  const styles = await page.evaluate(() => ({
    // From the stylesheet (style-src 'self')…
    stylesheet: getComputedStyle(document.querySelector('h1')!).fontWeight,
    // …and React's style={…} props, which go through CSSOM and need no 'unsafe-inline'.
    // (the drawings' widths, say: what the element is given is what it gets).
    inline: [...document.querySelectorAll<HTMLElement>('[style*="width"]')]
      .filter((element) => element.style.width.endsWith('px'))
      .map((element) => [element.style.width, getComputedStyle(element).width]),
  }));
  expect(Number(styles.stylesheet)).toBeGreaterThanOrEqual(600);
  expect(styles.inline.length).toBeGreaterThan(0);
  for (const [given, got] of styles.inline) expect(got).toBe(given);
  expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('data:,');
  expect(await violations()).toEqual([]);
});

/** Text with a right-to-left override, as an attacker would write it to disguise what follows it. */
const RTL = 'VM\u202Egnp.exe';
/**
 * The longest names the scenario format accepts (docs/scenario-format.md, Limits: 64 characters for a VM or flow
 * name, 4000 for a description); the loader refuses longer ones before they reach the page. A VM name is an
 * identifier (letters, digits, "_", "-"), a flow name free text.
 */
const LONG_NAME = `VM_${'x'.repeat(61)}`;
const LONG_FLOW = `${RTL} ${'z'.repeat(64 - RTL.length - 1)}`;
const HOSTILE_TEXT = {
  format: 'vmq-scenario',
  version: 1,
  title: `Hostile text ${RTL}`,
  description: `One unbroken word: ${'y'.repeat(4000 - 'One unbroken word: '.length)}`,
  adapter: { profile: 'ws2012' },
  vms: [
    { name: 'VM1', mac: '00-15-5D-00-00-01' },
    { name: LONG_NAME, mac: '00-15-5D-00-00-02' },
  ],
  steps: [
    {
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      buffer: {
        QueueType: 'NdisReceiveQueueTypeVMQueue',
        ProcessorAffinity: { Mask: 2, Group: 0 },
        VmName: 'VM1',
        QueueName: `${RTL} queue`,
      },
    },
    { note: `Narration with ${RTL} inside, then our own words.` },
    {
      traffic: {
        name: LONG_FLOW,
        dst: '00-15-5D-00-00-01',
        frameBytes: 64,
        count: 1000,
        interval: '1ms',
      },
    },
    { advance: '1us' },
  ],
};

async function openFile(page: Page, name: string, scenario: unknown) {
  await page.getByTestId('scenario-file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
}

test('text with a right-to-left override or at its longest is isolated and cut short, and the page keeps its width', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await openFile(page, 'hostile-text.json', HOSTILE_TEXT);
  await expect(page.getByTestId('scenario-title')).toHaveText(HOSTILE_TEXT.title);
  for (let i = 1; i <= 3; i++) {
    await page.getByTestId('step-scenario').click();
    await expect(page.getByTestId('step-counter')).toHaveText(`${i} / 4`);
  }
  await expect(page.getByTestId('diagram-queue')).toHaveCount(2);
  await expect(page.getByTestId('narration')).toContainText('then our own words');
  await page.getByTestId('tab-traffic').click();
  await expect(page.getByTestId('flow')).toHaveCount(1);

  // Nothing the user wrote widens the page or the log's VM dropdown.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
  expect((await page.getByTestId('log-vm').boundingBox())?.width).toBeLessThan(400);
  expect((await page.getByTestId('traffic-destination').boundingBox())?.width).toBeLessThan(700);

  // In markup: isolated in its own direction, cut with an ellipsis, the whole text in the tooltip.
  const shown = await page.evaluate((long) => {
    const texts = [...document.querySelectorAll<HTMLElement>('[data-user-text]')];
    const longOnes = texts.filter((element) => element.title === long);
    return {
      count: texts.length,
      isolated: texts.every((element) => element.dir === 'auto' && getComputedStyle(element).unicodeBidi === 'isolate'),
      longOnes: longOnes.length,
      cut: longOnes.every(
        (element) => getComputedStyle(element).textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth,
      ),
    };
  }, LONG_NAME);
  expect(shown.count).toBeGreaterThan(0);
  expect(shown.isolated).toBe(true);
  expect(shown.longOnes).toBeGreaterThanOrEqual(1); // the VM's colour key above the diagram
  expect(shown.cut).toBe(true);
  const narration = page.getByTestId('narration');
  await expect(narration).toHaveAttribute('dir', 'auto');
  expect(await narration.evaluate((element) => getComputedStyle(element).unicodeBidi)).toBe('isolate');

  // In our own sentences that quote it (the event log), the override is shown, not obeyed.
  await expect(page.getByTestId('trace-row').filter({ hasText: 'Narration with' })).toContainText(
    'Narration with VM⟨U+202E⟩gnp.exe inside, then our own words.',
  );

  // In an <option>, which CSS cannot isolate: the name shortened, inside FSI … PDI, whole in the tooltip.
  const longOption = page.getByTestId('log-vm').locator('option').last();
  expect(await longOption.textContent()).toMatch(/^\u2068VM_x+…\u2069$/);
  expect((await longOption.textContent())?.length).toBeLessThanOrEqual(42);
  expect(await longOption.getAttribute('title')).toBe(LONG_NAME);

  await page.screenshot({ path: `${SCREENS_DIR}/hostile-text-light.png`, fullPage: true });
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.screenshot({ path: `${SCREENS_DIR}/hostile-text-dark.png`, fullPage: true });
});

test('an error that quotes an override shows the control character instead of letting it reorder the message', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await openFile(page, `${RTL}.json`, { ...HOSTILE_TEXT, vms: [{ name: RTL, mac: '00-15-5D-00-00-01' }] });
  const problem = page.getByTestId('load-problem');
  await expect(problem.locator('[data-user-text]').first()).toHaveText(`${RTL}.json`);
  await expect(page.getByTestId('load-problem-errors')).toContainText(
    '"VM⟨U+202E⟩gnp.exe" is not a valid VM name; use letters',
  );
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
});
