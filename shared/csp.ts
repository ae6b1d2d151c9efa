/// The renderer's Content Security Policy, sent by both hosts and written into index.html.
/// Styles may be inline (CodeMirror and KaTeX set them); scripts only from the app itself.
/// Remote images over https are allowed because posts embed them; embeds only from the video
/// hosts the preview's sanitizer also allows. Plain `http:` images are not: that source
/// includes every server on 127.0.0.1, and a post (an imported one, say) could make the
/// preview send requests to the blogger's other local services. The cost is that an http-only
/// image shows as broken in the preview; publishing sends the post unchanged.
export const EMBED_ORIGINS = [
  'https://www.youtube.com',
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
  'https://open.spotify.com',
  'https://w.soundcloud.com',
  'https://www.google.com',
  'https://codepen.io',
];

export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  `frame-src ${EMBED_ORIGINS.join(' ')}`,
  "media-src 'self' https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/// The preview frame's own policy, on top of the renderer's (a srcdoc frame inherits that one
/// too): no script at all, styles from the frame's own sheets, and the embeds a post may hold.
export const PREVIEW_CSP = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self' data:",
  "media-src 'self' https:",
  `frame-src ${EMBED_ORIGINS.join(' ')}`,
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
