/// The open post as the preview reads it on each hand-over: where the body starts, its front
/// matter, and the body's lines read straight from the editor's document. The front matter is
/// split off again only when an edit can have moved where it ends, so typing in the body
/// reads nothing but the lines around the edit.
import type { Text } from '@codemirror/state';
import type { ChangedLines } from '../../../shared/render/blocks';
import type { SourceLines } from '../../../shared/render/source-lines';
import { splitPostFile } from '../../../shared/frontmatter';
import type { FedText } from '../state/preview-feed';

export class PostView {
  readonly lines: SourceLines;

  private constructor(
    readonly fed: FedText,
    readonly frontMatter: string | null,
    /// Where the body starts in the document, and on which 0-based line.
    readonly bodyOffset: number,
    readonly bodyLine: number,
  ) {
    this.lines = new BodyLines(fed.doc, bodyOffset, bodyLine);
  }

  /// The view of `fed`, reusing `previous`'s split when no edit since reached the front matter.
  static of(fed: FedText, previous: PostView | null): PostView {
    const changes = previous && previous.fed.id === fed.id ? fed.changesSince(previous.fed) : null;
    if (previous && changes && splitKept(previous, changes)) return new PostView(fed, previous.frontMatter, previous.bodyOffset, previous.bodyLine);
    // The document's own line breaks, so offsets into the text are offsets into the document.
    const file = splitPostFile(fed.text.includes('\r') ? fed.doc.toString() : fed.text);
    const bodyOffset = fed.doc.length - file.body.length;
    const bodyLine = file.frontMatter === null ? 0 : fed.doc.lineAt(bodyOffset).number - 1;
    return new PostView(fed, file.frontMatter, bodyOffset, bodyLine);
  }

  /// The body as a string (a full render needs it).
  body(): string {
    return this.lines.text();
  }

  /// The body's lines changed since `older` (same post), 'same' when nothing changed, null
  /// when that is not known or the front matter moved.
  changedSince(older: PostView): ChangedLines | 'same' | null {
    if (older.fed.id !== this.fed.id || older.bodyOffset !== this.bodyOffset || older.bodyLine !== this.bodyLine) return null;
    const changes = this.fed.changesSince(older.fed);
    if (!changes) return null;
    if (changes.empty) return 'same';
    let fromA = Infinity;
    let toA = -1;
    let toB = -1;
    changes.iterChangedRanges((a0, a1, _b0, b1) => {
      fromA = Math.min(fromA, a0);
      toA = Math.max(toA, a1);
      toB = Math.max(toB, b1);
    });
    if (toA === -1) return 'same';
    if (fromA < this.bodyOffset) return null;
    const oldDoc = older.fed.doc;
    const newDoc = this.fed.doc;
    return {
      from: oldDoc.lineAt(fromA).number - 1 - this.bodyLine,
      oldTo: oldDoc.lineAt(toA).number - this.bodyLine,
      newTo: newDoc.lineAt(toB).number - this.bodyLine,
    };
  }
}

/// Whether edits that start at `changes`' ranges leave the front matter where it was.
function splitKept(previous: PostView, changes: ReturnType<FedText['changesSince']> & object): boolean {
  let first = Infinity;
  changes.iterChangedRanges((from) => (first = Math.min(first, from)));
  if (first === Infinity) return true;
  const doc = previous.fed.doc;
  if (previous.frontMatter !== null) {
    // After the closing fence's line break: the fence line itself is untouched.
    return first >= previous.bodyOffset && doc.sliceString(previous.bodyOffset - 1, previous.bodyOffset) === '\n';
  }
  // No front matter: one can begin only with a first line that opens a fence (or a BOM before it).
  const line = doc.line(1);
  return first > line.to && !/^(?:\ufeff|-)/.test(line.text);
}

/// The body's lines inside the editor's document.
class BodyLines implements SourceLines {
  constructor(
    private readonly doc: Text,
    private readonly offset: number,
    private readonly firstLine: number,
  ) {}

  get length(): number {
    return this.doc.length - this.offset;
  }

  get lines(): number {
    return this.doc.lines - this.firstLine;
  }

  start(line: number): number {
    if (line <= 0) return 0;
    return line < this.lines ? this.doc.line(this.firstLine + line + 1).from - this.offset : this.length;
  }

  slice(from: number, to: number): string {
    return this.doc.sliceString(from + this.offset, to + this.offset);
  }

  text(): string {
    return this.doc.sliceString(this.offset);
  }
}
