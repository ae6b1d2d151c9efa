/// Export a post, the same way in every host and in the CLI: one file per format beside this.
import type { ExportFormat } from '../../shared/api';
import type { Library } from '../library/library';
import { exportDocx } from './docx';
import { exportHtml } from './html';
import { exportFileName, loadExportSource } from './source';

export interface ExportedPost {
  name: string;
  type: string;
  bytes: Buffer;
}

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export async function exportPost(library: Library, postId: string, format: ExportFormat): Promise<ExportedPost> {
  const source = await loadExportSource(library, postId);
  const bytes = format === 'html' ? Buffer.from(await exportHtml(source, await library.previewCss()), 'utf8') : await exportDocx(source);
  return { name: exportFileName(postId, format), type: EXPORT_TYPES[format], bytes };
}

/// The HTML a PDF is printed from (the desktop app prints it with Chromium).
export async function exportPrintableHtml(library: Library, postId: string): Promise<string> {
  return exportHtml(await loadExportSource(library, postId), await library.previewCss());
}
