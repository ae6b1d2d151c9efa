/// Publishing, written once for every backend: render the post with the preview's pipeline,
/// upload each asset once (by content hash), rewrite the asset URLs, create or update the remote
/// post (never both, never twice), refuse to overwrite a remote edit unless told to, and record
/// `publish.<target>` in the post's front matter.
import { createHash } from 'node:crypto';
import { parsePostFile, replaceBody, setFrontMatterFields, splitPostFile } from '../../shared/frontmatter';
import type { PublishOptions, PublishPreview, PublishProgress, PublishRecord, PublishResult } from '../../shared/publish';
import { isRelativeAsset, renderArticle } from '../../shared/render';
import { FULL_RENDER_CHARS, planRender } from '../../shared/render/budget';
import { createNodePurify } from '../render/node-purify';
import { drawnDiagrams, diagramsOf, ensureDiagramPng, missingDiagramsMessage } from '../science/diagram-files';
import { scienceRenderOptions } from '../science/render-options';
import type { DiagramOptions } from '../../shared/render/science/diagram';
import { imageSettingsFor, type ResolvedImageSettings } from '../../shared/image-settings';
import { AssetMap, assetUses, loadAssets } from './assets';
import { checkSizes, limitFromRefusal, outgoing, planAssets, type Planned } from './image-prep-assets';
import { attachUploads, dropGone, type MediaState } from './media-check';
import { PublishError } from './errors';
import { effectiveStatus, readPost, withRecord, type PostMeta } from './post-data';
import { PostKeys, type KeyEntry } from './post-keys';
import { mathImagesFor } from './math-images';
import { portableHtml } from './portable-html';
import type { LocalAsset, OutgoingPost, PlacedAsset, Publisher, RemotePost, RemoteSnapshot } from './publisher';
import { conflictError, remoteMarkdown } from './remote-version';
import { keepPublished, PublishRevisions } from './publish-revision';

/// The library as the pipeline needs it; the lead wires it to Library (see post-store.ts).
export interface PostStore {
  get(id: string): Promise<{ text: string; hash: string }>;
  save(id: string, text: string, baseHash: string | null, reason: 'publish' | 'outside-edit'): Promise<unknown>;
  postDir(id: string): string;
}

export interface ResolvedTarget {
  name: string;
  publisher: Publisher;
  /// How the target wants images prepared; the defaults when not given.
  images?: ResolvedImageSettings;
  /// For targets that keep no media ('elsewhere'): the target that stores their images.
  media?: { name: string; publisher: Publisher; images?: ResolvedImageSettings };
  /// 'images': formulas go out as images (math-images.ts), for a blog that strips MathML.
  math?: 'markup' | 'images';
}

export interface PipelineDeps {
  store: PostStore;
  libraryRoot: string;
  target(name: string): Promise<ResolvedTarget>;
  now?: () => number;
  /// Asks whether a remembered upload is still on the blog (see media-check.ts); without it,
  /// remembered uploads are reused unasked.
  checkMedia?: (url: string) => Promise<MediaState>;
}

export type OnProgress = (event: PublishProgress) => void;

interface Finish {
  postId: string;
  target: string;
  keys: PostKeys;
  /// The record of the remote post being updated, if it is the one the post recorded.
  previous: PublishRecord | null;
  /// The date sent for a post with no date of its own, which becomes its published_at.
  sentDate: string | null;
  /// The post's text as it was read for this publish: what the blog gets, kept for the way back.
  sent: string;
  onProgress: OnProgress;
}

interface Prepared {
  meta: PostMeta;
  record: PublishRecord | null;
  build: (placed: Map<string, PlacedAsset>) => OutgoingPost;
  /// What a bundling backend needs to place an asset.
  where: Pick<OutgoingPost, 'slug' | 'date' | 'status'>;
  /// reference in the post -> file, in order of use; the cover last. An image that goes out
  /// prepared has the key it is remembered by as its hash (see image-prep-assets.ts).
  assets: Map<string, LocalAsset>;
  /// key -> the original file and what preparation will do to it; settings null: sent as they are.
  plans: Map<string, Planned>;
  images: ResolvedImageSettings | null;
  mediaOf: { media: ResolvedTarget['media'] | null; map: AssetMap | null };
}

export class PublishPipeline {
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly now: () => number;

  constructor(private readonly deps: PipelineDeps) {
    this.now = deps.now ?? Date.now;
  }

