/// Examples of the GFM extensions (tables, task lists, strikethrough, extended autolinks, tag
/// filter), written for this project after the rules of the GFM spec 0.29: no npm package
/// installed here ships the GFM spec's own examples. Each `html` is what GFM specifies.

export interface GfmExample {
  name: string;
  markdown: string;
  html: string;
}

export const GFM_EXAMPLES: GfmExample[] = [
  {
    name: 'table-aligned',
    markdown: '| Site | Depth |\n| :-- | --: |\n| A | 12 |\n| B | 7 |\n',
    html: '<table><thead><tr><th style="text-align:left">Site</th><th style="text-align:right">Depth</th></tr></thead>' +
      '<tbody><tr><td style="text-align:left">A</td><td style="text-align:right">12</td></tr>' +
      '<tr><td style="text-align:left">B</td><td style="text-align:right">7</td></tr></tbody></table>',
  },
  {
    name: 'table-escaped-pipe',
    markdown: '| Code | Means |\n| --- | --- |\n| `a \\| b` | either |\n',
    html: '<table><thead><tr><th>Code</th><th>Means</th></tr></thead><tbody><tr><td><code>a | b</code></td><td>either</td></tr></tbody></table>',
  },
  {
    name: 'table-ends-at-blank-line',
    markdown: '| x |\n| - |\n| 1 |\n\nafter\n',
    html: '<table><thead><tr><th>x</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table><p>after</p>',
  },
  {
    name: 'table-header-only',
    markdown: '| only | header |\n| --- | --- |\n',
    html: '<table><thead><tr><th>only</th><th>header</th></tr></thead></table>',
  },
  {
    name: 'task-list',
    markdown: '- [ ] collect samples\n- [x] write intro\n',
    html: '<ul><li><input disabled="" type="checkbox"> collect samples</li><li><input checked="" disabled="" type="checkbox"> write intro</li></ul>',
  },
  { name: 'strike-double', markdown: '~~Hi~~ Hello, world!\n', html: '<p><del>Hi</del> Hello, world!</p>' },
  { name: 'strike-single', markdown: '~Hi~ Hello, world!\n', html: '<p><del>Hi</del> Hello, world!</p>' },
  { name: 'strike-three-tildes', markdown: 'This ~~~is not~~~ struck.\n', html: '<p>This ~~~is not~~~ struck.</p>' },
  { name: 'strike-unequal-runs', markdown: 'Nor ~is this~~.\n', html: '<p>Nor ~is this~~.</p>' },
  { name: 'strike-not-across-paragraphs', markdown: 'This ~~has a\n\nnew paragraph~~.\n', html: '<p>This ~~has a</p><p>new paragraph~~.</p>' },
  { name: 'autolink-www', markdown: 'Visit www.example.org/help today.\n', html: '<p>Visit <a href="http://www.example.org/help">www.example.org/help</a> today.</p>' },
  { name: 'autolink-trailing-punctuation', markdown: 'See www.example.org/a.b. Or http://example.org/x?\n', html: '<p>See <a href="http://www.example.org/a.b">www.example.org/a.b</a>. Or <a href="http://example.org/x">http://example.org/x</a>?</p>' },
  {
    name: 'autolink-parentheses-balanced',
    markdown: '(see https://en.wikipedia.org/wiki/Tide_(disambiguation))\n',
    html: '<p>(see <a href="https://en.wikipedia.org/wiki/Tide_(disambiguation)">https://en.wikipedia.org/wiki/Tide_(disambiguation)</a>)</p>',
  },
  {
    name: 'autolink-parentheses-inside',
    markdown: 'www.example.org/q?x=(a))+b\n',
    html: '<p><a href="http://www.example.org/q?x=(a))+b">www.example.org/q?x=(a))+b</a></p>',
  },
  {
    name: 'autolink-entity-like-end',
    markdown: 'www.example.org/search?q=tides&hl;\n',
    html: '<p><a href="http://www.example.org/search?q=tides">www.example.org/search?q=tides</a>&amp;hl;</p>',
  },
  { name: 'autolink-stops-at-lt', markdown: 'www.example.org/a<b\n', html: '<p><a href="http://www.example.org/a">www.example.org/a</a>&lt;b</p>' },
  { name: 'autolink-email', markdown: 'Mail ada.l+notes@lab-1.example.\n', html: '<p>Mail <a href="mailto:ada.l+notes@lab-1.example">ada.l+notes@lab-1.example</a>.</p>' },
  { name: 'autolink-email-any-domain', markdown: 'a.b-c_d@a.b\n', html: '<p><a href="mailto:a.b-c_d@a.b">a.b-c_d@a.b</a></p>' },
  { name: 'autolink-email-bad-end', markdown: 'a.b-c_d@a.b- and a.b-c_d@a.b_\n', html: '<p>a.b-c_d@a.b- and a.b-c_d@a.b_</p>' },
  { name: 'autolink-mailto', markdown: 'mailto:ada@lab.example\n', html: '<p><a href="mailto:ada@lab.example">mailto:ada@lab.example</a></p>' },
  { name: 'autolink-xmpp', markdown: 'xmpp:ada@lab.example/phone\n', html: '<p><a href="xmpp:ada@lab.example/phone">xmpp:ada@lab.example/phone</a></p>' },
  { name: 'autolink-xmpp-one-resource', markdown: 'xmpp:ada@lab.example/phone/x\n', html: '<p><a href="xmpp:ada@lab.example/phone">xmpp:ada@lab.example/phone</a>/x</p>' },
  {
    name: 'tag-filter',
    markdown: '<strong> <title> <style> <em>\n\n<blockquote>\n  <xmp> is disallowed.  <XMP> is also disallowed.\n</blockquote>\n',
    html: '<p><strong> &lt;title> &lt;style> <em></em></strong></p><blockquote>\n  &lt;xmp> is disallowed.  &lt;XMP> is also disallowed.\n</blockquote>',
  },
  { name: 'tag-filter-textarea-inline', markdown: 'A <textarea> here.\n\n**after**\n', html: '<p>A &lt;textarea> here.</p><p><strong>after</strong></p>' },
  { name: 'raw-html-event-handler', markdown: 'x <img src="a.png" onerror="alert(1)"> y\n', html: '<p>x <img src="a.png" onerror="alert(1)"> y</p>' },
  { name: 'code-span-nbsp', markdown: '`\u00a0b\u00a0` and ` b `\n', html: '<p><code>\u00a0b\u00a0</code> and <code>b</code></p>' },
];
