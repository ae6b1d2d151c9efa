/// Where Hugo and Jekyll expect a post, its images and its front matter.
///
/// The body is the article HTML from the shared render pipeline, in an `.html` content file,
/// not markdown: neither generator renders KaTeX math, both highlight code differently, Hugo
/// drops raw HTML from markdown by default and kramdown re-parses markdown inside HTML. An
/// `.html` content file is passed through by both as it is, so the page shows exactly what the
/// preview showed. Liquid is turned off for the Jekyll post and Hugo's `{{` is escaped, so code
/// that contains template syntax stays text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { LocalAsset, OutgoingPost } from './publisher';

export type Generator = 'hugo' | 'jekyll';
type Where = Pick<OutgoingPost, 'slug' | 'date' | 'status'>;

export interface SiteConfig {
  /// The site's address with no trailing slash ('' when unknown), and Jekyll's baseurl.
  url: string;
  baseurl: string;
  permalink: string | null;
}

export class Layout {
  constructor(
    readonly generator: Generator,
    private readonly now: () => number,
  ) {}

  /// Folders where this generator's posts live, to look for a post's key.
  get postDirs(): string[] {
    return this.generator === 'hugo' ? ['content/posts'] : ['_posts', '_drafts'];
  }

  postPath(post: Where): string {
    if (this.generator === 'hugo') return `content/posts/${post.slug}/index.html`;
    return post.status === 'draft' ? `_drafts/${post.slug}.html` : `_posts/${this.day(post)}-${post.slug}.html`;
  }

  /// The folder that holds only this post's images (and, for Hugo, the post itself).
  assetDir(post: Where): string {
    return this.generator === 'hugo' ? `content/posts/${post.slug}` : `assets/posts/${post.slug}`;
  }

  assetUrl(asset: LocalAsset, post: Where, config: SiteConfig): string {
    const file = asset.file.split('/').map(encodeURIComponent).join('/');
    // A Hugo page bundle serves its files beside the page: a relative URL works at any baseURL.
    return this.generator === 'hugo' ? file : `${config.baseurl}/assets/posts/${encodeURIComponent(post.slug)}/${file}`;
  }

  fileText(post: OutgoingPost): string {
    const date = this.dateValue(post);
    const common = { title: post.title, date, tags: post.tags, categories: post.categories };
    const fields: Record<string, unknown> =
      this.generator === 'hugo'
        ? { ...common, draft: post.status === 'draft', slug: post.slug }
        : { layout: 'post', ...common, published: true, render_with_liquid: false };
    if (post.excerpt) fields[this.generator === 'hugo' ? 'description' : 'excerpt'] = post.excerpt;
    if (post.cover) fields[this.generator === 'hugo' ? 'images' : 'image'] = this.generator === 'hugo' ? [post.cover.url] : post.cover.url;
    if (post.canonicalUrl && this.generator === 'jekyll') fields.canonical_url = post.canonicalUrl;
    fields.postwright_id = post.key;
    // YAML 1.1 quoting: Jekyll's Ruby reads an unquoted `yes` or `on` as true.
    const yaml = stringify(fields, { version: '1.1', lineWidth: 0 });
    const body = this.generator === 'hugo' ? post.html.replace(/\{\{/g, '{&#123;') : post.html;
    return `---\n${yaml}---\n${body.trim()}\n`;
  }

  pageUrl(post: Where & Pick<OutgoingPost, 'categories'>, config: SiteConfig): string {
    if (this.generator === 'hugo') return `${config.url}/posts/${post.slug}/`;
    if (post.status === 'draft') return `${config.url}${config.baseurl}/`;
    const [year, month, day] = this.day(post).split('-');
    // Jekyll lower-cases categories in URLs and keeps their spaces.
    const categories = post.categories.map((c) => `/${encodeURIComponent(c.toLowerCase())}`).join('');
    const pretty = config.permalink === 'pretty';
    if (config.permalink && !pretty && config.permalink !== 'date') return `${config.url}${config.baseurl}/`; // a custom pattern: only the site is known
    return `${config.url}${config.baseurl}${categories}/${year}/${month}/${day}/${post.slug}${pretty ? '/' : '.html'}`;
  }

  /// The site's address and permalink style from its config (synchronous: a small file, read once).
  readConfig(repo: string): SiteConfig {
    const read = (name: string) => {
      try {
        return readFileSync(path.join(repo, name), 'utf8');
      } catch {
        return null;
      }
    };
    if (this.generator === 'jekyll') {
      const text = read('_config.yml');
      const data = (text ? safeYaml(text) : {}) as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\/+$/, '') : '');
      return { url: str(data.url), baseurl: str(data.baseurl), permalink: typeof data.permalink === 'string' ? data.permalink : null };
    }
    for (const name of ['hugo.toml', 'config.toml', 'hugo.yaml', 'config.yaml', 'hugo.yml', 'config.yml']) {
      const text = read(name);
      const match = text && /^\s*baseURL\s*[=:]\s*["']?([^"'\s]+)["']?/im.exec(text);
      if (match?.[1]) return { url: match[1].replace(/\/+$/, ''), baseurl: '', permalink: null };
    }
    return { url: '', baseurl: '', permalink: null };
  }

  private day(post: Where): string {
    return (post.date ?? new Date(this.now()).toISOString()).slice(0, 10);
  }

  private dateValue(post: OutgoingPost): string {
    if (post.date && post.dateIsDay) return post.date.slice(0, 10);
    const iso = post.date ?? new Date(this.now()).toISOString();
    // Jekyll's own form; Hugo reads RFC 3339.
    return this.generator === 'jekyll' ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000` : `${iso.slice(0, 19)}Z`;
  }
}

function safeYaml(text: string): unknown {
  try {
    return parse(text) ?? {};
  } catch {
    return {};
  }
}
