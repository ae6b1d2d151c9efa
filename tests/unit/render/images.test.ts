import { describe, expect, it } from 'vitest';
import { article } from './helpers';

const resolveAsset = (src: string) => `postwright-asset://post-1/${src}`;

function sources(markdown: string): string[] {
  return [...article(markdown, { resolveAsset }).querySelectorAll('img')].map((img) => img.getAttribute('src') ?? '');
}

describe('images', () => {
  it('resolves relative sources through resolveAsset', () => {
    expect(sources('![a](photo.png) ![b](./img/a.jpg) ![c](/static/c.png)')).toEqual([
      'postwright-asset://post-1/photo.png',
      'postwright-asset://post-1/./img/a.jpg',
      'postwright-asset://post-1//static/c.png',
    ]);
  });

  it('leaves absolute sources alone', () => {
    const absolute = ['https://cdn.example/a.png', 'http://example.com/b.png', '//cdn.example/c.png', 'data:image/png;base64,iVBORw0KGgo='];
    expect(sources(absolute.map((src) => `![x](${src})`).join(' '))).toEqual(absolute);
  });

  it('hands resolveAsset the path as written, not percent-encoded', () => {
    const seen: string[] = [];
    article('![a](<my photo.png>) ![b](caf%C3%A9.png)', { resolveAsset: (src) => (seen.push(src), src) });
    expect(seen).toEqual(['my photo.png', 'café.png']);
  });

  it('resolves raw HTML media as well', () => {
    const body = article('<figure>\n<img src="chart.svg" alt="Chart">\n<figcaption>Data</figcaption>\n</figure>\n\nInline <img src=\'dot.png\'> and <img src="https://x.example/y.png">', { resolveAsset });
    expect([...body.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual([
      'postwright-asset://post-1/chart.svg', 'postwright-asset://post-1/dot.png', 'https://x.example/y.png',
    ]);
  });

  it('is the identity without resolveAsset', () => {
    expect(article('![a](img/a.png)').querySelector('img')?.getAttribute('src')).toBe('img/a.png');
  });

  it('loads every image lazily', () => {
    const images = [...article('![a](a.png)\n\nText ![b](b.png "B")').querySelectorAll('img')];
    expect(images.map((img) => img.getAttribute('loading'))).toEqual(['lazy', 'lazy']);
  });

  it('turns a lone image with a title into a captioned figure', () => {
    const body = article('Intro\n\n![Titration curve](curve.png "Figure 1: pH against volume & time")', { resolveAsset });
    const figure = body.querySelector('figure')!;
    expect(figure.getAttribute('data-line')).toBe('2');
    expect(figure.querySelector('img')?.getAttribute('alt')).toBe('Titration curve');
    expect(figure.querySelector('img')?.getAttribute('src')).toBe('postwright-asset://post-1/curve.png');
    expect(figure.querySelector('img')?.hasAttribute('title')).toBe(false);
    expect(figure.querySelector('figcaption')?.textContent).toBe('Figure 1: pH against volume & time');
    expect(body.querySelectorAll('p')).toHaveLength(1);
  });

  it('keeps images without a title, or among text, inline', () => {
    const body = article('![a](a.png)\n\nSee ![b](b.png "B") here');
    expect(body.querySelectorAll('figure')).toHaveLength(0);
    expect(body.querySelectorAll('p > img')).toHaveLength(2);
    expect(body.querySelectorAll('img')[1]?.getAttribute('title')).toBe('B');
  });
});