  /// Exactly what a publish would send, without sending or uploading anything.
  async preview(postId: string, targetName: string): Promise<PublishPreview> {
    const result = await this.publish(postId, targetName, { dryRun: true });
    if (result.kind !== 'preview') throw new Error('a dry run always previews');
    return result.preview;
  }

  /// One publish per target at a time: they share the target's asset map and key file.
  publish(postId: string, targetName: string, options: PublishOptions = {}, onProgress: OnProgress = () => {}): Promise<PublishResult> {
    const previous = this.locks.get(targetName) ?? Promise.resolve();
    const run = previous.then(() => this.run(postId, targetName, options, onProgress));
    const tail = run.catch(() => undefined);
    this.locks.set(targetName, tail);
    void tail.then(() => this.locks.get(targetName) === tail && this.locks.delete(targetName));
    return run;
  }

  private async run(postId: string, targetName: string, options: PublishOptions, onProgress: OnProgress): Promise<PublishResult> {
    const target = await this.deps.target(targetName);
    const { publisher } = target;
    const post = await this.deps.store.get(postId);
    if (options.takeRemote) return this.takeRemote(postId, post, target);
    onProgress({ phase: 'rendering' });
    const keys = PostKeys.forTarget(this.deps.libraryRoot, target.name);
    const { key, entry } = await keys.keyFor(postId, !options.dryRun);
    const prepared = await this.prepare(postId, post.text, target, key, options);
    const { meta, record } = prepared;
    const { media, map } = prepared.mediaOf;
    const known = await this.placeKnown(prepared, publisher, map, target.name);
    if (options.dryRun) return { kind: 'preview', preview: await this.previewOf(target, prepared, prepared.build(known), known, record !== null) };
    if (this.deps.checkMedia && map) {
      const own = publisher.capabilities.assets === 'elsewhere' ? AssetMap.forTarget(this.deps.libraryRoot, target.name) : null;
      await dropGone(known, this.deps.checkMedia, [map, own]);
    }
    const draft = prepared.build(known);

    onProgress({ phase: 'checking' });
    const { remote, fromRecord } = await this.findRemote(postId, target, keys, record, draft, entry);
    const previous = fromRecord ? record : null;
    const done = { postId, target: target.name, keys, previous, sentDate: prepared.meta.date === null ? draft.date : null, sent: post.text, onProgress };
    // What the remote looked like after our last write: from the post's record, or from the
    // key file when the record is gone. Unknown only right after a create whose answer was lost.
    const baseline = fromRecord ? record?.remote_modified : entry?.remoteId === remote?.id ? entry?.modified : null;
    const allKnown = known.size === prepared.assets.size;
    // The remote already holds exactly this post: our own write whose answer was lost.
    const holds = remote !== null && allKnown && (await publisher.holds(remote, draft));
    if (remote && baseline && remote.modified !== baseline) {
      if (holds) return this.finish(done, draft, remote, false, 0);
      if (!options.overwrite) throw conflictError(publisher, remote, meta.title);
    } else if (remote && record && fromRecord && allKnown && hashOf(draft) === record.hash) {
      onProgress({ phase: 'done', url: record.url });
      return { kind: 'published', target: target.name, url: record.url, remoteId: record.id, created: false, unchanged: true, uploaded: 0, reused: known.size };
    } else if (remote && !fromRecord && holds) {
      return this.finish(done, draft, remote, false, 0);
    } else if (remote && record?.hash === '' && fromRecord && holds) {
      // Imported and not edited since: the blog has it already. Record that, send nothing.
      return { ...(await this.finish(done, draft, remote, false, 0)), unchanged: true } as PublishResult;
    }

    const { placed, uploaded } = map && media ? await this.upload(prepared, media.publisher, map, known, onProgress) : { placed: known, uploaded: 0 };
    const outgoing = prepared.build(placed);
    onProgress({ phase: remote ? 'updating' : 'creating' });
    let written: RemotePost;
    try {
      written = remote ? await publisher.update(remote, outgoing) : await publisher.create(outgoing);
    } catch (error) {
      // A backend that checks edits itself (Ghost's updated_at) only says "conflict"; show what changed.
      if (remote && error instanceof PublishError && error.kind === 'conflict' && !error.remote) {
        const now = await publisher.get(remote.id);
        if (now) throw conflictError(publisher, now, meta.title);
      }
      throw error;
    }
    await attachUploads(media?.publisher ?? null, placed, known, written.id);
    return this.finish(done, outgoing, written, !remote, uploaded);
  }

