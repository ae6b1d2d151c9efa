/// The preview pane's contents: the article (in its sandboxed frame, with the library's stylesheet), fed with the text
/// at most once per frame after the editor has painted (state/preview-feed.ts), and not at
/// all while the Write layout hides it.
import type { RefObject } from 'react';
import { usePreviewText } from '../useDocument';
import { useShownLayout } from '../state/layout';
import { libraryStore, previewCssStore } from '../state/library';
import { previewRef } from '../state/session';
import { useStore } from '../state/store';
import { useAppearance } from '../useAppearance';
import type { EditorHandle } from './EditorPane';
import { Preview, type PreviewHandle } from './Preview';
import { PreviewThemePicker } from './PreviewThemePicker';
import { lookChoiceStore, lookStore } from '../preview/theme';

const attachPreview = (handle: PreviewHandle | null) => {
  previewRef.current = handle;
};

export function LivePreview({ editor }: { editor: RefObject<EditorHandle | null> }) {
  const fed = usePreviewText(useShownLayout() !== 'editor');
  const blogName = useStore(libraryStore, (library) => library?.name ?? '');
  const previewCss = useStore(previewCssStore);
  const { previewTheme, previewScale } = useAppearance();
  const choice = useStore(lookChoiceStore);
  const look = useStore(lookStore, (state) => state.look);
  return (
    <>
      <PreviewThemePicker hasLibraryCss={previewCss !== null} />
      {fed && (
        <Preview
          key={look ? `blog:${look.target}:${look.fetchedAt}` : 'article'}
          look={look}
          ref={attachPreview}
          id={fed.id}
          post={fed}
          blogName={blogName}
          libraryCss={choice === 'library' ? previewCss : null}
          theme={previewTheme}
          textScale={previewScale}
          syncScrollWith={editor}
        />
      )}
    </>
  );
}
