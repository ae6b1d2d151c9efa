/// The post a new library starts with: it shows what the preview can do and how to begin.
export function welcomePost(date: string): string {
  return `---
title: Welcome to Postwright
slug: welcome
date: ${date}
status: draft
tags: [getting-started]
excerpt: A short tour of your new writing studio.
---

Postwright keeps every post as a plain markdown file on your computer, shows it the way your readers will see it, and publishes it to your blog when you are ready.

## Writing

Type on the left; the article on the right follows as you write. Use **bold**, *italic*, [links](https://example.org) and lists:

- Draft offline, anywhere.
- Press **Ctrl+S** (or **⌘S**) to save; Postwright also saves a moment after you stop typing.
- Every post lives in its own folder, with its images beside it.

## Tables, footnotes and math

| Sample | pH | Notes |
|--------|---:|-------|
| Yogurt | 4.4 | live cultures |
| Sauerkraut | 3.5 | sour |

Fermented foods lower the pH of the gut[^ph].

Inline math like $E = mc^2$ works, and so does display math:

$$
\\bar{x} = \\frac{1}{n} \\sum_{i=1}^{n} x_i
$$

[^ph]: A lower pH means a more acidic environment.

## Code

\`\`\`python
def mean(values):
    return sum(values) / len(values)
\`\`\`

Happy writing!
`;
}
