/// A body's text by lines, without it having to be one string: the preview hands over the
/// editor's own document, so a keystroke reads only the lines around the edit.
import { lineStarts } from './blocks';

export interface SourceLines {
  /// Characters in the text.
  readonly length: number;
  /// Lines in the text (one more than its line breaks).
  readonly lines: number;
  /// Where 0-based `line` starts; `length` for any line past the last.
  start(line: number): number;
  slice(from: number, to: number): string;
  /// The whole text, for the rare work that needs it (a full render, the science context).
  text(): string;
}


export class StringLines implements SourceLines {
  readonly starts: number[];

  constructor(readonly value: string) {
    this.starts = lineStarts(value);
  }

  get length(): number {
    return this.value.length;
  }

  get lines(): number {
    return this.starts.length;
  }

  start(line: number): number {
    return this.starts[line] ?? this.value.length;
  }

  slice(from: number, to: number): string {
    return this.value.slice(from, to);
  }

  text(): string {
    return this.value;
  }
}

/// Whether 0-based `line` holds only spaces and tabs.
export function isBlankLine(source: SourceLines, line: number): boolean {
  const end = line + 1 < source.lines ? source.start(line + 1) - 1 : source.length;
  return /^[ \t]*$/.test(source.slice(source.start(line), end));
}
