import type { Config, DOMPurify } from 'dompurify';
import { serializeTrusted } from './trusted-html';

/// Embeds a blogger may paste. Each entry is an https host and the path the
/// provider serves its player from; anything else in an <iframe> is dropped.
/// Hosts that embed through <script> (gists, tweets) are not listed on purpose.
const EMBEDS: ReadonlyArray<readonly [host: string, path: RegExp]> = [
  ['www.youtube.com', /^\/embed\//],
  ['www.youtube-nocookie.com', /^\/embed\//],
  ['player.vimeo.com', /^\/video\//],
  ['open.spotify.com', /^\/embed\//],
  ['w.soundcloud.com', /^\/player\/?$/],
  ['www.google.com', /^\/maps\/embed/],
  ['codepen.io', /^\/[^/]+\/embed\//],
];

export function isAllowedEmbed(src: string): boolean {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return EMBEDS.some(([host, path]) => url.hostname === host && path.test(url.pathname));
}

// DOMPurify's default URI rule plus blob: and the app's own postwright…: schemes,
// which resolveAsset may hand back for local images.
const ALLOWED_URI =
  /^(?:(?:(?:f|ht)tps?|mailto|tel|callto|sms|cid|xmpp|matrix|blob|postwright[a-z-]*):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const CONFIG: Config = {
  // KaTeX wraps its MathML in <semantics> with the TeX source in <annotation>.
  ADD_TAGS: ['iframe', 'semantics', 'annotation'],
  ADD_ATTR: ['allow', 'allowfullscreen', 'frameborder', 'scrolling', 'referrerpolicy', 'encoding'],
  FORBID_TAGS: [
    'script', 'style', 'link', 'meta', 'base', 'form', 'object', 'embed', 'applet',
    'frame', 'frameset', 'noscript', 'template', 'button', 'select', 'textarea',
  ],
  FORBID_ATTR: ['srcdoc', 'action', 'formaction', 'ping'],
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  // DOMPurify's own clobbering check drops ids that name a `document` property,
  // and that set differs between Chromium and jsdom (a "## Timeline" heading
  // would keep its id in one and lose it in the other). The hooks below remove
  // the clobbering vectors instead: `name` attributes, <form>, <object>, <embed>.
  SANITIZE_DOM: false,
};

const UNSAFE_CSS = /(?:java|vb)script:|expression\s*\(|-moz-binding|behavior\s*:/i;

const configured = new WeakSet<DOMPurify>();
// Hooks are global to an instance; they only act while sanitizeArticle runs, so
// other callers of the same instance keep DOMPurify's stock behaviour.
let active = false;

function configure(purify: DOMPurify): void {
  if (configured.has(purify)) return;
  configured.add(purify);

  purify.addHook('uponSanitizeAttribute', (node, event) => {
    if (!active) return;
    // `name` on <img>/<iframe> creates document.<name>; only <a name> anchors are harmless.
    if (event.attrName === 'name' && node.nodeName !== 'A') event.keepAttr = false;
    // Inline styles stay (KaTeX needs them) but not the legacy ways CSS ran code.
    if (event.attrName === 'style' && UNSAFE_CSS.test(event.attrValue)) event.keepAttr = false;
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
    if (!active) return;
    if (node.nodeName === 'IFRAME') {
      if (!isAllowedEmbed(node.getAttribute('src') ?? '')) node.remove();
      else trimEmbed(node);
      return;
    }
    // `allow` means something only on a frame; a link or image keeps a safe referrer policy too.
    node.removeAttribute('allow');
    node.removeAttribute('allowfullscreen');
    limitReferrer(node);
    if (node.nodeName === 'INPUT') {
      // Only the task-list checkbox: read-only, never a text field asking for a password.
      if (node.getAttribute('type')?.toLowerCase() !== 'checkbox') node.remove();
      else node.setAttribute('disabled', '');
    }
  });
}

/// What an embedded player may keep. A video or a map needs no camera, microphone, location,
/// payment or USB, so those are never delegated; autoplay is left out too (a post should not
/// start sound by itself), and so is clipboard access. Everything not listed is dropped.
const EMBED_ATTRIBUTES = new Set(['src', 'width', 'height', 'title', 'allow', 'allowfullscreen', 'loading', 'frameborder', 'scrolling', 'referrerpolicy', 'style', 'class']);
const EMBED_FEATURES = new Set(['fullscreen', 'encrypted-media', 'picture-in-picture']);
// Policies that send the player no more than the page's origin. `unsafe-url` and
// `no-referrer-when-downgrade` would hand it the full address of the post.
const REFERRER_POLICIES = new Set(['no-referrer', 'same-origin', 'origin', 'strict-origin', 'strict-origin-when-cross-origin']);
const SAFE_REFERRER = 'strict-origin-when-cross-origin';

function trimEmbed(iframe: Element): void {
  for (const name of iframe.getAttributeNames()) if (!EMBED_ATTRIBUTES.has(name.toLowerCase())) iframe.removeAttribute(name);
  const allow = iframe.getAttribute('allow');
  if (allow !== null) {
    // Each feature with its default allowlist (the player's own origin), never `*` or other origins.
    const features = allow.split(';').map((directive) => directive.trim().split(/\s+/)[0]!.toLowerCase());
    const kept = [...new Set(features.filter((feature) => EMBED_FEATURES.has(feature)))];
    if (kept.length === 0) iframe.removeAttribute('allow');
    else iframe.setAttribute('allow', kept.join('; '));
  }
  limitReferrer(iframe);
}

function limitReferrer(element: Element): void {
  const referrer = element.getAttribute('referrerpolicy');
  if (referrer !== null && !REFERRER_POLICIES.has(referrer.trim().toLowerCase())) element.setAttribute('referrerpolicy', SAFE_REFERRER);
}

// DOMPurify parses without a doctype, in quirks mode, where a <table> does not close an open
// <p>; the preview page and readers' blog pages are in standards mode and would rebuild such
// markup differently. The doctype makes the sanitized tree the one a reader's browser builds,
// and <body> keeps leading whitespace and head-only tags in the article.
const STANDARDS_MODE = '<!DOCTYPE html><body>';

/// A DOMPurify instance, or a function that makes one when first needed (Node: jsdom).
export type PurifySource = DOMPurify | (() => DOMPurify);

export interface SanitizeOptions {
  /// The HTML was written by the pipeline alone (the post has no raw HTML): it is only
  /// re-spelled as DOMPurify would (trusted-html.ts), unless that pass does not know something.
  trusted?: boolean;
}

const TRUSTED_RULES = { allowedUri: ALLOWED_URI, unsafeCss: UNSAFE_CSS };

/** The DOMPurify policy for article HTML. `purify` is a DOMPurify instance (browser: the default export; Node: createNodePurify). */
export function sanitizeArticle(html: string, source: PurifySource, options: SanitizeOptions = {}): string {
  if (options.trusted) {
    const fast = serializeTrusted(html, TRUSTED_RULES);
    if (fast !== null) return fast;
  }
  const purify = 'sanitize' in source ? source : source();
  configure(purify);
  active = true;
  try {
    return escapeAttributeBrackets(purify.sanitize(STANDARDS_MODE + html, CONFIG));
  } finally {
    active = false;
  }
}

// An opening tag in serialized HTML: attribute values are always double-quoted
// with `"` escaped, and text never holds a raw `<` (comments and raw-text
// elements do not survive the policy), so this cannot match inside text.
const OPEN_TAG = /<[a-zA-Z][^\s/>]*(?:\s+[^\s/>"'=]+(?:="[^"]*")?)*\s*\/?>/g;

/// Chromium (since 138) serializes `<` and `>` inside attribute values as
/// `&lt;`/`&gt;`; jsdom writes them raw. Doing it here makes preview and CLI
/// output byte-identical (e.g. `alt="a < b"`, a KaTeX error's title).
export function escapeAttributeBrackets(html: string): string {
  return html.replace(OPEN_TAG, (tag) =>
    tag.replace(/="([^"]*)"/g, (_match, value: string) => `="${value.replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`),
  );
}
