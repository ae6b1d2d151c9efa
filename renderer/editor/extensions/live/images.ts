/// Live mode: `![alt](photo.png)` away from the cursor shows the image itself, loaded by
/// the preview's address rules (image-source.ts).
import { syntaxTree } from '@codemirror/language';
import { Facet, type Extension, type Range } from '@codemirror/state';
import { Decoration, WidgetType, type DecorationSet, type EditorView } from '@codemirror/view';
import { touchesSelection } from './active-lines';
import { imageSource, type ResolveAsset } from './image-source';
import { viewDecorations } from './view-decorations';

/// How a file beside the open post is addressed; set by the app, which knows the post.
export const resolveImage = Facet.define<ResolveAsset, ResolveAsset | null>({ combine: (values) => values[0] ?? null });

class ImageWidget extends WidgetType {
  constructor(
    readonly src: string,
    readonly alt: string,
  ) {
    super();
  }
  override eq(other: ImageWidget) {
    return other.src === this.src && other.alt === this.alt;
  }
  toDOM() {
    const image = document.createElement('img');
    image.className = 'cm-live-image';
    image.src = this.src;
    image.alt = this.alt;
    image.title = this.alt;
    return image;
  }
}

function build(view: EditorView): DecorationSet {
  const { state } = view;
  const resolve = state.facet(resolveImage);
  const widgets: Range<Decoration>[] = [];
  for (const { from, to } of view.visibleRanges) {
    syntaxTree(state).iterate({
      from,
      to,
      enter(node) {
        if (node.name !== 'Image') return undefined;
        const url = node.node.getChild('URL');
        const marks = node.node.getChildren('LinkMark');
        const src = url ? imageSource(state.sliceDoc(url.from, url.to), resolve) : null;
        // A plugin may not replace a line break: an image written over two lines stays text.
        const oneLine = state.doc.lineAt(node.from).number === state.doc.lineAt(node.to).number;
        if (src && oneLine && marks.length >= 2 && !touchesSelection(state.doc, state.selection, node.from, node.to)) {
          const alt = state.sliceDoc((marks[0]?.to ?? node.from), (marks[1]?.from ?? node.from));
          widgets.push(Decoration.replace({ widget: new ImageWidget(src, alt) }).range(node.from, node.to));
        }
        return false;
      },
    });
  }
  return Decoration.set(widgets, true);
}

export function liveImages(): Extension {
  return viewDecorations(build);
}
