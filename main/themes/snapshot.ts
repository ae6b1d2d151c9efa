/// A target's look, kept in `.postwright/themes/<target>/`: the newest post's page (or the home
/// page) is read for its stylesheets and the wrappers around a post's text; the CSS, with its
/// same-site @imports inlined, and the fonts and images it uses are stored there, the CSS
/// pointing at the stored copies. Nothing else is kept: no HTML, no script. The preview then
/// works from the snapshot alone, offline too.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ThemeSnapshotInfo, type ThemeLook, type ThemePlatform } from '../../shared/theme-look';
import { cssImports, cssUrls, dropCharset, replaceImports, rewriteUrls } from './css';
import { fetchCapped, ThemeFetchError, type FetchLike } from './fetch';
import { feedOf, readPage, recentFromFeed, type PageSheet } from './page';

export interface ThemeSource {
  target: string;
  /// The blog's public address (the target's site address, or the one the blogger gave).
  siteUrl: string;
  texturize: boolean;
  platform: ThemePlatform;
}

/// The posts read for a WordPress blog's block styles (the newest one's page gives the rest).
const RECENT_POSTS = 5;
const BLOCK_SHEET = /^wp-block-[\w-]+-(?:inline-)?css$/;

const LIMITS = { page: 3 << 20, feed: 2 << 20, sheet: 3 << 19, allCss: 6 << 20, asset: 3 << 20, allAssets: 25 << 20, assets: 150, importDepth: 4 };

