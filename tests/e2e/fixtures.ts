/// Playwright fixtures: a fresh library, the real browser host on it, and a page object
/// that drives the studio the way a writer does.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { removeLibrary, startHost, tempLibrary, type RunningHost } from './host';

export class Studio {
  readonly editor: Locator;
  readonly editorContent: Locator;
  readonly preview: Locator;
  readonly articleBody: Locator;
  readonly saveState: Locator;
  readonly posts: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByTestId('editor');
    this.editorContent = page.locator('.cm-content');
    // The preview is a sandboxed frame; its scroller and article live inside it.
    const frame = page.frameLocator('iframe[data-testid="preview-frame"]');
    this.preview = frame.getByTestId('preview');
    this.articleBody = frame.getByTestId('article-body');
    this.saveState = page.getByTestId('save-state');
    this.posts = page.getByRole('listbox', { name: 'Posts' });
  }

  async open(host: RunningHost): Promise<void> {
    await this.page.goto(host.url);
    await expect(this.posts.getByRole('option').first()).toBeVisible();
  }

  post(title: string): Locator {
    return this.posts.getByRole('option').filter({ hasText: title });
  }

  async openPost(title: string): Promise<void> {
    await this.post(title).click();
    await expect(this.page.locator('.toolbar-title')).toHaveText(title);
  }

  /// From an open Publish dialog: Add a target → a Hugo site at `clone`, named `name`; leaves
  /// the targets dialog open.
  async addHugoTarget(name: string, clone: string): Promise<Locator> {
    await this.page.getByRole('dialog', { name: 'Publish' }).getByRole('button', { name: 'Add a target' }).click();
    const targets = this.page.getByRole('dialog', { name: 'Publishing targets' });
    await targets.getByRole('button', { name: 'Add a target' }).click();
    await targets.getByRole('combobox', { name: 'Kind' }).selectOption('hugo');
    await targets.getByLabel('Name', { exact: true }).fill(name);
    await targets.getByLabel('Folder of the site’s git clone').fill(clone);
    await targets.getByRole('button', { name: 'Add target' }).click();
    return targets;
  }

  async createPost(title: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New post' }).click();
    await this.page.getByLabel('New post title').fill(title);
    await this.page.getByRole('button', { name: 'Create' }).click();
    await expect(this.post(title)).toHaveAttribute('aria-selected', 'true');
  }

  /// Puts the cursor at the end of the text and types, as a person would.
  async typeAtEnd(text: string): Promise<void> {
    await this.editorContent.click();
    await this.page.keyboard.press('ControlOrMeta+End');
    await this.page.keyboard.type(text);
  }

  async editorText(): Promise<string> {
    return this.page.evaluate(() => {
      const lines = [...document.querySelectorAll('.cm-content .cm-line')].map((line) => line.textContent ?? '');
      return lines.join('\n');
    });
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+s');
    await expect(this.saveState).toHaveText('Saved');
  }
}

export const test = base.extend<{ library: string; host: RunningHost; studio: Studio }>({
  // eslint-disable-next-line no-empty-pattern
  library: async ({}, use) => {
    const library = tempLibrary();
    await use(library);
    removeLibrary(library);
  },
  host: async ({ library }, use) => {
    const host = await startHost(library);
    await use(host);
    await host.stop();
  },
  studio: async ({ page }, use) => {
    await use(new Studio(page));
  },
});

export { expect };
