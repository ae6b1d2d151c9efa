// Vite turns `?inline` stylesheet imports into their text, for the preview frame.
declare module '*.css?inline' {
  const css: string;
  export default css;
}
