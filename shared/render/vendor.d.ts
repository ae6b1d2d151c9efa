// Packages that ship no type declarations of their own.

declare module 'highlight.js/lib/languages/*' {
  import type { LanguageFn } from 'highlight.js';
  const language: LanguageFn;
  export default language;
}

declare module 'markdown-it-task-lists' {
  import type { PluginWithOptions } from 'markdown-it';
  const taskLists: PluginWithOptions<{ enabled?: boolean; label?: boolean; labelAfter?: boolean }>;
  export default taskLists;
}

declare module 'citeproc' {
  // citeproc-js has no type declarations; this is the part Postwright calls.
  interface Engine {
    setOutputFormat(format: string): void;
    updateItems(ids: string[]): void;
    makeCitationCluster(items: Record<string, unknown>[]): string;
    makeBibliography(): [unknown, string[]] | false;
    opt: { development_extensions: { wrap_url_and_doi: boolean } };
  }
  const CSL: {
    Engine: new (sys: { retrieveLocale(lang: string): string; retrieveItem(id: string): unknown }, style: string, lang?: string, forceLang?: boolean) => Engine;
  };
  export default CSL;
}
