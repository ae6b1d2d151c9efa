/// Alt text written from the publish dialog lands in the right image of the markdown, and only
/// there: code, the front matter and images that have alt text are left as they were.
import { describe, expect, it } from 'vitest';
import { imagesWithoutAlt, setImageAlt } from '../../shared/image-alt';

const post = `---
title: Images
cover: cover.png
---
![Has one](a.png) and ![](b.png "A title")

\`\`\`md
![](in-code.png)
\`\`\`

Inline \`![](inline.png)\` stays code. <img src="c.jpg" width="200"> and <img alt="" src='d.jpg'>
![ ](<e f.png>)
`;

describe('image-prep: alt text in the markdown', () => {
  it('lists the images without alt text, in order, skipping code and front matter', () => {
    expect(imagesWithoutAlt(post).map((m) => m.src)).toEqual(['b.png', 'c.jpg', 'd.jpg', 'e f.png']);
  });

  it('writes the alt text into the image it belongs to, escaped for where it goes', () => {
    let text = setImageAlt(post, 0, 'A chart [2024]');
    expect(text).toContain('![A chart \\[2024\\]](b.png "A title")');
    expect(imagesWithoutAlt(text).map((m) => m.src)).toEqual(['c.jpg', 'd.jpg', 'e f.png']);
    text = setImageAlt(text, 0, 'Fish & "chips"');
    expect(text).toContain('<img alt="Fish &amp; &quot;chips&quot;" src="c.jpg" width="200">');
    text = setImageAlt(text, 0, 'Dunes');
    expect(text).toContain(`<img alt="Dunes" src='d.jpg'>`);
    text = setImageAlt(text, 0, 'Sea');
    expect(text).toContain('![Sea](<e f.png>)');
    expect(imagesWithoutAlt(text)).toEqual([]);
    // Everything else is as it was.
    expect(text.replace('A chart \\[2024\\]', '').replace(' alt="Fish &amp; &quot;chips&quot;"', '').replace(' alt="Dunes"', ' alt=""').replace('Sea', ' ')).toBe(post);
  });

  it('changes nothing for a blank alt text or an image that is no longer there', () => {
    expect(setImageAlt(post, 0, '   ')).toBe(post);
    expect(setImageAlt(post, 9, 'x')).toBe(post);
  });
});
