/// The rich post for the way-back tests: every construct Postwright renders, two images (one used
/// twice), in the markdown style Postwright's converter writes back.
export const RICH_ID = 'rich-post';

export const RICH_BODY = `## Why *ferment*?

Fermenting is **slow cooking** by [microbes](https://example.com/microbes), with ~~no~~ little \`effort\`.[^1]

- salt, about 2 % by weight
- temperature, 18–22 °C

1. Chop
2. Wait

> Patience is a *flavour*.

| Sample | pH | Notes |
| :--- | ---: | :---: |
| Sauerkraut | 3.5 | crunchy |
| Kefir | 4.2 | fizzy |

\`\`\`python
def acidity(h):
    return -math.log10(h)
\`\`\`

The pH is $\\mathrm{pH} = -\\log_{10} [\\mathrm{H^+}]$, and the mean is

$$
\\bar{x} = \\frac{1}{n} \\sum_{i=1}^{n} x_i
$$

![A jar of sauerkraut](jar.png)

![The crock](crock.png "My grandmother's crock")

<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315" allowfullscreen=""></iframe>

---

The jar again:

![A jar of sauerkraut](jar.png)

[^1]: Lactobacillus does the work.
`;

export function richPost(): string {
  return `---\ntitle: Rich post\nslug: rich-post\ndate: 2024-03-04\nstatus: published\ntags: [science]\n---\n\n${RICH_BODY}`;
}
