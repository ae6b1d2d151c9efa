/// The bar above the text: the post's title, where it stands, its actions, the look and the
/// layout. Re-renders when one of those changes, never for a keystroke. When the window is
/// narrow (app.css, container queries) Details, History and Delete fold into a menu so
/// Publish, Aa and the layout switch stay in reach and the title keeps its room.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAppearance } from '../useAppearance';
import { useDismiss } from '../useDismiss';
import { useDocumentFacts, useOpenPost } from '../useDocument';
import { dialogStore, fail } from '../state/dialogs';
import { detailsStore, layoutStore, type Layout } from '../state/layout';
import { deletePost } from '../state/session';
import { useStore } from '../state/store';
import { AppearanceMenu } from './AppearanceMenu';
import { PublishState } from './PublishState';
import { SaveState } from './SaveState';
import { EXPORT_LABELS, exportOpenPost, type ExportKind } from '../export/export-post';
import '../export/export.css';

const LAYOUTS: Layout[] = ['editor', 'split', 'preview'];

interface Action {
  label: string;
  pressed?: boolean;
  run: () => void;
}

// editor-tools: exports, always in the "More actions" menu.
const EXPORTS: Action[] = (['html', 'docx', 'pdf'] as ExportKind[]).map((kind) => ({ label: EXPORT_LABELS[kind], run: () => void exportOpenPost(kind) }));

function useSecondaryActions(): Action[] {
  const showDetails = useStore(detailsStore);
  return [
    { label: 'Details', pressed: showDetails, run: () => detailsStore.set(!showDetails) },
    { label: 'History', run: () => dialogStore.set('history') },
    { label: 'Delete', run: () => void deletePost().catch(fail) },
  ];
}

export function Toolbar() {
  const open = useOpenPost();
  const title = useDocumentFacts()?.title;
  const layout = useStore(layoutStore);
  const actions = useSecondaryActions();
  const { appearance, setAppearance } = useAppearance();
  // The window (and its taskbar entry) is named after the post, as editors name theirs.
  useEffect(() => {
    document.title = title ? `${title} — Postwright` : 'Postwright';
  }, [title]);
  return (
    <div className="toolbar">
      <div className="toolbar-title" title={title ?? undefined}>
        {title ?? 'No post open'}
      </div>
      {open && <PublishState postId={open.session.id} />}
      {open && <SaveState />}
      {open && (
        <div className="toolbar-actions">
          <span className="toolbar-secondary">
            {actions.map((action) => (
              <button key={action.label} type="button" className="button" aria-pressed={action.pressed} onClick={action.run}>
                {action.label}
              </button>
            ))}
          </span>
          <MoreMenu actions={actions} />
          <button type="button" className="button primary" onClick={() => dialogStore.set('publish')}>
            Publish
          </button>
        </div>
      )}
      <AppearanceMenu appearance={appearance} onChange={setAppearance} />
      <div className="segmented layout-switch" role="group" aria-label="Layout">
        {LAYOUTS.map((value) => (
          <button key={value} type="button" aria-pressed={layout === value} onClick={() => layoutStore.set(value)}>
            {value === 'editor' ? 'Write' : value === 'split' ? 'Split' : 'Preview'}
          </button>
        ))}
      </div>
    </div>
  );
}

function MoreMenu({ actions }: { actions: Action[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, root);
  return (
    <div className="toolbar-more always" ref={root}>
      <button type="button" className="button" aria-label="More actions" title="More actions" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        ⋯
      </button>
      {open && (
        <div className="popover right menu" role="menu" aria-label="More actions">
          {actions.map((action) => (
            <button
              key={action.label}
              type="button"
              role="menuitem"
              className="popover-item folded"
              aria-current={action.pressed}
              onClick={() => {
                close();
                action.run();
              }}
            >
              {action.label}
              {action.pressed !== undefined && <span className="muted">{action.pressed ? ' (shown)' : ''}</span>}
            </button>
          ))}
          <div className="menu-separator folded" role="separator" />
          {EXPORTS.map((action) => (
            <button
              key={action.label}
              type="button"
              role="menuitem"
              className="popover-item"
              onClick={() => {
                close();
                action.run();
              }}
            >
              {action.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
