// commonmark-spec ships no types. Its `tests` are the spec's examples, with
// tabs still written as "→" the way spec.txt shows them.
declare module 'commonmark-spec' {
  export interface SpecExample {
    markdown: string;
    html: string;
    section: string;
    number: number;
  }
  export const text: string;
  export const tests: SpecExample[];
  const spec: { text: string; tests: SpecExample[] };
  export default spec;
}
