export function bundleForNode(exports: string[], outfile: string, options?: { format?: 'cjs' | 'esm'; externalPackages?: boolean }): Promise<string>;
export function importForBench(exports: string[], name: string): Promise<Record<string, unknown>>;
