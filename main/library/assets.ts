/// Images pasted or dropped into a post are copied into its folder under a name made from
/// their content hash: the same image pasted twice is stored once, and a file name never
/// collides with another image.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { IMAGE_TYPES, StudioError } from '../../shared/api';
import { SaveError, writeFileAtomic } from '../fs/atomic-write';
import { resolveInside } from './paths';

type ImageType = keyof typeof IMAGE_TYPES;

/// Checks the bytes really are the declared kind of image, so a renamed file cannot sneak in.
function looksLike(type: ImageType, bytes: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  switch (type) {
    case 'image/png':
      return bytes[0] === 0x89 && ascii(1, 4) === 'PNG';
    case 'image/jpeg':
      return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    case 'image/gif':
      return ascii(0, 4) === 'GIF8';
    case 'image/webp':
      return ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP';
    case 'image/avif':
      return ascii(4, 8) === 'ftyp' && /avi[fs]/.test(ascii(8, 12));
    case 'image/svg+xml':
      return /<svg[\s>]/i.test(new TextDecoder().decode(bytes.subarray(0, 4096)));
  }
}

export async function addAsset(postsDir: string, postId: string, type: ImageType, bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw new StudioError('invalid-argument', 'The image is empty.');
  if (!looksLike(type, bytes)) throw new StudioError('invalid-argument', `The file is not a valid ${IMAGE_TYPES[type].toUpperCase()} image.`);
  const postDir = resolveInside(postsDir, postId);
  if (!(await fs.stat(postDir).then((stat) => stat.isDirectory(), () => false))) {
    throw new StudioError('not-found', `There is no post “${postId}”.`);
  }
  const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${IMAGE_TYPES[type]}`;
  const file = resolveInside(postDir, name);
  const exists = await fs.stat(file).then((stat) => stat.size === bytes.length, () => false);
  // The library's real root is checked at the moment of writing: a post folder that is (or just
  // became) a link to somewhere else is never written through.
  if (!exists) {
    await writeFileAtomic(file, bytes, { root: path.dirname(postsDir), displayName: name }).catch((error: unknown) => {
      throw error instanceof SaveError ? new StudioError('save-failed', error.message) : error;
    });
  }
  return name;
}
