/// Ghost's rendering of the Lexical it keeps, turned back into the article HTML Postwright
/// renders, so "bring theirs in" and import read Ghost's cards as the constructs they came from:
/// an image card is an image again (a figure only when it has a caption), an embed card its
/// iframe, a quote holds a paragraph, and an HTML card is its HTML.
export function ghostHtmlAsArticle(html: string): string {
  return html
    .replace(/<!--\s*kg-card-(?:begin|end):\s*html\s*-->/g, '\n')
    .replace(/<figure class="kg-card kg-image-card[^"]*">\s*(<img\b[^>]*>)\s*(?:<figcaption>([\s\S]*?)<\/figcaption>)?\s*<\/figure>/g, (_m, img: string, caption?: string) => {
      const plain = img.replace(/\s(?:class|width|height|srcset|sizes)="[^"]*"/g, '');
      return caption ? `<figure>${plain}<figcaption>${caption}</figcaption></figure>` : `<p>${plain}</p>`;
    })
    .replace(/<figure class="kg-card kg-embed-card[^"]*">\s*(<iframe\b[\s\S]*?<\/iframe>)\s*(?:<figcaption>[\s\S]*?<\/figcaption>)?\s*<\/figure>/g, '$1')
    .replace(/<blockquote>(?!\s*<(?:p|ul|ol|h\d|blockquote|pre)\b)([\s\S]*?)<\/blockquote>/g, '<blockquote><p>$1</p></blockquote>')
    .trim();
}
