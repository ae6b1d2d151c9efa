/// The sample science post of the end-to-end suites: the radish review and its .bib, written
/// into the test library and opened in the studio.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningHost } from './host';
import type { Studio } from './fixtures';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/science');
export const REVIEW_TITLE = 'Do radishes need more water than we think? A review';

/// Writes the review into `library` and opens it; answers the post's folder.
export async function openReview(host: RunningHost, library: string, studio: Studio): Promise<string> {
  const dir = path.join(library, 'posts', 'radish-review');
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(fixtures, 'review.md'), path.join(dir, 'index.md'));
  copyFileSync(path.join(fixtures, 'refs.bib'), path.join(dir, 'refs.bib'));
  await studio.open(host);
  await studio.openPost(REVIEW_TITLE);
  return dir;
}