  /// What the post recorded for the target, and whether publishing now would send something
  /// else: the check a publish makes before sending (same build, same hash, with the images
  /// whose place on the target is known), made without asking the target anything.
  async compare(postId: string, target: ResolvedTarget): Promise<{ record: PublishRecord | null; changed: boolean }> {
    const post = await this.deps.store.get(postId);
    const { meta } = readPost(postId, post.text);
    const record = meta.records[target.name] ?? null;
    if (!record) return { record, changed: false };
    const { key } = await PostKeys.forTarget(this.deps.libraryRoot, target.name).keyFor(postId, false);
    let prepared: Prepared;
    try {
      prepared = await this.prepare(postId, post.text, target, key, {});
    } catch (error) {
      // An image gone missing since: the post is not what was sent.
      if (error instanceof PublishError) return { record, changed: true };
      throw error;
    }
    const known = await this.placeKnown(prepared, target.publisher, prepared.mediaOf.map, target.name);
    const allKnown = known.size === prepared.assets.size;
    return { record, changed: !allKnown || hashOf(prepared.build(known)) !== record.hash };
  }

  /// The target that keeps the post's images, and its asset map; none for a bundling backend.
  private mediaOf(target: ResolvedTarget): { media: ResolvedTarget['media'] | null; map: AssetMap | null; images: ResolvedImageSettings | null } {
    const { publisher } = target;
    const media = publisher.capabilities.assets === 'elsewhere' ? target.media : publisher.capabilities.assets === 'upload' ? target : null;
    if (publisher.capabilities.assets === 'elsewhere' && !media) {
      throw new PublishError('invalid', `${publisher.label} cannot store images. Choose a target for this blog’s images in its settings.`);
    }
    const images = media ? (media.images ?? imageSettingsFor('', undefined)) : null;
    return { media: media ?? null, map: media ? AssetMap.forTarget(this.deps.libraryRoot, media.name) : null, images };
  }

  private async prepare(postId: string, text: string, target: ResolvedTarget, key: string, options: PublishOptions): Promise<Prepared> {
    const { meta, body } = readPost(postId, text);
    const science = await scienceRenderOptions(parsePostFile(text).data, { dir: this.deps.store.postDir(postId), root: this.deps.libraryRoot });
    // The preview simplifies a post this large; the blog must never get that simplified copy.
    if (planRender(body).level !== 'full') {
      throw new PublishError('invalid', `“${meta.title}” is too large to publish in one piece (more than ${(FULL_RENDER_CHARS / 1e6).toLocaleString('en')} million characters). Split it into several posts.`);
    }
    const record = meta.records[target.name] ?? null;
    const mediaOf = this.mediaOf(target);
    const diagrams = await this.diagrams(postId, body, meta.title, mediaOf.media?.publisher ?? target.publisher);
    const uses = assetUses(body, { diagrams });
    const refs = [...uses.keys()];
    const coverRef = meta.cover && isRelativeAsset(meta.cover) ? meta.cover : null;
    const loaded = await loadAssets(this.deps.store.postDir(postId), coverRef ? [...refs, coverRef] : refs, meta.title);
    const planned = await planAssets(loaded, uses, mediaOf.images);
    const { plans } = planned;
    const render = (resolveAsset?: (src: string) => string) => portableHtml(renderArticle(body, createNodePurify(), { ...science.options, diagrams, resolveAsset }));
    const math = target.math === 'images' ? await mathImagesFor(render(), this.deps.libraryRoot, mediaOf.media?.publisher ?? target.publisher) : null;
    const assets = math ? math.withAssets(planned.assets, coverRef) : planned.assets;
    // A post without a date goes out dated now and keeps that date later (it is recorded as
    // published_at), so its URL stays put and an unchanged republish sends nothing.
    const date = meta.date ?? record?.published_at ?? new Date(this.now()).toISOString();
    const status = effectiveStatus(options.status ?? meta.status, date, this.now());
    const build = (placed: Map<string, PlacedAsset>): OutgoingPost => {
      const urlOf = (src: string) => placed.get(src)?.url ?? src;
      const html = math ? math.replace(render(urlOf), urlOf) : render(urlOf);
      const cover = coverRef ? (placed.get(coverRef) ?? null) : null;
      return {
        postId, key, title: meta.title, slug: meta.slug, status, date, dateIsDay: meta.date !== null && meta.dateIsDay,
        tags: meta.tags, categories: meta.categories, excerpt: meta.excerpt,
        canonicalUrl: canonicalFor(meta, target.name),
        html, cover, assets: uniqueByHash([...assets.keys()].flatMap((ref) => placed.get(ref) ?? [])),
      };
    };
    return { meta, record, build, assets, plans, images: mediaOf.images, mediaOf, where: { slug: meta.slug, date, status } };
  }

