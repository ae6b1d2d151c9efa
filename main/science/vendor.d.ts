// citation-js ships no type declarations; these are the parts Postwright calls.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    data: { id: string; [field: string]: unknown }[];
    format(name: string, options?: Record<string, unknown>): unknown;
  }
  export const plugins: { config: { get(name: string): unknown } };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
