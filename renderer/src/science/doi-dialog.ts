/// Whether the "Add a source by DOI" dialog is open.
import { createStore } from '../state/store';

export const doiDialogStore = createStore(false);