  /// The post's drawn diagrams, as ordinary images: SVG, or their PNG copies where the blog
  /// strips SVG. A diagram not drawn yet stops the publish rather than going out as its source.
  private async diagrams(postId: string, body: string, title: string, keeper: Publisher): Promise<DiagramOptions | undefined> {
    const found = diagramsOf(body);
    if (found.length === 0) return undefined;
    const dir = this.deps.store.postDir(postId);
    const drawn = await drawnDiagrams(dir);
    const missing = found.filter((diagram) => !drawn.has(diagram.name));
    if (missing.length > 0) throw new PublishError('invalid', missingDiagramsMessage(title, missing));
    const png = keeper.capabilities.svgImages === false;
    if (png) for (const diagram of found) await ensureDiagramPng(dir, diagram.name);
    return { has: (name) => drawn.has(name), format: png ? 'png' : 'svg' };
  }

  /// Assets whose place on the target is already known: bundled ones, and uploaded ones in the map.
  /// A target that keeps its images elsewhere also knows those already on it from an import
  /// (Blogger's own image host): they stay where they are rather than being copied to the media target.
  private async placeKnown(prepared: Prepared, publisher: Publisher, map: AssetMap | null, targetName: string): Promise<Map<string, PlacedAsset>> {
    const placed = new Map<string, PlacedAsset>();
    const own = publisher.capabilities.assets === 'elsewhere' ? AssetMap.forTarget(this.deps.libraryRoot, targetName) : null;
    for (const [ref, asset] of prepared.assets) {
      if (!map) {
        placed.set(ref, { asset, url: publisher.bundleUrl?.(asset, prepared.where) ?? asset.file, remote: null });
        continue;
      }
      const original = prepared.plans.get(asset.hash)?.original.hash ?? asset.hash;
      const remote = (await map.get(asset.hash)) ?? (await own?.get(asset.hash)) ?? (await map.unprepared(original)) ?? (await own?.unprepared(original)) ?? null;
      if (remote) placed.set(ref, { asset, url: remote.url, remote });
    }
    return placed;
  }

  private async upload(prepared: Prepared, media: Publisher, map: AssetMap, placed: Map<string, PlacedAsset>, onProgress: OnProgress): Promise<{ placed: Map<string, PlacedAsset>; uploaded: number }> {
    const out = new Map(placed);
    checkSizes(new Map([...prepared.plans].filter(([key]) => ![...placed.values()].some((p) => p.asset.hash === key))), prepared.images);
    const total = prepared.assets.size;
    let index = 0;
    let uploaded = 0;
    for (const [ref, asset] of prepared.assets) {
      index++;
      const already = out.get(ref) ?? [...out.values()].find((p) => p.asset.hash === asset.hash);
      if (already) {
        out.set(ref, { ...already, asset });
        onProgress({ phase: 'asset', index, total, file: asset.file, uploaded: false });
        continue;
      }
      if (!media.uploadAsset) throw new PublishError('invalid', `${media.label} cannot store images.`);
      const at = new Date(this.now()).toISOString();
      const planned = prepared.plans.get(asset.hash);
      let sending = await outgoing(asset, planned, prepared.images);
      // An upload whose answer was lost may have arrived: look before sending it again.
      let remote = (await map.wasUploading(asset.hash)) && media.findAsset ? await media.findAsset(sending.asset) : null;
      if (!remote) {
        await map.startUpload(asset, at);
        const send = (prep: typeof sending) => {
          const bytes = prep.after;
          const file = asset.file; // as the post names it, like the dialog's list
          onProgress({ phase: 'uploading', index, total, file, sent: 0, bytes });
          // The backend's byte count as it sends; the end is said once, after the answer.
          const onSent = (sent: number) => sent < bytes && onProgress({ phase: 'uploading', index, total, file, sent, bytes });
          return media.uploadAsset!(prep.asset, onSent).then((answer) => {
            onProgress({ phase: 'uploading', index, total, file, sent: bytes, bytes });
            return answer;
          });
        };
        try {
          remote = await send(sending);
        } catch (error) {
          // The blog named a size limit: prepared again to fit it, then refused before sending.
          const limit = planned ? limitFromRefusal(error, sending.after) : null;
          if (limit === null || limit >= sending.after) throw error;
          sending = await outgoing(asset, planned, prepared.images, limit);
          remote = await send(sending);
        }
        uploaded++;
      }
      await map.uploaded(asset, remote, at, planned?.original.hash ?? asset.hash);
      out.set(ref, { asset, url: remote.url, remote });
      onProgress({ phase: 'asset', index, total, file: asset.file, uploaded: true });
    }
    return { placed: out, uploaded };
  }

