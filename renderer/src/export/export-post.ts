/// Export the open post. The desktop app asks where to save (a save dialog) and writes the file
/// there; the browser host downloads it, and prints PDF with the browser's own print dialog.
/// Nothing is written into the library unless the writer chooses a folder in it.
import type { ExportedFile } from '../../../shared/api';
import { currentSession } from '../state/session';
import { fail, noticeStore } from '../state/dialogs';
import { host, studio } from '../studio';

export type ExportKind = 'html' | 'docx' | 'pdf';

export const EXPORT_LABELS: Record<ExportKind, string> = {
  html: 'Export as HTML…',
  docx: 'Export as Word…',
  pdf: host === 'electron' ? 'Export as PDF…' : 'Print or save as PDF…',
};

export async function exportOpenPost(kind: ExportKind): Promise<void> {
  const session = currentSession();
  if (!session) return;
  try {
    // The export is made from the file, so the words on screen are saved first.
    if (session.dirty) await session.save();
    if (host === 'electron') {
      const where = await studio.export.save({ postId: session.id, format: kind });
      if (where) noticeStore.set({ text: `Exported to ${where}` });
      return;
    }
    const file = await studio.export.file({ postId: session.id, format: kind === 'pdf' ? 'html' : kind });
    if (kind === 'pdf') printHtml(file);
    else download(file);
  } catch (error) {
    fail(error);
  }
}

function bytesOf(file: ExportedFile): Uint8Array<ArrayBuffer> {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function download(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([bytesOf(file)], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  noticeStore.set({ text: `${file.name} is in your browser’s downloads.` });
}

/// The browser's print dialog for the exported article (choose "Save as PDF" there). The frame
/// runs no script: the file has none, and the sandbox allows none.
function printHtml(file: ExportedFile): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;right:0;bottom:0';
  frame.srcdoc = new TextDecoder().decode(bytesOf(file));
  frame.onload = () => {
    noticeStore.set({ text: 'Your browser’s print dialog makes the PDF: choose “Save as PDF” as the printer.' });
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60_000);
  };
  document.body.appendChild(frame);
}
