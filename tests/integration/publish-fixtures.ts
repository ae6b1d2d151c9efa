/// A real blog post to publish (headings, a list, a table, code, math, two images and a cover),
/// in a real Library in a temporary folder, and a PublishService over it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { Library } from '../../main/library/library';
import { parsePostFile, setFrontMatterFields } from '../../shared/frontmatter';
import { libraryPostStore } from '../../main/publish/post-store';
import { FileSecretStore } from '../../main/publish/secrets';
import { PublishService, type PublishServiceOptions } from '../../main/publish/service';

export const POST_ID = 'fermentation-notes';

export function postText(extra = ''): string {
  return `---
title: Fermentation notes
slug: fermentation-notes
date: 2024-03-04
status: published
tags: [food, science]
categories: [Kitchen Notes]
excerpt: What a jar of cabbage taught me about acids.
cover: cover.png
---

## Why ferment?

Fermenting is **slow cooking** by microbes. Three things matter:

- salt, about 2 % by weight
- temperature, 18–22 °C
- patience

## Measurements

| Sample | pH | Notes |
|--------|---:|-------|
| Sauerkraut | 3.5 | crunchy |
| Kefir | 4.2 | fizzy |

\`\`\`python
def acidity(h):
    return -math.log10(h)  # {{ not a template }} {{% nor this %}} {% if x %}
\`\`\`

The pH is $\\mathrm{pH} = -\\log_{10} [\\mathrm{H^+}]$, and the mean of the samples is

$$
\\bar{x} = \\frac{1}{n} \\sum_{i=1}^{n} x_i
$$

![A jar of sauerkraut](jar.png)

![The crock](img/crock.png "My grandmother's crock")
${extra}`;
}

export interface TestLibrary {
  root: string;
  stateDir: string;
  library: Library;
  /// Writes the post and its images (the cover is also used nowhere else).
  writePost(text?: string, id?: string): void;
  /// Replaces the post's text as an editor would, keeping the `publish:` record it has.
  rewrite(text: string, id?: string): Promise<void>;
  service(options?: Partial<PublishServiceOptions>): PublishService;
  /// Every file under the library and the state folder that contains `needle`.
  filesContaining(needle: string): string[];
  remove(): void;
}

export async function makeLibrary(): Promise<TestLibrary> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pw-publib-'));
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'pw-pubstate-'));
  const library = await new Library(root).open();
  const writePost = (text = postText(), id = POST_ID) => {
    const dir = path.join(root, 'posts', id);
    for (const [file, rgb] of [['jar.png', [200, 60, 40]], ['img/crock.png', [40, 90, 200]], ['cover.png', [30, 160, 70]]] as const) {
      const full = path.join(dir, file);
      rmSync(full, { force: true });
      writeFileSync(ensureDir(full), makePng(24, 16, rgb));
    }
    writeFileSync(path.join(dir, 'index.md'), text);
  };
  return {
    root,
    stateDir,
    library,
    writePost,
    async rewrite(text, id = POST_ID) {
      const current = await library.get(id);
      const publish = parsePostFile(current.text).data.publish;
      await library.save(id, publish ? setFrontMatterFields(text, { publish }) : text, current.hash);
    },
    service: (options = {}) =>
      new PublishService({
        libraryRoot: root,
        store: libraryPostStore(library),
        secrets: new FileSecretStore(path.join(stateDir, 'secrets.json')),
        outbox: { baseDelayMs: 50, maxDelayMs: 400 },
        ...options,
      }),
    filesContaining: (needle) => [...walk(root), ...walk(stateDir)].filter((file) => readFileSync(file).includes(needle)),
    remove() {
      rmSync(root, { recursive: true, force: true });
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

function ensureDir(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/// A real PNG (WordPress checks uploads are the image they claim to be); `noise` makes it big
/// and incompressible, for cutting an upload in the middle.
export function makePng(width: number, height: number, rgb: readonly [number, number, number], noise = false): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) raw[row + 1 + x * 3 + c] = noise ? Math.floor(Math.random() * 256) : rgb[c]!;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
