/// A post with highlighted code, and how a test reads the colour a keyword is drawn in.
import type { Page } from '@playwright/test';

export const CODE_POST = `---
title: Code colours
slug: code-post
date: 2024-03-05
status: published
---

\`\`\`python
def acidity(h):
    return -math.log10(h)  # a comment
\`\`\`
`;

/// The palette's keyword colour, #7c3aed, as the browser computes it.
export const KEYWORD_COLOUR = 'rgb(124, 58, 237)';

export function keywordColour(page: Page): Promise<string> {
  return page.locator('.hljs-keyword').first().evaluate((el) => getComputedStyle(el).color);
}
