/// Block markup is made once per post version and then reused, so a dry run, the publish after it
/// and a republish of an unchanged post (each a new `postwright` process) load WordPress's block
/// library once, not three times.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { BlockSpec } from '../../../main/publish/wp-blocks/html-to-blocks';
import { cachedMarkup, keepMarkup } from '../../../main/publish/wp-blocks/markup-cache';
import { serializeBlocks, stopBlockSerializer } from '../../../main/publish/wp-blocks/serialize';

let state: string;
const saved = process.env.POSTWRIGHT_STATE_DIR;
beforeEach(() => {
  state = mkdtempSync(path.join(os.tmpdir(), 'pw-blocks-cache-'));
  process.env.POSTWRIGHT_STATE_DIR = state;
});
afterEach(async () => {
  await stopBlockSerializer();
  if (saved === undefined) delete process.env.POSTWRIGHT_STATE_DIR;
  else process.env.POSTWRIGHT_STATE_DIR = saved;
  rmSync(state, { recursive: true, force: true });
});

const paragraph = (content: string): BlockSpec => ({ name: 'core/paragraph', attributes: { content }, innerBlocks: [] });

it('keeps markup by the blocks it was made from, outside the library', () => {
  const specs = [paragraph('Salt pulls water out.')];
  expect(cachedMarkup(specs)).toBeNull();
  keepMarkup(specs, '<!-- wp:paragraph -->\n<p>Salt pulls water out.</p>\n<!-- /wp:paragraph -->');
  expect(cachedMarkup(specs)).toContain('<p>Salt pulls water out.</p>');
  // Other blocks are other markup.
  expect(cachedMarkup([paragraph('Salt pulls water in.')])).toBeNull();
  expect(readdirSync(path.join(state, 'cache', 'wp-blocks'))).toHaveLength(1);
});

it('serves kept markup without loading the block library, and keeps what it makes', async () => {
  const kept = [paragraph('Kept before.')];
  // Not what the library would make: proves the answer came from the cache, not the worker.
  keepMarkup(kept, '<!-- wp:paragraph -->\n<p>from the cache</p>\n<!-- /wp:paragraph -->');
  expect(await serializeBlocks(kept)).toContain('from the cache');

  const fresh = [paragraph('Made now.')];
  const made = await serializeBlocks(fresh);
  expect(made).toBe('<!-- wp:paragraph -->\n<p>Made now.</p>\n<!-- /wp:paragraph -->');
  expect(cachedMarkup(fresh)).toBe(made);
}, 180_000);