  private async findRemote(postId: string, target: ResolvedTarget, keys: PostKeys, record: PublishRecord | null, draft: OutgoingPost, entry: KeyEntry | null): Promise<{ remote: RemoteSnapshot | null; fromRecord: boolean }> {
    if (record) {
      const owner = await keys.ownerOf(record.id, postId);
      if (owner && (await this.stillOwns(owner, target.name, record.id))) {
        throw new PublishError('invalid', `This post’s front matter says it is published on ${target.publisher.label} as the post of “${owner}” (it was probably copied from it). Remove the “publish: ${target.name}” entry from this post’s front matter to publish it as a new post.`);
      }
      const remote = await target.publisher.get(record.id);
      if (remote) return { remote, fromRecord: true };
    }
    // No record (the front matter lost it, or its remote post is gone): the key file knows the
    // remote post, or a create whose answer was lost may have made one.
    if (entry?.remoteId && entry.remoteId !== record?.id) {
      const remote = await target.publisher.get(entry.remoteId);
      if (remote) return { remote, fromRecord: false };
    }
    return { remote: entry && !entry.remoteId ? await target.publisher.find(draft) : null, fromRecord: false };
  }

  private async stillOwns(otherId: string, target: string, remoteId: string): Promise<boolean> {
    const other = await this.deps.store.get(otherId).catch(() => null);
    if (!other) return false; // renamed or deleted: this post takes the remote post over
    try {
      return readPost(otherId, other.text).meta.records[target]?.id === remoteId;
    } catch {
      return false;
    }
  }

  private async finish(done: Finish, outgoing: OutgoingPost, written: RemotePost, created: boolean, uploaded: number): Promise<PublishResult> {
    const { postId, target, keys, previous, onProgress } = done;
    await keys.setRemote(postId, written.id, written.modified);
    const next: PublishRecord = {
      id: written.id,
      url: written.url,
      // When it first went out; a post without a date keeps that day on later publishes.
      published_at: previous?.id === written.id ? previous.published_at : (done.sentDate ?? new Date(this.now()).toISOString()),
      hash: hashOf(outgoing),
      remote_modified: written.modified,
    };
    onProgress({ phase: 'recording' });
    await this.saveWith(postId, (text) => withRecord(text, target, next), 'publish');
    await keepPublished(this.deps.libraryRoot, target, written, postId, withRecord(done.sent, target, next), outgoing.assets);
    onProgress({ phase: 'done', url: written.url });
    const broken = written.brokenImages?.length ? { brokenImages: written.brokenImages } : {};
    const warnings = written.warnings?.length ? { warnings: written.warnings, ...(written.mathStripped ? { mathStripped: true } : {}) } : {};
    return { kind: 'published', target, url: written.url, remoteId: written.id, created, unchanged: false, uploaded, reused: Math.max(0, outgoing.assets.length - uploaded), ...broken, ...warnings };
  }

