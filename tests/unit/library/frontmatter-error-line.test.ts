/// A broken front matter names the line the writer has to fix, not the line where YAML gave up.
import { describe, expect, it } from 'vitest';
import { parsePostFile } from '../../../shared/frontmatter';
import { summarizePost } from '../../../shared/post';

describe('the line of a front matter error', () => {
  it('an unclosed quote is reported on its own line, not three lines further down', () => {
    const text = '---\ntitle: "Tide pools\ndate: 2026-11-02\nstatus: draft\ntags: [a]\n---\nbody\n';
    expect(parsePostFile(text).error?.line).toBe(2);
    expect(summarizePost('tide-pools', text, 0).problem).toMatch(/^The front matter has an error on line 2:/);
  });

  it('an unclosed single quote or list is reported where it opens', () => {
    expect(parsePostFile("---\ntitle: Tide\nsubtitle: 'Low water\ndate: 2026-11-02\nstatus: draft\n---\n").error?.line).toBe(3);
    expect(parsePostFile('---\ntitle: Tide\ntags: [a, b\ndate: 2026-11-02\nstatus: draft\nslug: x\n---\nbody\n').error?.line).toBe(3);
  });

  it('other errors keep the line YAML gives, counted in the whole file', () => {
    expect(parsePostFile('---\ntitle: Tide: pools\ndate: 2026-11-02\n---\n').error?.line).toBe(2);
    expect(parsePostFile('---\ntitle: A\ndate: 2026-11-02\ntitle: B\n---\n').error?.line).toBe(4);
  });
});
