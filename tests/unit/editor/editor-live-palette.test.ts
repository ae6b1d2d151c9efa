/// The palette's filter and key labels, and live mode's pure scanners.
import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from '../../../renderer/src/commands/fuzzy';
import { keyLabel } from '../../../renderer/src/commands/keys';
import { imageSource } from '../../../renderer/editor/extensions/live/image-source';
import { findInlineMath } from '../../../renderer/editor/extensions/live/math-scan';

describe('palette filter', () => {
  const names = ['Bold', 'Bulleted list', 'Insert table', 'Layout: split', 'Theme: dark', 'Bold italic'];

  it('finds letters in order anywhere, word starts first', () => {
    expect(fuzzyFilter('tbl', names, (name) => name)[0]).toBe('Insert table');
    expect(fuzzyFilter('bold', names, (name) => name)).toEqual(['Bold', 'Bold italic']);
    expect(fuzzyFilter('dark', names, (name) => name)).toEqual(['Theme: dark']);
  });

  it('drops names missing a letter and keeps everything for an empty query', () => {
    expect(fuzzyScore('xyz', 'Bold')).toBeNull();
    expect(fuzzyFilter('', names, (name) => name)).toEqual(names);
  });

  it('spells shortcuts the way each platform does', () => {
    expect(keyLabel('Mod-Shift-k', false)).toBe('Ctrl+Shift+K');
    expect(keyLabel('Mod-Shift-k', true)).toBe('⇧⌘K');
    expect(keyLabel('Mod-Alt-1', false)).toBe('Ctrl+Alt+1');
  });
});

describe('live mode scanners', () => {
  it('finds inline math by the preview rule, leaving prices alone', () => {
    expect(findInlineMath('area $\\pi r^2$ here').map((span) => span.tex)).toEqual(['\\pi r^2']);
    expect(findInlineMath('costs $5 and $10 today')).toEqual([]);
    expect(findInlineMath('a \\$ sign and $x$').map((span) => span.tex)).toEqual(['x']);
  });

  it('loads images only as the preview would', () => {
    const files = (path: string) => `files/post-1/${path}`;
    expect(imageSource('crab.png', files)).toBe('files/post-1/crab.png');
    expect(imageSource('my%20crab.png', files)).toBe('files/post-1/my crab.png');
    expect(imageSource('https://example.org/a.png', files)).toBe('https://example.org/a.png');
    expect(imageSource('http://127.0.0.1:8080/admin.png', files)).toBeNull();
    expect(imageSource('file:///etc/passwd', files)).toBeNull();
    expect(imageSource('javascript:alert(1)', files)).toBeNull();
    expect(imageSource('//evil.example/a.png', files)).toBeNull();
    expect(imageSource('data:image/svg+xml;base64,PHN2Zz4=', files)).toBeNull();
  });
});
