/// Hooks onto the open post, each reading one thing, so a component re-renders only when
/// what it shows changes (never once per keystroke, except the preview once per frame).
import { useCallback, useSyncExternalStore } from 'react';
import type { OutlineItem } from '../../shared/outline';
import type { DocumentSnapshot } from './document';
import type { DocumentFacts } from './state/document-info';
import type { FedText } from './state/preview-feed';
import { openPostStore, type OpenPost } from './state/session';
import { useStore } from './state/store';

const nothing = () => () => undefined;

export function useOpenPost(): OpenPost | null {
  return useStore(openPostStore);
}

/// A part of the open post's status (dirty, saving, conflict…); null when no post is open.
export function useDocumentStatus<R>(pick: (status: DocumentSnapshot) => R): R | null {
  const open = useOpenPost();
  return useSyncExternalStore(open?.session.subscribe ?? nothing, () => (open ? pick(open.session.getSnapshot()) : null));
}

export function useDocumentFacts(): DocumentFacts | null {
  const open = useOpenPost();
  return useSyncExternalStore(open?.info.facts.subscribe ?? nothing, () => open?.info.facts.get() ?? null);
}

export function useOutline(): OutlineItem[] {
  const open = useOpenPost();
  return useSyncExternalStore(open?.info.subscribeOutline ?? nothing, () => open?.info.outline.get() ?? none);
}
const none: OutlineItem[] = [];

/// The text for the preview, at most once per frame while `live`; while not live the text
/// last handed over stays (a hidden preview does no work) and catches up when live again.
/// Right after another post opens it may still be the previous post's, for a frame.
export function usePreviewText(live: boolean): FedText | null {
  const feed = useOpenPost()?.preview ?? null;
  const subscribe = useCallback((listener: () => void) => (feed && live ? feed.subscribe(listener) : () => undefined), [feed, live]);
  return useSyncExternalStore(subscribe, () => feed?.getSnapshot() ?? null);
}

/// The open post's text for panels that edit it (details, publish), at most once per frame.
export function useDocumentText(): string | null {
  const open = useOpenPost();
  const fed = usePreviewText(true);
  if (!open) return null;
  return fed?.id === open.session.id ? fed.text : open.session.currentText();
}
