/// The images a publish will upload, before anything is sent: each one's size before and after
/// preparation, what was removed from it, and the images without alt text, with a field to write
/// it (into the post's markdown, through the editor like any other edit). While uploading, how
/// many bytes of each have gone.
import { useState } from 'react';
import { imagesWithoutAlt, setImageAlt } from '../../../shared/image-alt';
import { parsePostFile } from '../../../shared/frontmatter';
import type { PublishPreview } from '../../../shared/publish';

export type Sending = Record<string, { sent: number; bytes: number }>;

interface Props {
  text: string;
  onChangeText: (text: string) => void;
  /// From a dry run for the chosen target; null while it is being worked out.
  assets: PublishPreview['assets'] | null;
  /// Why the list could not be made (the target needs settings, say).
  error: string | null;
  /// Upload progress, by the image's name in the post.
  sending: Sending;
}

export function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(bytes > 0 ? 1 : 0, Math.round(bytes / 1024))} KB`;
}

export function PublishImages({ text, onChangeText, assets, error, sending }: Props) {
  const missing = imagesWithoutAlt(text);
  const hasImages = (assets?.length ?? 0) > 0 || missing.length > 0 || /!\[|<img\b/i.test(parsePostFile(text).body);
  if (!hasImages) return null;
  const uploads = assets?.filter((asset) => asset.willUpload) ?? [];
  const before = uploads.reduce((sum, asset) => sum + (asset.prepared?.before ?? 0), 0);
  const after = uploads.reduce((sum, asset) => sum + (asset.prepared?.after ?? 0), 0);
  return (
    <section className="publish-images" aria-label="Images">
      <div className="publish-images-head">
        <strong>Images</strong>
        <span className="muted hint">
          {assets === null && !error
            ? 'Preparing the list…'
            : uploads.length > 0
              ? `${uploads.length} to upload · ${sizeOf(before)} → ${sizeOf(after)}`
              : assets && assets.length > 0
                ? 'All already on the blog'
                : ''}
        </span>
      </div>
      {error && <p className="muted hint">{error}</p>}
      {assets && assets.length > 0 && (
        <ul className="publish-image-list" data-testid="publish-images">
          {assets.map((asset) => (
            <ImageRow key={asset.hash} asset={asset} sending={sending[asset.file]} />
          ))}
        </ul>
      )}
      {missing.length > 0 && <MissingAltList key={text} text={text} missing={missing} onChangeText={onChangeText} />}
    </section>
  );
}

function ImageRow({ asset, sending }: { asset: PublishPreview['assets'][number]; sending: { sent: number; bytes: number } | undefined }) {
  const prep = asset.prepared;
  const kind = prep && prep.file !== asset.file ? prep.file.split('.').pop()?.toUpperCase() : null;
  return (
    <li data-testid="publish-image">
      <span className="publish-image-name">{asset.file}</span>
      <span className="muted">
        {!asset.willUpload
          ? 'already on the blog'
          : prep && prep.after === prep.before && prep.file === asset.file
            ? `${sizeOf(prep.before)}, sent as it is`
            : prep
              ? `${sizeOf(prep.before)} → ${sizeOf(prep.after)}${prep.width ? `, ${prep.width} px` : ''}${kind ? ` ${kind}` : ''}`
            : 'will be uploaded'}
      </span>
      {prep?.locationRemoved ? <span className="publish-image-note">location removed</span> : prep?.metadataRemoved ? <span className="publish-image-note">camera data removed</span> : null}
      {sending && (
        <span className="publish-image-progress" role="progressbar" aria-label={`Uploading ${asset.file}`} aria-valuemin={0} aria-valuemax={sending.bytes} aria-valuenow={sending.sent}>
          {sending.sent >= sending.bytes ? 'uploaded' : `${sizeOf(sending.sent)} of ${sizeOf(sending.bytes)}`}
        </span>
      )}
    </li>
  );
}

/// Alt text is written into the post as soon as it is added; publishing without it stays possible.
function MissingAltList({ text, missing, onChangeText }: { text: string; missing: ReturnType<typeof imagesWithoutAlt>; onChangeText: (text: string) => void }) {
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const add = (index: number) => {
    const alt = drafts[index]?.trim();
    if (alt) onChangeText(setImageAlt(text, index, alt));
  };
  return (
    <div className="publish-alt" role="group" aria-label="Images without alt text" data-testid="missing-alt">
      <p className="hint">
        {missing.length === 1 ? 'One image has' : `${missing.length} images have`} no alt text. Readers using a screen reader, and everyone when an image
        does not load, get nothing in its place. Describe {missing.length === 1 ? 'it' : 'them'} here (it goes into the post), or publish without.
      </p>
      {missing.map((image) => (
        <div key={image.index} className="publish-alt-row">
          <label className="field">
            <span>{image.src}</span>
            <input
              value={drafts[image.index] ?? ''}
              placeholder="What the image shows"
              aria-label={`Alt text for ${image.src}`}
              onChange={(event) => setDrafts((now) => ({ ...now, [image.index]: event.target.value }))}
              onKeyDown={(event) => event.key === 'Enter' && add(image.index)}
            />
          </label>
          <button type="button" className="button" disabled={!drafts[image.index]?.trim()} onClick={() => add(image.index)}>
            Add
          </button>
        </div>
      ))}
    </div>
  );
}
