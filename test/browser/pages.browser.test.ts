import type { Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { realModelAvailable } from '../support/model.js';
import {
  artifactPath,
  type Browser,
  browserAvailable,
  launchBrowser,
  type PagesServer,
  startPagesServer,
} from './harness.js';

const ready = realModelAvailable() && browserAvailable();
if (!ready)
  console.warn('[browser tests] skipped: no embedding model or no Chromium (REQUIRE_BROWSER=1 makes that fail)');

/** Waits for a value in the page; answers need the model, so allow more than expect.poll's default second. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 50 });

/** What explorer.js exposes on window for tests and tools. */
interface ExplorerHooks {
  viewportPosition(id: string): { x: number; y: number } | undefined;
  highlightedNodes(): string[];
  highlightedEdges(): string[];
}
/** The page's globalThis, as seen from the functions given to page.evaluate (which run in the browser). */
type PageGlobal = { kgExplorer?: ExplorerHooks };

/**
 * The pages in headless Chromium against the real server: real model, memory store, demo pack.
 * Screenshots of every page land in test-artifacts/.
 */
describe.skipIf(!ready)('pages in a browser', () => {
  let server: PagesServer;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startPagesServer(), launchBrowser(errors)]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    // Script errors and CSP violations both surface as console errors.
    expect(errors).toEqual([]);
    errors.length = 0;
  });

  /** Every POST /v1/ask body the page sends. */
  function recordAsks(page: Page) {
    const asks: { question: string; sessionId?: string; channel?: string }[] = [];
    page.on('request', (req: Request) => {
      if (req.method() === 'POST' && new URL(req.url()).pathname === '/v1/ask') asks.push(req.postDataJSON());
    });
    return asks;
  }

  const answers = (page: Page) => page.locator('article.msg-bot[data-status]');

  async function ask(page: Page, question: string) {
    const before = await answers(page).count();
    await page.getByLabel(/您的问题|Your question/).fill(question);
    await page.keyboard.press('Enter');
    await poll(() => answers(page).count()).toBe(before + 1);
    return answers(page).nth(before);
  }

  it('chat: answers with citations, asks back with choices, keeps one session, hands over', async () => {
    const page = await browser.newPage();
    const asks = recordAsks(page);
    await page.goto(`${server.url}/`);
    await poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');

    const price = await ask(page, 'X1 耳机多少钱？');
    expect(await price.getAttribute('data-status')).toBe('answered');
    expect(await price.locator('.answer').textContent()).toContain('699');
    expect(await price.locator('.citation-source').allTextContents()).toContain('products.csv');
    expect(await price.locator('.citation-location').first().textContent()).toMatch(/^line \d+$/);
    expect(await price.locator('.confidence').textContent()).toMatch(/\d+%/);
    expect(await price.locator('a.why').getAttribute('href')).toMatch(/^\/explorer\?focus=p-x1&/);

    const clarify = await ask(page, 'Pro 充电宝多少钱');
    expect(await clarify.getAttribute('data-status')).toBe('clarify');
    const choices = clarify.locator('button.suggestion');
    expect(await choices.count()).toBeGreaterThanOrEqual(2);
    const choice = await choices.first().textContent();
    await page.screenshot({ path: artifactPath('chat.png'), animations: 'disabled' });

    // Clicking a choice asks again with it, in the same session.
    await choices.first().click();
    await poll(() => answers(page).count()).toBe(3);
    expect(asks.at(-1)?.question).toBe(choice);
    expect(await answers(page).nth(2).getAttribute('data-status')).toMatch(/answered|clarify|fallback|escalated/);

    // "Talk to a human": a visible handover notice and the request, same session again.
    await page.getByRole('button', { name: '转人工客服' }).click();
    await poll(() => page.locator('.notice-handover').count()).toBe(1);
    await poll(() => answers(page).count()).toBe(4);
    expect(asks.at(-1)?.question).toBe('人工客服');

    expect(asks).toHaveLength(4);
    expect(new Set(asks.map((a) => a.sessionId)).size).toBe(1);
    expect(asks[0]?.sessionId).toMatch(/^web-[0-9a-f]{32}$/);
    expect(asks.every((a) => a.channel === 'web')).toBe(true);
    await page.screenshot({ path: artifactPath('chat-handover.png'), animations: 'disabled' });

    // The interface switches to English and stays so on reload; a new page load is a new session.
    await page.getByRole('button', { name: 'EN' }).click();
    expect(await page.locator('#send span').textContent()).toBe('Send');
    await page.reload();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByLabel('Your question').getAttribute('placeholder')).toMatch(/^Ask a question/);
    await ask(page, 'What is the warranty on the X2?');
    expect(asks.at(-1)?.sessionId).not.toBe(asks[0]?.sessionId);
    await page.getByRole('button', { name: '中文' }).click();
    await page.close();
  });

  it('explorer: searches, draws the neighbourhood with sigma, shows a clicked node', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/explorer`);
    await page.getByLabel('搜索实体').fill('X1');
    await page.keyboard.press('Enter');
    const graph = page.locator('#graph');
    await poll(async () => Number(await graph.getAttribute('data-node-count'))).toBeGreaterThan(1);
    await poll(() => graph.getAttribute('data-rendered')).toBe('true');
    expect(await graph.getAttribute('data-focus')).toBe('p-x1');
    expect(Number(await graph.getAttribute('data-edge-count'))).toBeGreaterThan(0);
    // sigma drew into its WebGL canvas, sized to the stage
    const canvas = await graph.locator('canvas').first().boundingBox();
    expect(canvas?.width).toBeGreaterThan(300);
    expect(await page.locator('#details h3').textContent()).toBe('X1 降噪耳机');
    await page.screenshot({ path: artifactPath('explorer.png'), animations: 'disabled' });

    // Click the X2 node on the canvas itself: the details panel shows its attributes and sources.
    const at = await page.evaluate(() => (globalThis as unknown as PageGlobal).kgExplorer?.viewportPosition('p-x2'));
    const box = await graph.boundingBox();
    if (!at || !box) throw new Error('p-x2 is not drawn');
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await poll(() => page.locator('#details h3').textContent()).toBe('X2 降噪耳机');
    expect(await page.locator('#details table.kv th').allTextContents()).toContain('price');
    expect(await page.locator('#details tr[data-key="price"] .src').textContent()).toMatch(/products\.csv · line \d+/);
    await page.screenshot({ path: artifactPath('explorer-node.png'), animations: 'disabled' });

    // The same through the keyboard: the list of drawn nodes is made of buttons.
    await page.locator('#node-list button[data-node="cat-headphones"]').focus();
    await page.keyboard.press('Enter');
    await poll(() => page.locator('#details h3').textContent()).toBe('耳机');
    await page.close();
  });

  it('"Why this answer?" opens the explorer with the answer\'s nodes and facts highlighted', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    const answer = await ask(page, 'X1 耳机多少钱？');
    const [explorer] = await Promise.all([
      browser.context.waitForEvent('page'),
      answer.getByRole('link', { name: '为什么是这个答案？' }).click(),
    ]);
    await explorer.waitForLoadState();
    expect(new URL(explorer.url()).pathname).toBe('/explorer');
    const graph = explorer.locator('#graph');
    await poll(() => graph.getAttribute('data-rendered')).toBe('true');
    const highlighted = await explorer.evaluate(
      () => (globalThis as unknown as PageGlobal).kgExplorer?.highlightedNodes() ?? [],
    );
    expect(highlighted).toContain('p-x1');
    expect(Number(await graph.getAttribute('data-node-count'))).toBeGreaterThan(highlighted.length);
    expect(await explorer.locator('#why-banner').isVisible()).toBe(true);
    // The price fact is an attribute: its row is marked, with its source.
    await poll(() => explorer.locator('#details tr.is-highlighted').getAttribute('data-key')).toBe('price');
    expect(await explorer.locator('#details tr.is-highlighted .src').textContent()).toContain('products.csv');
    await explorer.screenshot({ path: artifactPath('explorer-why.png'), animations: 'disabled' });

    // A relationship answer highlights the edge too.
    const rel = await ask(page, 'X2 降噪耳机是哪款的升级版？');
    const href = await rel.locator('a.why').getAttribute('href');
    await explorer.goto(`${server.url}${href}`);
    await poll(() => explorer.locator('#graph').getAttribute('data-rendered')).toBe('true');
    const edges = await explorer.evaluate(
      () => (globalThis as unknown as PageGlobal).kgExplorer?.highlightedEdges() ?? [],
    );
    expect(edges.some((e) => e.includes('SUCCESSOR_OF'))).toBe(true);
    expect(
      await explorer.evaluate(() => (globalThis as unknown as PageGlobal).kgExplorer?.highlightedNodes() ?? []),
    ).toEqual(expect.arrayContaining(['p-x1', 'p-x2']));
    await explorer.screenshot({ path: artifactPath('explorer-why-relationship.png'), animations: 'disabled' });
    await explorer.close();
    await page.close();
  });

  it('asks for an API key when the server requires one, and sends it as x-api-key', async () => {
    const key = 'browser-test-key-0123456789';
    const url = await server.another({ keys: [{ key, scopes: ['ask', 'read'] }], publicScopes: [] });
    const page = await browser.newPage();
    const sent: (string | undefined)[] = [];
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === '/v1/ask') sent.push(req.headers()['x-api-key']);
    });
    await page.goto(`${url}/`);
    await page.getByLabel('您的问题').fill('X1 耳机多少钱？');
    await page.keyboard.press('Enter');
    const dialog = page.locator('#key-dialog');
    await poll(() => dialog.isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath('chat-key.png'), animations: 'disabled' });
    await dialog.getByLabel('API 密钥').fill(key);
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => answers(page).count()).toBe(1);
    expect(await answers(page).first().locator('.answer').textContent()).toContain('699');
    expect(sent).toEqual([undefined, key]);
    // The 401 notice stays in the log, but the retried question got its answer.
    expect(await page.locator('.notice-error').count()).toBe(0);
    await page.close();
    // Expected 401s on the first try show up as console errors ("Failed to load resource").
    errors.splice(0, errors.length, ...errors.filter((e) => !/status of 401/.test(e)));
  });
});
