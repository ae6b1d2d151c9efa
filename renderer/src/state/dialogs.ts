/// Which dialog is open, and the banners: a problem to show, a notice with an optional undo,
/// and whether the new-post form is showing.
import { messageOf } from '../message-of';
import { createStore } from './store';

export type Dialog = 'history' | 'trash' | 'publish' | 'targets' | 'import' | null;
export interface Notice {
  text: string;
  undo?: () => void;
}

export const dialogStore = createStore<Dialog>(null);
export const problemStore = createStore<string | null>(null);
export const noticeStore = createStore<Notice | null>(null);
export const creatingStore = createStore(false);

/// Shows what went wrong in the writer's words (services already phrase their errors so).
export function fail(error: unknown): void {
  problemStore.set(messageOf(error));
}
