/// "Preview as on…": the generic article, the library's preview.css, or a target's own look
/// (read from the blog into a snapshot, refreshed on demand, shown offline from then on).
import { useEffect, useState } from 'react';
import type { TargetInfo } from '../../../shared/publish';
import { chooseLook, lookChoiceStore, lookStore, refreshLook, targetOf, type LookChoice } from '../preview/theme';
import { dialogStore } from '../state/dialogs';
import { useStore } from '../state/store';
import { studio } from '../studio';
import '../styles/theme-picker.css';

export function PreviewThemePicker({ hasLibraryCss }: { hasLibraryCss: boolean }) {
  const choice = useStore(lookChoiceStore);
  const state = useStore(lookStore);
  // Image hosts store files; they have no pages whose look a post could take.
  const targets = useTargets().filter((info) => info.settings.kind !== 'image-host');
  const [address, setAddress] = useState('');
  const target = targetOf(choice);
  const settings = targets.find((info) => info.settings.name === target)?.settings;
  const needsAddress = settings?.kind === 'static-git' && !state.look;

  // The stored choice is shown again after a restart.
  useEffect(() => {
    if (lookStore.get().target !== targetOf(lookChoiceStore.get())) chooseLook(lookChoiceStore.get());
  }, []);

  return (
    <div className="theme-picker" data-testid="theme-picker">
      <label>
        Preview as on
        <select aria-label="Preview as on" value={choice} onChange={(event) => chooseLook(event.target.value as LookChoice)}>
          <option value="generic">a generic article</option>
          {hasLibraryCss && <option value="library">the library’s preview.css</option>}
          {!hasLibraryCss && choice === 'library' && <option value="library">a generic article</option>}
          {targets.map((info) => (
            <option key={info.settings.name} value={`target:${info.settings.name}`}>
              {info.settings.name}
            </option>
          ))}
        </select>
      </label>
      {target !== null && (
        <>
          {needsAddress && (
            <input type="url" aria-label="Published site address" placeholder="https://your-site.example" value={address} onChange={(event) => setAddress(event.target.value)} />
          )}
          <button type="button" className="button" disabled={state.busy || (needsAddress && !address)} onClick={() => void refreshLook(target, needsAddress ? address.trim() : null)}>
            {state.busy ? 'Reading…' : 'Refresh'}
          </button>
          <span className="theme-picker-status" role="status" data-testid="theme-status">
            {state.error ?? (state.look ? `Look of ${hostOf(state.look.pageUrl)}, read ${new Date(state.look.fetchedAt).toLocaleString()}` : state.busy ? '' : 'No look read yet: Refresh reads it from the blog.')}
          </span>
        </>
      )}
    </div>
  );
}

function useTargets(): TargetInfo[] {
  const [targets, setTargets] = useState<TargetInfo[]>([]);
  const dialog = useStore(dialogStore);
  // Reloaded when a dialog closes: the targets dialog may have added one.
  useEffect(() => {
    let live = true;
    studio.targets.list().then(
      (list) => live && setTargets(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [dialog]);
  return targets;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
