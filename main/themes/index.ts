/// Theme snapshots for a library's targets: which blog address each is read from, and the
/// blogger-facing messages when that fails.
import path from 'node:path';
import { StudioError } from '../../shared/api';
import type { TargetSettings } from '../../shared/publish';
import type { ThemeLook, ThemePlatform, ThemeSnapshotInfo } from '../../shared/theme-look';
import { ThemeFetchError, type FetchLike } from './fetch';
import { loadLook, takeSnapshot } from './snapshot';

export class ThemeSnapshots {
  private readonly dir: string;

  constructor(
    libraryRoot: string,
    private readonly targets: () => Promise<TargetSettings[]>,
    private readonly fetchFn: FetchLike = fetch,
  ) {
    this.dir = path.join(libraryRoot, '.postwright', 'themes');
  }

  /// Fetches the target's look afresh. `siteUrl` is needed for a static site, which has no
  /// address of its own in its settings; a snapshot taken before remembers it.
  async refresh(name: string, siteUrl: string | null): Promise<ThemeSnapshotInfo> {
    const target = await this.target(name);
    const previous = await loadLook(this.dir, target.name);
    const address = blogAddress(target) ?? siteUrl ?? (previous ? new URL(previous.pageUrl).origin + '/' : null);
    if (!address) throw new StudioError('invalid-argument', `“${name}” is a static site: give the address where it is published to read its look.`);
    try {
      return await takeSnapshot(this.dir, { target: target.name, siteUrl: address, texturize: target.kind === 'wordpress', platform: platformOf(target) }, this.fetchFn);
    } catch (error) {
      if (error instanceof ThemeFetchError) throw new StudioError('publish-failed', `The look of “${name}” could not be read: ${error.message}. The previous snapshot, if any, is kept.`);
      throw error;
    }
  }

  async look(name: string): Promise<ThemeLook | null> {
    return loadLook(this.dir, (await this.target(name)).name);
  }

  private async target(name: string): Promise<TargetSettings> {
    const target = (await this.targets()).find((settings) => settings.name === name);
    if (!target) throw new StudioError('not-found', `There is no target called “${name}”.`);
    return target;
  }
}

function blogAddress(target: TargetSettings): string | null {
  switch (target.kind) {
    case 'wordpress':
    case 'ghost':
      return `${target.siteUrl}/`;
    case 'blogger':
      return `${target.blogUrl}/`;
    // A static site's address is asked for; an image host stores files and has no pages.
    case 'static-git':
    case 'image-host':
      return null;
  }
}

function platformOf(target: TargetSettings): ThemePlatform {
  switch (target.kind) {
    case 'static-git':
      return target.generator;
    case 'image-host':
      throw new StudioError('invalid-argument', `“${target.name}” stores images and has no pages to read a look from.`);
    default:
      return target.kind;
  }
}
