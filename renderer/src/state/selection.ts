/// The text the writer has selected in the editor ('' when nothing is), for the status bar.
import { createStore } from './store';

export const selectionStore = createStore('');
