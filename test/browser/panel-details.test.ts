import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DATA_DIR } from '../../src/internal/paths.js';
import { launchBrowser, openPage, screenshot, waitUntil, type OpenedPage } from '../helpers/browser.js';
import { callApi, startStandin, type StandinServer } from '../helpers/standin.js';
import { startTestPlugin, type TestPlugin } from './fixtures.js';

/**
 * Details of the action panel in chromium against the real stand-in server:
 * icons from elsewhere, descriptions, multi-selection, targeted
 * notifications and pushed forms, live job progress, thumbnails, and
 * keyboard-only use. (The end-to-end encode is in action-panel.test.ts.)
 */
describe('web page - action panel details in chromium', function () {
  this.timeout(180_000);
  let browser: Browser;
  let server: StandinServer | undefined;
  let plugin: TestPlugin | undefined;
  let opened: OpenedPage | undefined;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await opened?.context.close();
    await plugin?.close();
    await server?.close();
    opened = undefined;
    plugin = undefined;
    server = undefined;
  });

  type Page = OpenedPage['page'];

  async function discover(page: Page): Promise<void> {
    await page.click('#discover');
    await page.waitForSelector('.action-group, .no-actions', { timeout: 30_000 });
  }

  async function expand(page: Page, names: RegExp[]): Promise<void> {
    for (const name of names) {
      const toggle = await page.getByRole('button', { name }).first().elementHandle();
      assert.ok(toggle, String(name));
      await toggle.click();
      await page.waitForFunction(
        (el) => el.getAttribute('aria-expanded') === 'true' && !el.closest('li')?.querySelector(':scope > ul')?.textContent?.includes('Loading'),
        toggle,
      );
    }
  }

  function userId(username: string): string {
    const user = server!.users.list().find((u) => u.username === username);
    assert.ok(user, username);
    return user.id;
  }

  it('web page - an icon on another origin or a predefined icon name shows the letter icon, loads nothing, and the description is visible', async () => {
    server = await startStandin();
    plugin = await startTestPlugin(server, {
      items: [
        {
          label: 'Farm publish',
          actionIdentifier: 'test.farm',
          icon: 'https://studio.example/icons/farm.png',
          description: 'Send the selection to the render farm',
        },
        { label: 'Named icon', actionIdentifier: 'test.named', icon: 'publish' },
      ],
      onLaunch: () => undefined,
    });
    opened = await openPage(browser, server.url);
    const { page } = opened;
    await page.getByRole('checkbox', { name: /Select Project/ }).first().check();
    await discover(page);
    const farm = page.locator('.action-group', { hasText: 'Farm publish' });
    await farm.waitFor();
    assert.equal(await page.locator('img.action-icon').count(), 0, 'no <img> for an icon outside the stand-in');
    const letter = farm.locator('.action-icon-letter');
    assert.equal(await letter.innerText(), 'F');
    assert.match((await letter.getAttribute('title')) ?? '', /https:\/\/studio\.example\/icons\/farm\.png/);
    const named = page.locator('.action-group', { hasText: 'Named icon' }).locator('.action-icon-letter');
    assert.equal(await named.innerText(), 'N');
    assert.match((await named.getAttribute('title')) ?? '', /publish/);

    const description = farm.getByText('Send the selection to the render farm');
    assert.equal(await description.isVisible(), true, 'the description is shown, not only a tooltip');
    const box = await description.boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0);
    await screenshot(page, 'details-icons');

    assert.deepEqual(opened.foreignRequests, [], 'nothing requested outside the stand-in');
    assert.deepEqual(opened.errors, [], 'no CSP or other console error');
  });

  it('web page - two selected entities are both sent in the launch selection', async () => {
    server = await startStandin();
    plugin = await startTestPlugin(server, {
      items: [{ label: 'Count', actionIdentifier: 'test.count' }],
      onLaunch: (event) => ({ success: true, message: `Got ${(event.data as { selection: unknown[] }).selection.length}` }),
    });
    opened = await openPage(browser, server.url);
    const { page } = opened;
    await expand(page, [/Expand Project/]);
    const project = page.getByRole('checkbox', { name: /Select Project/ }).first();
    const sequence = page.getByRole('checkbox', { name: /Select Sequence/ }).first();
    await project.check();
    await sequence.check();
    const projectId = await project.getAttribute('data-entity-id');
    const sequenceId = await sequence.getAttribute('data-entity-id');
    assert.ok(projectId && sequenceId && projectId !== sequenceId);
    await discover(page);
    await page.getByRole('button', { name: 'Count' }).click();
    await page.locator('.launch-message.success', { hasText: 'Got 2' }).waitFor();
    await waitUntil(() => plugin!.received.some((e) => e.topic === 'ftrack.action.launch'), 'the plugin to receive launch');
    const launch = plugin.received.find((e) => e.topic === 'ftrack.action.launch')!;
    const selection = (launch.data as { selection: { entityId: string; entityType: string }[] }).selection;
    assert.equal(selection.length, 2);
    assert.deepEqual(
      [...selection].sort((a, b) => a.entityType.localeCompare(b.entityType)),
      [
        { entityId: projectId, entityType: 'show' },
        { entityId: sequenceId, entityType: 'task' },
      ],
    );
    const discoverEvent = plugin.received.find((e) => e.topic === 'ftrack.action.discover')!;
    assert.equal((discoverEvent.data as { selection: unknown[] }).selection.length, 2);
  });

  it('web page - trigger-user-interface: only messages for this user show; a pushed form renders and submits back', async () => {
    server = await startStandin();
    const submitted: unknown[] = [];
    plugin = await startTestPlugin(server, {
      items: [],
      onLaunch: (event) => {
        submitted.push(event.data);
        return { success: true, message: 'Pushed form received' };
      },
    });
    opened = await openPage(browser, server.url);
    const { page } = opened;
    await page.waitForSelector('#hub-status[data-state=connected]');
    const target = (username: string): string => `applicationId=ftrack.client.web and user.id="${userId(username)}"`;
    // Published in this order on one connection: if the artist's message were shown, it would be there before demo's.
    await plugin.hub.publish({
      topic: 'ftrack.action.trigger-user-interface',
      target: target('artist'),
      data: { type: 'message', success: false, message: 'For artist only' },
    });
    await plugin.hub.publish({
      topic: 'ftrack.action.trigger-user-interface',
      target: target('demo'),
      data: { type: 'message', success: false, message: 'For demo' },
    });
    await page.locator('.toast-error', { hasText: 'For demo' }).waitFor();
    assert.equal(await page.locator('.toast', { hasText: 'For artist only' }).count(), 0, 'a message for another user is not shown');

    await plugin.hub.publish({
      topic: 'ftrack.action.trigger-user-interface',
      target: target('demo'),
      data: {
        type: 'form',
        title: 'Pushed settings',
        actionIdentifier: 'test.pushed',
        items: [{ type: 'text', name: 'shot', label: 'Shot name', value: 'sh010' }],
      },
    });
    const form = page.locator('form.action-form');
    await form.waitFor();
    assert.equal(await form.locator('h3').innerText(), 'Pushed settings');
    await form.getByLabel('Shot name').fill('sh030');
    await screenshot(page, 'details-pushed-form');
    await form.getByRole('button', { name: /Submit/ }).click();
    await page.locator('.launch-message.success', { hasText: 'Pushed form received' }).waitFor();
    const data = submitted[0] as { actionIdentifier: string; values: Record<string, unknown> };
    assert.equal(data.actionIdentifier, 'test.pushed');
    assert.deepEqual(data.values, { shot: 'sh030' });
    assert.deepEqual(opened.errors, []);
  });

  it('web page - the jobs panel shows the live progress of a job from ftrack.update', async () => {
    server = await startStandin();
    opened = await openPage(browser, server.url);
    const { page } = opened;
    await page.waitForSelector('#hub-status[data-state=connected]');
    const jobId = '5a1f3c2e-0b7d-4d8e-9f10-2a3b4c5d6e7f';
    const created = await callApi(server, [
      { action: 'create', entity_type: 'Job', entity_data: { id: jobId, status: 'running', type: 'api_job', user_id: userId('demo'), data: JSON.stringify({ description: 'Render test' }) } },
    ]);
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const job = page.locator(`.job[data-job-id="${jobId}"]`);
    await job.waitFor();
    assert.equal(await job.getAttribute('data-status'), 'running');

    const updated = await callApi(server, [
      { action: 'update', entity_type: 'Job', entity_key: [jobId], entity_data: { data: JSON.stringify({ description: 'Render test', progress: 0.5 }) } },
    ]);
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    await job.locator('.job-progress', { hasText: '50 %' }).waitFor();
    assert.equal(await job.locator('progress').getAttribute('value'), '0.5');
    await screenshot(page, 'details-job-progress');

    await callApi(server, [{ action: 'update', entity_type: 'Job', entity_key: [jobId], entity_data: { status: 'done' } }]);
    await page.waitForSelector(`.job[data-job-id="${jobId}"][data-status=done]`);
    assert.equal(await job.locator('.job-progress').count(), 0, 'no progress once done');
  });

  it('web page - a version thumbnail loads in the tree', async () => {
    server = await startStandin();
    opened = await openPage(browser, server.url);
    const { page } = opened;
    // The demo version has no thumbnail: upload an image and make it the version's thumbnail.
    await page.setInputFiles('#upload-file', join(DATA_DIR, 'image.png'));
    await page.click('#upload-form button[type=submit]');
    await page.waitForSelector('#upload-status[data-component-id]', { timeout: 60_000 });
    const componentId = (await page.getAttribute('#upload-status', 'data-component-id'))!;
    const [versions] = (await callApi(server, [{ action: 'query', expression: 'select id from AssetVersion where version is 1' }])).body as { data: { id: string }[] }[];
    const versionId = versions!.data[0]!.id;
    const set = await callApi(server, [{ action: 'update', entity_type: 'AssetVersion', entity_key: [versionId], entity_data: { thumbnail_id: componentId } }]);
    assert.equal(set.status, 200, JSON.stringify(set.body));

    await expand(page, [/Expand Project/, /Expand Sequence/, /Expand Shot/, /Expand Asset /]);
    const thumb = page.locator(`.node[data-entity-id="${versionId}"] > .node-row img.thumb`);
    await thumb.waitFor();
    await thumb.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (id) => {
        const img = document.querySelector<HTMLImageElement>(`.node[data-entity-id="${id}"] > .node-row img.thumb`);
        return img !== null && img.complete && img.naturalWidth > 0;
      },
      versionId,
      { timeout: 60_000 },
    );
    const width = await thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth);
    assert.ok(width > 0 && width <= 96, `thumbnail ${width}px wide`);
    await screenshot(page, 'details-thumbnail');
    assert.deepEqual(opened.foreignRequests, []);
  });

  it('web page - keyboard only: Tab to a row, select it, Tab to Actions, Enter discovers, Enter launches', async () => {
    server = await startStandin();
    plugin = await startTestPlugin(server, {
      items: [{ label: 'Keyboard action', actionIdentifier: 'test.keyboard' }],
      onLaunch: () => ({ success: true, message: 'Launched from the keyboard' }),
    });
    opened = await openPage(browser, server.url);
    const { page } = opened;
    await page.waitForSelector('#hub-status[data-state=connected]');
    const focused = (): Promise<string> =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el ? `${el.id ? `#${el.id}` : el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent ?? ''}`.trim() : '';
      });
    /** Presses Tab until the focused control matches, at most 40 times. */
    async function tabTo(pattern: RegExp): Promise<void> {
      const seen: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press('Tab');
        const now = await focused();
        if (pattern.test(now)) return;
        seen.push(now);
      }
      assert.fail(`Tab never reached ${String(pattern)}; focus went through: ${seen.join(' | ')}`);
    }

    await tabTo(/Skip to actions/);
    await tabTo(/Select Project/);
    // A checkbox toggles with Space, as in every browser.
    await page.keyboard.press('Space');
    assert.equal(await page.getByRole('checkbox', { name: /Select Project/ }).first().isChecked(), true);
    await tabTo(/^#discover/);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Keyboard action' }).waitFor();
    await waitUntil(async () => /Keyboard action/.test(await focused()), 'focus to move to the first action');
    await page.keyboard.press('Enter');
    await page.locator('.launch-message.success', { hasText: 'Launched from the keyboard' }).waitFor();
    await waitUntil(() => plugin!.received.some((e) => e.topic === 'ftrack.action.launch'), 'the plugin to receive launch');
    await screenshot(page, 'details-keyboard-launch');
    assert.deepEqual(opened.errors, []);
  });
});
