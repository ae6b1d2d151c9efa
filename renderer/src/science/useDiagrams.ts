/// The drawn diagrams of the post the preview shows: which files are beside it, and drawing the
/// missing ones a moment after typing stops (never on the keystroke), one at a time, each kept
/// beside the post by the Node side. Drafts drawn while a diagram was being typed are dropped
/// when a newer drawing replaces them.
import { useEffect, useMemo, useRef, useState } from 'react';
import type MarkdownIt from 'markdown-it';
import { createMarkdown } from '../../../shared/render/markdown';
import { findDiagrams, type DiagramOptions } from '../../../shared/render/science/diagram';
import { studio } from '../studio';

export interface DiagramState {
  options: DiagramOptions | undefined;
  /// Changes whenever `options` do: part of the preview's render key.
  version: string;
}

const PAUSE_MS = 500;
let parser: MarkdownIt | undefined;

/// `post` changes identity with every edit; its body is read only after the pause, never on
/// the keystroke.
export function useDiagrams(postId: string, post: { body(): string }): DiagramState {
  const [drawn, setDrawn] = useState<{ postId: string; names: ReadonlySet<string> }>({ postId, names: new Set() });
  // Names this session drew (per post) and sources mermaid could not draw.
  const mine = useRef(new Map<string, Set<string>>());
  const failed = useRef(new Set<string>());
  const busy = useRef(false);

  useEffect(() => {
    let current = true;
    setDrawn({ postId, names: new Set() });
    studio.science.diagrams(postId).then(
      (names) => current && setDrawn({ postId, names: new Set(names) }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [postId]);

  useEffect(() => {
    if (drawn.postId !== postId) return;
    const timer = setTimeout(() => {
      const body = post.body();
      if (busy.current || !/mermaid/i.test(body)) return;
      const wanted = findDiagrams((parser ??= createMarkdown('commonmark')), body);
      const next = wanted.find((diagram) => !drawn.names.has(diagram.name) && !failed.current.has(diagram.name));
      if (!next) return;
      busy.current = true;
      void (async () => {
        try {
          const { drawDiagram } = await import('./diagram-draw');
          const svg = await drawDiagram(next.name, next.source);
          const drafts = mine.current.get(postId) ?? new Set<string>();
          mine.current.set(postId, drafts);
          const stale = [...drafts].filter((name) => !wanted.some((diagram) => diagram.name === name));
          const name = await studio.science.saveDiagram(postId, next.source, svg, stale);
          for (const gone of stale) drafts.delete(gone);
          drafts.add(name);
          setDrawn((old) => (old.postId === postId ? { postId, names: new Set([...old.names].filter((n) => !stale.includes(n)).concat(name)) } : old));
        } catch (error) {
          // A diagram being typed is often not valid yet: it stays a note until it is.
          failed.current.add(next.name);
          console.warn(`Diagram not drawn: ${(error as Error).message}`);
          setDrawn((old) => ({ ...old }));
        } finally {
          busy.current = false;
        }
      })();
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [postId, post, drawn]);

  return useMemo(() => {
    const names = drawn.postId === postId ? drawn.names : new Set<string>();
    return { options: { has: (name) => names.has(name) }, version: [...names].sort().join(',') };
  }, [drawn, postId]);
}
