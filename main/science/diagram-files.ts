/// Diagram files beside a post: which are there (the render pipeline shows those as images),
/// writing one the app drew (cleaned again here, named here from its source, atomic, inside
/// the post's folder only), and the PNG copy for blogs that strip SVG.
import { promises as fs } from 'node:fs';
import type MarkdownIt from 'markdown-it';
import { createMarkdown } from '../../shared/render/markdown';
import { DIAGRAM_FILE, diagramName, findDiagrams, normalizeSource, type DiagramOptions, type DiagramSource } from '../../shared/render/science/diagram';
import { cleanDiagramSvg, MAX_DIAGRAM_SOURCE_CHARS } from '../../shared/render/science/diagram-svg';
import { writeFileAtomic } from '../fs/atomic-write';
import { resolveInsideReal } from '../library/paths';
import { createNodePurify } from '../render/node-purify';

export class DiagramError extends Error {}

/// Names ("diagram-<hash>") of the SVG files in the post's folder.
export async function drawnDiagrams(dir: string): Promise<Set<string>> {
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  return new Set(entries.filter((entry) => DIAGRAM_FILE.test(entry) && entry.endsWith('.svg')).map((entry) => entry.slice(0, -4)));
}

export async function diagramOptions(dir: string, format: 'svg' | 'png' = 'svg'): Promise<DiagramOptions> {
  const names = await drawnDiagrams(dir);
  return { has: (name) => names.has(name), format };
}

let parser: MarkdownIt | undefined;

export function diagramsOf(body: string): DiagramSource[] {
  return findDiagrams((parser ??= createMarkdown('commonmark')), body);
}

/// Writes the drawing of `source` and answers its name. The name is made here from the source,
/// so a caller cannot choose which file it writes.
/// `drafts`: drawings the app made of earlier versions while the diagram was typed; removed.
export async function saveDiagram(dir: string, source: string, svg: string, drafts: readonly string[] = []): Promise<string> {
  if (source.length > MAX_DIAGRAM_SOURCE_CHARS) throw new DiagramError('This diagram is too long to draw.');
  const clean = cleanDiagramSvg(createNodePurify(), svg);
  if (!clean) throw new DiagramError('The drawing of this diagram is empty or too large to keep.');
  const name = diagramName(normalizeSource(source));
  const file = await resolveInsideReal(dir, `${name}.svg`);
  const existing = await fs.readFile(file, 'utf8').catch(() => null);
  if (existing !== clean) await writeFileAtomic(file, clean);
  for (const draft of drafts) {
    if (draft === name || !DIAGRAM_FILE.test(`${draft}.svg`)) continue;
    for (const ext of ['svg', 'png']) await fs.rm(await resolveInsideReal(dir, `${draft}.${ext}`), { force: true });
  }
  return name;
}

/// The PNG copy of a drawn diagram, made from its SVG the first time it is needed.
export async function ensureDiagramPng(dir: string, name: string): Promise<void> {
  const png = await resolveInsideReal(dir, `${name}.png`);
  if (await fs.stat(png).then(() => true, () => false)) return;
  const svg = await fs.readFile(await resolveInsideReal(dir, `${name}.svg`));
  const { default: sharp } = await import('sharp');
  // Twice the drawn size, so text stays sharp on high-density screens.
  const bytes = await sharp(svg, { density: 144 }).flatten({ background: '#ffffff' }).png().toBuffer();
  await writeFileAtomic(png, bytes);
}

/// The post's diagrams not drawn yet, said the way a blogger can act on.
export function missingDiagramsMessage(title: string, missing: DiagramSource[]): string {
  const first = missing[0]!.source.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  const which = missing.length === 1 ? `a diagram (the one starting “${first.slice(0, 60)}”) that is` : `${missing.length} diagrams (the first starting “${first.slice(0, 60)}”) that are`;
  return `“${title}” has ${which} not drawn yet. Open the post in Postwright once: the app draws its diagrams and keeps them beside the post (as ${missing[0]!.name}.svg). Then publish again.`;
}