  private async takeRemote(postId: string, post: { text: string }, target: ResolvedTarget): Promise<PublishResult> {
    const { meta } = readPost(postId, post.text);
    const record = meta.records[target.name];
    if (!record) throw new PublishError('invalid', `“${meta.title}” has not been published to ${target.publisher.label} yet, so there is no remote version to bring in.`);
    const remote = await target.publisher.get(record.id);
    if (!remote) throw new PublishError('not-found', `The post is no longer on ${target.publisher.label}, so there is nothing to bring in. Publish it again to put it back.`);
    // Still what a publish from here wrote: that markdown exactly, not a conversion of the HTML.
    const kept = await PublishRevisions.forTarget(this.deps.libraryRoot, target.name).find(remote.id, remote.modified);
    const map = AssetMap.forTarget(this.deps.libraryRoot, target.media?.name ?? target.name);
    const body = kept ? splitPostFile(kept.text).body : `\n${await remoteMarkdown(target.publisher, remote, this.deps.store.postDir(postId), await map.byUrl())}\n`;
    const taken: PublishRecord = { ...record, remote_modified: remote.modified };
    await PostKeys.forTarget(this.deps.libraryRoot, target.name).setRemote(postId, remote.id, remote.modified);
    const hash = await this.saveWith(postId, (text) => {
      const titled = remote.title && remote.title !== meta.title ? setFrontMatterFields(text, { title: remote.title }) : text;
      return withRecord(replaceBody(titled, body), target.name, taken);
    }, 'outside-edit');
    return { kind: 'took-remote', target: target.name, hash };
  }

  /// Re-reads and retries when the post was saved meanwhile: the record must not undo an edit.
  private async saveWith(postId: string, edit: (text: string) => string, reason: 'publish' | 'outside-edit'): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.deps.store.get(postId);
      const text = edit(current.text);
      try {
        await this.deps.store.save(postId, text, current.hash, reason);
        return createHash('sha256').update(text).digest('hex');
      } catch (error) {
        if ((error as { code?: string }).code !== 'conflict' || attempt >= 5) throw error;
      }
    }
  }

  /// Images that will be uploaded are prepared here too, to show their size before and after.
  private async previewOf(target: ResolvedTarget, prepared: Prepared, draft: OutgoingPost, placed: Map<string, PlacedAsset>, update: boolean): Promise<PublishPreview> {
    const unique = new Map([...prepared.assets.values()].map((asset) => [asset.hash, asset]));
    const urlOf = (hash: string) => [...placed.values()].find((p) => p.asset.hash === hash)?.url ?? null;
    const sizes = new Map<string, NonNullable<PublishPreview['assets'][number]['prepared']>>();
    for (const asset of unique.values()) {
      if (urlOf(asset.hash) !== null || !prepared.mediaOf.map) continue;
      const out = await outgoing(asset, prepared.plans.get(asset.hash), prepared.images);
      sizes.set(asset.hash, { file: out.asset.file, before: out.before, after: out.after, width: out.width, locationRemoved: out.locationRemoved, metadataRemoved: out.metadataRemoved });
    }
    return {
      target: target.name, title: draft.title, slug: draft.slug, status: draft.status, date: draft.date,
      tags: draft.tags, categories: draft.categories, excerpt: draft.excerpt, canonicalUrl: draft.canonicalUrl,
      cover: draft.cover?.url ?? prepared.meta.cover, html: draft.html,
      assets: [...unique.values()].map((asset) => ({ file: asset.file, hash: asset.hash, url: urlOf(asset.hash), willUpload: urlOf(asset.hash) === null, alt: asset.alt ?? '', prepared: sizes.get(asset.hash) ?? null })),
      action: update ? 'update' : 'create',
      payload: await target.publisher.payload(draft),
    };
  }
}

/// In the post's order, each file once.
function uniqueByHash(placed: PlacedAsset[]): PlacedAsset[] {
  return placed.filter((p, i) => placed.findIndex((q) => q.asset.hash === p.asset.hash) === i);
}

/// What was sent, as one hash: the same hash next time means there is nothing to send.
export function hashOf(post: OutgoingPost): string {
  const { title, slug, status, date, tags, categories, excerpt, canonicalUrl, html } = post;
  const assets = post.assets.map((p) => [p.asset.file, p.url]);
  const fields = { v: 1, title, slug, status, date, tags, categories, excerpt, canonicalUrl, html, cover: post.cover?.url ?? null, assets };
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/// An explicit `canonical_url` wins; otherwise, when the post names a `canonical_target`,
/// every other target points at that target's published copy (once it has one).
export function canonicalFor(meta: { canonicalUrl: string | null; canonicalTarget: string | null; records: Record<string, PublishRecord> }, target: string): string | null {
  if (meta.canonicalUrl) return meta.canonicalUrl;
  if (!meta.canonicalTarget || meta.canonicalTarget === target) return null;
  return meta.records[meta.canonicalTarget]?.url ?? null;
}
