/// Live mode, as Obsidian's live preview: marks hidden and images, math and tables drawn on
/// every line but the ones being edited. Each part is its own extension.
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { displayMath } from './display-math';
import { hideMarks } from './hide-marks';
import { liveImages } from './images';
import { inlineMath } from './inline-math';
import { liveTables } from './tables';

export { resolveImage } from './images';

export function liveMode(): Extension {
  return [EditorView.editorAttributes.of({ class: 'cm-live' }), hideMarks(), liveImages(), inlineMath(), liveTables(), displayMath()];
}
