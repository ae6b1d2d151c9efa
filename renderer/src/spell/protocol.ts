/// Messages between the renderer and its spelling worker.
export type ToWorker =
  | { type: 'load'; lang: string; aff: string; dic: string }
  | { type: 'personal'; words: string[] }
  | { type: 'check'; id: number; lang: string; words: string[] }
  | { type: 'suggest'; id: number; lang: string; word: string };

export type FromWorker =
  | { type: 'checked'; id: number; wrong: string[] }
  | { type: 'suggested'; id: number; suggestions: string[] }
  | { type: 'failed'; id: number | null; message: string };
