/// The preview pane's contents: the library's stylesheet and the article, fed with the text
/// at most once per frame after the editor has painted (state/preview-feed.ts), and not at
/// all while the Write layout hides it.
import type { RefObject } from 'react';
import { usePreviewText } from '../useDocument';
import { useShownLayout } from '../state/layout';
import { libraryStore, previewCssStore } from '../state/library';
import { useStore } from '../state/store';
import type { EditorHandle } from './EditorPane';
import { Preview } from './Preview';

export function LivePreview({ editor }: { editor: RefObject<EditorHandle | null> }) {
  const fed = usePreviewText(useShownLayout() !== 'editor');
  const blogName = useStore(libraryStore, (library) => library?.name ?? '');
  const previewCss = useStore(previewCssStore);
  return (
    <>
      {/* The library's own stylesheet, scoped so it styles the article and not the app. */}
      {previewCss && <style data-testid="library-css">{`@scope (.preview-pane) {\n${previewCss}\n}`}</style>}
      {fed && <Preview id={fed.id} text={fed.text} blogName={blogName} syncScrollWith={editor} />}
    </>
  );
}
