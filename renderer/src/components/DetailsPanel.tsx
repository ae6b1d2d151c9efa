/// The post's details (front matter) with proper controls. Every change is written back into
/// the YAML in place, keeping the keys and comments the panel does not know.
import { useEffect, useState } from 'react';
import { parsePostFile, setFrontMatterFields } from '../../../shared/frontmatter';

interface Props {
  text: string;
  onChange: (text: string) => void;
}

const asString = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const asList = (value: unknown) => (Array.isArray(value) ? value.map(asString).filter(Boolean).join(', ') : asString(value));

export function DetailsPanel({ text, onChange }: Props) {
  const file = parsePostFile(text);
  if (file.error) {
    return (
      <div className="details-panel" data-testid="details">
        <p className="form-error">Fix the front matter error on line {file.error.line} in the editor to edit the details here.</p>
      </div>
    );
  }
  const data = file.data;
  const set = (key: string, value: unknown) => {
    const empty = value === '' || (Array.isArray(value) && value.length === 0 && !(key in data));
    onChange(setFrontMatterFields(text, { [key]: empty ? undefined : value }));
  };
  return (
    <div className="details-panel" data-testid="details">
      <Field label="Title" value={asString(data.title)} onCommit={(value) => set('title', value)} live />
      <div className="details-row">
        <Field label="Slug" value={asString(data.slug)} onCommit={(value) => set('slug', value)} />
        <label className="field">
          <span>Status</span>
          <select value={asString(data.status) || 'draft'} onChange={(event) => set('status', event.target.value)}>
            <option value="draft">Draft</option>
            <option value="published">Published</option>
            <option value="scheduled">Scheduled</option>
          </select>
        </label>
        <Field label="Date" type="date" value={asString(data.date).slice(0, 10)} onCommit={(value) => set('date', value)} live />
      </div>
      <div className="details-row">
        <Field label="Tags" value={asList(data.tags)} placeholder="comma, separated" onCommit={(value) => set('tags', splitList(value))} />
        <Field label="Categories" value={asList(data.categories)} placeholder="comma, separated" onCommit={(value) => set('categories', splitList(value))} />
      </div>
      <Field label="Excerpt" value={asString(data.excerpt)} multiline onCommit={(value) => set('excerpt', value)} />
      <div className="details-row">
        <Field
          label="Word goal"
          type="number"
          value={asString(data.goal)}
          placeholder="e.g. 1500"
          onCommit={(value) => set('goal', wordGoal(value))}
        />
        <Field label="Language" value={asString(data.lang)} placeholder="en, en-GB, fr, es, de" onCommit={(value) => set('lang', value.trim())} />
      </div>
      <div className="details-row">
        <Field label="Cover image" value={asString(data.cover)} placeholder="cover.jpg" onCommit={(value) => set('cover', value)} />
        <Field label="Canonical URL" type="url" value={asString(data.canonical_url)} placeholder="https://" onCommit={(value) => set('canonical_url', value)} />
        <Field label="Original on target" value={asString(data.canonical_target)} placeholder="cross-posts point here" onCommit={(value) => set('canonical_target', value)} />
      </div>
    </div>
  );
}

/// A goal is a whole number of words; anything else clears it.
function wordGoal(value: string): number | string {
  const goal = Math.round(Number(value));
  return value.trim() && Number.isFinite(goal) && goal > 0 ? goal : '';
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/// A text field that writes back on blur or Enter (or on every change when `live`), so the
/// YAML is not rewritten mid-word.
function Field(props: { label: string; value: string; onCommit: (value: string) => void; live?: boolean; multiline?: boolean; type?: string; placeholder?: string }) {
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const commit = () => draft !== props.value && props.onCommit(draft);
  const common = {
    value: draft,
    placeholder: props.placeholder,
    onBlur: commit,
    onChange: (event: { target: { value: string } }) => {
      setDraft(event.target.value);
      if (props.live) props.onCommit(event.target.value);
    },
  };
  return (
    <label className="field">
      <span>{props.label}</span>
      {props.multiline ? (
        <textarea rows={2} {...common} />
      ) : (
        <input type={props.type ?? 'text'} {...common} onKeyDown={(event) => event.key === 'Enter' && commit()} />
      )}
    </label>
  );
}
