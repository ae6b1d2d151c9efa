export function bundleForNode(exports: string[], outfile: string): Promise<string>;
