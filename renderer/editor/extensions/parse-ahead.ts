/// The whole post's syntax tree, built ahead in short idle slices.
///
/// CodeMirror parses in the background only as far as 100,000 characters past the screen, in
/// slices of up to 100 ms that end early only when input is pending. Jumping into a long post
/// (find, the outline, Ctrl+End) left everything up to there to parse once the writer was
/// there: the first keys typed met slices of 50–100 ms (long tasks), and a key that cut a
/// slice short lost its progress and parsed it again within its own transaction.
///
/// Here the rest of the post is parsed while the page is idle, in chunks each small enough to
/// finish within a slice: a parse that finishes leaves reusable fragments, so a key typed between
/// two chunks loses nothing. Once the tree covers the post, each key's transaction re-parses
/// only around its change (CodeMirror reuses the rest) and the background parser has nothing
/// left to do.
import { ensureSyntaxTree, syntaxTree, syntaxTreeAvailable } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import { ViewPlugin, type EditorView, type ViewUpdate } from '@codemirror/view';
import { inIdleSlices } from '../../idle';

// Characters parsed per chunk, adjusted after each chunk so that one takes about CHUNK_MS.
const FIRST_CHUNK = 8_000;
const MIN_CHUNK = 4_000;
const MAX_CHUNK = 64_000;
const CHUNK_MS = 3;
// An idle slice is due within this long, even on a page that never idles.
const SLICE_TIMEOUT_MS = 2_000;

/// The chunk that would have taken about CHUNK_MS, from how long `chunk` characters took.
function resizedChunk(chunk: number, tookMs: number): number {
  const scaled = tookMs > 0 ? Math.round((chunk * CHUNK_MS) / tookMs) : chunk * 2;
  return Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, scaled));
}

class ParseAhead {
  private stop: (() => void) | null = null;
  // How far the tree is known to reach in the current state.
  private parsed = 0;
  private chunk = FIRST_CHUNK;

  constructor(private readonly view: EditorView) {
    this.start();
  }

  update(update: ViewUpdate): void {
    // An edit (the transaction re-parsed what it could), or a tree CodeMirror's parser replaced
    // (say once a code block's language has loaded): where the tree now ends is found again by
    // stepping through what is parsed, which costs nothing, to where it stops.
    if (!update.docChanged && syntaxTree(update.startState) === syntaxTree(update.state)) return;
    this.parsed = 0;
    this.start();
  }

  destroy(): void {
    this.stop?.();
  }

  private start(): void {
    if (this.stop || whole(this.view.state)) return;
    this.stop = inIdleSlices((more) => {
      let done = true;
      try {
        done = this.step(more);
      } finally {
        // Done, or thrown (which ends the slices): the next change may start again.
        if (done) this.stop = null;
      }
      return done;
    }, SLICE_TIMEOUT_MS);
  }

  /// Parses chunks while the slice has time; true once the tree covers the post.
  private step(more: () => boolean): boolean {
    for (;;) {
      const { state } = this.view;
      const length = state.doc.length;
      if (this.parsed >= length || whole(state)) return true;
      if (!more()) return false;
      const target = Math.min(length, this.parsed + this.chunk);
      if (syntaxTreeAvailable(state, target)) {
        this.parsed = target;
        continue;
      }
      const started = performance.now();
      // A chunk is sized to finish within CHUNK_MS; if it does not (a slow machine), the parse
      // stays where it got to and goes on from there.
      if (!ensureSyntaxTree(state, target, CHUNK_MS)) {
        this.chunk = MIN_CHUNK;
        continue;
      }
      // Parsed, but not kept: a code block whose language is still loading is left out of the
      // tree. Parsing ahead stops there and starts again with the next transaction that
      // changes the text or the tree (by then the language has loaded).
      if (!syntaxTreeAvailable(state, target)) return true;
      this.chunk = resizedChunk(this.chunk, performance.now() - started);
      this.parsed = target;
    }
  }
}

function whole(state: EditorState): boolean {
  return syntaxTreeAvailable(state, state.doc.length);
}

export function parseAhead(): ViewPlugin<ParseAhead> {
  return ViewPlugin.fromClass(ParseAhead);
}