/// File types a snapshot keeps, by the extension it stores them under.
const ASSET_TYPES: Record<string, string> = {
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  otf: 'font/otf',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

export async function takeSnapshot(themesDir: string, source: ThemeSource, fetchFn: FetchLike = fetch): Promise<ThemeSnapshotInfo> {
  const skipped: string[] = [];
  const home = await fetchCapped(fetchFn, source.siteUrl, LIMITS.page, null);
  const origin = new URL(home.url).origin;
  let page = home;
  // The newest post shows the blog's post styles; the home page is the fallback.
  const feed = feedOf(home.bytes.toString('utf8'), home.url);
  const recent = feed ? await fetchCapped(fetchFn, feed, LIMITS.feed, origin).then((got) => recentFromFeed(got.bytes.toString('utf8'), origin, RECENT_POSTS), () => []) : [];
  if (recent[0]) page = await fetchCapped(fetchFn, recent[0], LIMITS.page, origin).catch(() => home);
  const look = readPage(page.bytes.toString('utf8'), page.url);
  // WordPress sends a block's styles only with pages that hold that block: the newest post may
  // have no table or quote, so the styles of the blocks in a few recent posts are added.
  if (source.platform === 'wordpress') look.sheets = withBlockSheets(look.sheets, await blockSheetsOf(recent.slice(1), fetchFn, origin));

  const assets = new Map<string, { name: string; bytes: Buffer } | null>();
  const budget = { css: 0, assets: 0 };
  const files = new Fetcher(fetchFn, origin, skipped, budget, assets);
  const parts: string[] = [];
  for (const sheet of look.sheets) {
    const css = await files.sheet(sheet, page.url);
    if (css) parts.push(sheet.media && sheet.media !== 'all' ? `@media ${sheet.media} {\n${css}\n}` : css);
  }

  const info: ThemeSnapshotInfo = {
    target: source.target,
    pageUrl: page.url,
    fetchedAt: new Date().toISOString(),
    chain: look.chain,
    htmlClass: look.htmlClass,
    bodyClass: look.bodyClass,
    foundBy: look.foundBy,
    texturize: source.texturize,
    platform: source.platform,
    skipped,
  };
  await mkdir(themesDir, { recursive: true });
  const fresh = path.join(themesDir, `.${source.target}.${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(path.join(fresh, 'assets'), { recursive: true });
    for (const asset of assets.values()) if (asset) await writeFile(path.join(fresh, 'assets', asset.name), asset.bytes);
    await writeFile(path.join(fresh, 'style.css'), parts.join('\n'));
    await writeFile(path.join(fresh, 'theme.json'), `${JSON.stringify(info, null, 2)}\n`);
    const folder = path.join(themesDir, source.target);
    await rm(folder, { recursive: true, force: true });
    await rename(fresh, folder);
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
  return info;
}

/// The block stylesheets of these pages that `sheets` lacks, each once, in the order read.
async function blockSheetsOf(pages: string[], fetchFn: FetchLike, origin: string): Promise<PageSheet[]> {
  const found = new Map<string, PageSheet>();
  for (const url of pages) {
    const got = await fetchCapped(fetchFn, url, LIMITS.page, origin).catch(() => null);
    if (!got) continue;
    for (const sheet of readPage(got.bytes.toString('utf8'), got.url).sheets) if (BLOCK_SHEET.test(sheet.id) && !found.has(sheet.id)) found.set(sheet.id, sheet);
  }
  return [...found.values()];
}

/// `extra` block sheets go where WordPress prints block styles: before the global styles, which
/// a theme's own rules for blocks are in.
function withBlockSheets(sheets: PageSheet[], extra: PageSheet[]): PageSheet[] {
  const have = new Set(sheets.map((sheet) => sheet.id));
  const missing = extra.filter((sheet) => !have.has(sheet.id));
  const at = sheets.findIndex((sheet) => sheet.id === 'global-styles-inline-css');
  return at < 0 ? [...sheets, ...missing] : [...sheets.slice(0, at), ...missing, ...sheets.slice(at)];
}

/// The snapshot as the preview uses it, its files inlined as data: addresses; null if none.
export async function loadLook(themesDir: string, target: string): Promise<ThemeLook | null> {
  const folder = path.join(themesDir, target);
  let info: ThemeSnapshotInfo;
  try {
    info = ThemeSnapshotInfo.parse(JSON.parse(await readFile(path.join(folder, 'theme.json'), 'utf8')));
  } catch {
    return null;
  }
  const css = await readFile(path.join(folder, 'style.css'), 'utf8').catch(() => '');
  const inlined = new Map<string, string | null>();
  for (const url of new Set(cssUrls(css))) {
    const name = /^assets\/([0-9a-f]{16}\.([a-z0-9]+))$/.exec(url);
    const type = name && ASSET_TYPES[name[2]!];
    const bytes = type ? await readFile(path.join(folder, 'assets', name[1]!)).catch(() => null) : null;
    inlined.set(url, bytes && type ? `data:${type};base64,${bytes.toString('base64')}` : url.startsWith('data:') ? url : null);
  }
  return { ...info, css: rewriteUrls(css, (url) => inlined.get(url) ?? null) };
}

class Fetcher {
  constructor(
    private readonly fetchFn: FetchLike,
    private readonly origin: string,
    private readonly skipped: string[],
    private readonly budget: { css: number; assets: number },
    private readonly assets: Map<string, { name: string; bytes: Buffer } | null>,
  ) {}

  async sheet(sheet: PageSheet, pageUrl: string): Promise<string> {
    if (sheet.kind === 'inline') return this.process(sheet.css, pageUrl, 0);
    const text = await this.text(sheet.href);
    return text === null ? '' : this.process(text, sheet.href, 0);
  }

  /// The sheet's own text with its same-site imports inlined and its files pointing at the
  /// snapshot; another site's @import and file are left out.
  private async process(css: string, base: string, depth: number): Promise<string> {
    const imported = new Map<string, string>();
    for (const item of cssImports(css)) {
      const url = this.resolve(item.url, base);
      if (!url) {
        this.skipped.push(`an @import of another site (${item.url}) was left out`);
      } else if (depth >= LIMITS.importDepth) {
        this.skipped.push(`${url}: @imports nested too deep`);
      } else if (!imported.has(url)) {
        const text = await this.text(url);
        imported.set(url, text === null ? '' : await this.process(text, url, depth + 1));
      }
    }
    const flat = dropCharset(replaceImports(css, (item) => imported.get(this.resolve(item.url, base) ?? '') ?? ''));
    const local = new Map<string, string | null>();
    for (const written of new Set(cssUrls(flat))) local.set(written, await this.asset(written, base));
    return rewriteUrls(flat, (written) => local.get(written) ?? null);
  }

  private resolve(url: string, base: string): string | null {
    if (!url || !URL.canParse(url, base)) return null;
    const resolved = new URL(url, base);
    return resolved.origin === this.origin ? resolved.href : null;
  }

  private async text(url: string): Promise<string | null> {
    try {
      const got = await fetchCapped(this.fetchFn, url, LIMITS.sheet, this.origin);
      this.budget.css += got.bytes.length;
      if (this.budget.css > LIMITS.allCss) throw new ThemeFetchError('the stylesheets together are too large');
      return got.bytes.toString('utf8');
    } catch (error) {
      this.skipped.push(error instanceof Error ? error.message : String(error));
      return null;
    }
  }

  /// The snapshot's name for a font or image (`assets/<hash>.<ext>`), or null if not kept.
  private async asset(written: string, base: string): Promise<string | null> {
    if (/^data:(image|font|application\/(font|x-font))/i.test(written) && written.length < 200_000) return written;
    const url = this.resolve(written, base);
    if (!url) {
      if (!written.startsWith('data:')) this.skipped.push(`a file on another site (${written}) was left out`);
      return null;
    }
    const key = url.replace(/#.*$/, '');
    if (!this.assets.has(key)) {
      if (this.assets.size >= LIMITS.assets) {
        this.skipped.push(`${key}: the theme uses too many files; the rest were left out`);
        return null;
      }
      this.assets.set(key, await this.download(key));
    }
    const stored = this.assets.get(key);
    return stored ? `assets/${stored.name}` : null;
  }

  private async download(url: string): Promise<{ name: string; bytes: Buffer } | null> {
    try {
      const got = await fetchCapped(this.fetchFn, url, LIMITS.asset, this.origin);
      const ext = extensionOf(got.type, url);
      if (!ext) throw new ThemeFetchError(`${url} is not a font or an image`);
      this.budget.assets += got.bytes.length;
      if (this.budget.assets > LIMITS.allAssets) throw new ThemeFetchError(`${url}: the theme’s fonts and images together are too large`);
      return { name: `${createHash('sha256').update(got.bytes).digest('hex').slice(0, 16)}.${ext}`, bytes: got.bytes };
    } catch (error) {
      this.skipped.push(error instanceof Error ? error.message : String(error));
      return null;
    }
  }
}

function extensionOf(contentType: string, url: string): string | null {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const byType = Object.entries(ASSET_TYPES).find(([, known]) => known === type)?.[0];
  if (byType) return byType;
  const ext = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  const named = ext === 'jpeg' ? 'jpg' : ext;
  // A server may call a font application/octet-stream; trust the name only for such types.
  return named && named in ASSET_TYPES && !/^(text\/html|text\/javascript|application\/javascript)$/.test(type) ? named : null;
}
