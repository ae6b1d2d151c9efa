/// Image hosts, the pure parts: object keys made from the month, a readable name and the content
/// hash; the uploader's URL read from its last line; settings refused with the field named.
import { describe, expect, it } from 'vitest';
import { lastUrl } from '../../main/publish/image-hosts/command';
import { objectKey } from '../../main/publish/image-hosts/index';
import { TargetSettings } from '../../shared/publish';

const asset = (file: string) => ({ file, hash: '3f9a2c77e1d0aa', bytes: new Uint8Array([1]), mimeType: 'image/webp' });
const NOV_2026 = Date.UTC(2026, 10, 30, 12);

describe('objectKey', () => {
  it('is the month, a readable name and the start of the hash', () => {
    expect(objectKey(asset('img/Leaky Gut — Figure 1.webp'), NOV_2026)).toBe('2026/11/leaky-gut-figure-1-3f9a2c.webp');
  });
  it('keeps nothing of a path or a name that could leave its folder', () => {
    expect(objectKey(asset('../../etc/../passwd'), NOV_2026)).toBe('2026/11/passwd-3f9a2c');
    expect(objectKey(asset('Ünïcödé ☃.PNG'), NOV_2026)).toBe('2026/11/unicode-3f9a2c.png');
    expect(objectKey(asset('☃☃.jpg'), NOV_2026)).toBe('2026/11/image-3f9a2c.jpg');
  });
});

describe('lastUrl', () => {
  it('reads PicGo’s and uPic’s output', () => {
    expect(lastUrl('[PicGo INFO]: Before transform\n[PicGo SUCCESS]: \nhttps://i.example/a.png\n', 'u')).toBe('https://i.example/a.png');
    expect(lastUrl('Uploading...\nOutput URL: https://cdn.example/b.webp\r\n\n', 'u')).toBe('https://cdn.example/b.webp');
  });
  it('refuses output without an address on the last line, quoting it', () => {
    expect(() => lastUrl('https://i.example/a.png\nError: quota exceeded\n', 'your uploader (picgo)')).toThrow(/did not print an image address on its last line \(it printed “Error: quota exceeded”\)/);
    expect(() => lastUrl('', 'u')).toThrow(/did not print an image address/);
  });
});

describe('image host settings', () => {
  const s3 = { type: 's3', endpoint: 'https://s3.example.com/', bucket: 'blog-images', publicUrl: 'https://img.example.com', accessKeyId: 'AKIA' };
  it('fills defaults and trims the endpoint', () => {
    const parsed = TargetSettings.parse({ name: 'Photos', kind: 'image-host', host: s3 });
    expect(parsed).toEqual({ name: 'Photos', kind: 'image-host', host: { ...s3, endpoint: 'https://s3.example.com', region: 'us-east-1', prefix: '' } });
  });
  it('names the field that is wrong', () => {
    const issues = (host: object) => TargetSettings.safeParse({ name: 'Photos', kind: 'image-host', host }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ ...s3, bucket: 'Blog Images' })).toEqual(['host.bucket: a bucket name is 3–63 lowercase letters, digits, dots or dashes']);
    expect(issues({ ...s3, prefix: '../' })).toEqual(['host.prefix: the key prefix is folder names each ending in /, like blog/']);
    expect(issues({ ...s3, prefix: 'blog/./' })).toHaveLength(1);
    expect(issues({ ...s3, prefix: 'blog/.well-known/' })).toBeUndefined();
    expect(issues({ type: 'git', repoPath: '/r', folder: 'images/../../', publicUrl: 'https://cdn.example/{path}' })?.[0]).toMatch(/^host.folder: /);
    expect(issues({ type: 'git', repoPath: '/r', publicUrl: 'https://cdn.jsdelivr.net/gh/a/b@main/' })?.[0]).toMatch(/^host.publicUrl: .*\{path\} once/);
    expect(issues({ type: 'command', command: [] })?.[0]).toMatch(/^host.command: the uploader command is needed/);
  });
});
