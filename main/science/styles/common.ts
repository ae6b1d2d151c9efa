/// Pieces the bundled styles share, written for Postwright in CSL 1.0.2.
export function cslStyle(options: { id: string; title: string; cls: 'in-text' | 'note'; body: string }): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="${options.cls}" version="1.0" demote-non-dropping-particle="sort-only" default-locale="en-US">
  <info><title>${options.title} (Postwright)</title><id>postwright-${options.id}</id><updated>2026-11-30T00:00:00+00:00</updated></info>
${options.body}
</style>`;
}

/// Journal article, book, chapter, web page: volume, issue, pages and the DOI or URL.
export const CONTAINER_MACROS = `
  <macro name="doi-or-url">
    <choose>
      <if variable="DOI"><text variable="DOI" prefix="https://doi.org/"/></if>
      <else-if variable="URL"><text variable="URL"/></else-if>
    </choose>
  </macro>`;
