import { describe, expect, it } from 'vitest';
import { articleToMarkdown } from '../../../shared/html-to-markdown';

describe('wp-import: a WordPress table block comes back with its column alignment', () => {
  it('reads the alignment the block editor keeps in data-align', () => {
    const html = '<figure class="wp-block-table"><table><thead><tr><th class="has-text-align-left" data-align="left">Sample</th><th class="has-text-align-right" data-align="right">pH</th><th class="has-text-align-center" data-align="center">Notes</th><th>Plain</th></tr></thead><tbody><tr><td class="has-text-align-left" data-align="left">Kefir</td><td class="has-text-align-right" data-align="right">4.2</td><td class="has-text-align-center" data-align="center">fizzy</td><td>x</td></tr></tbody></table></figure>';
    expect(articleToMarkdown(html).markdown).toContain('| Sample | pH | Notes | Plain |\n| :--- | ---: | :---: | --- |');
  });
});
