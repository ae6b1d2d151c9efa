/// What the desktop app adds to exporting: a save dialog, and Chromium's printToPDF of the
/// exported HTML in a hidden window that runs no script and cannot reach the app.
import { BrowserWindow, dialog } from 'electron';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExportHost } from '../services';

const FILTERS = {
  html: { name: 'Web page', extensions: ['html'] },
  docx: { name: 'Word document', extensions: ['docx'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

export function electronExportHost(parent: () => BrowserWindow | null): ExportHost {
  return {
    async chooseFile(suggestedName, format) {
      const options = { title: 'Export post', defaultPath: path.join(os.homedir(), 'Documents', suggestedName), filters: [FILTERS[format]] };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async printToPdf(html) {
      const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'postwright-pdf-'));
      const file = path.join(folder, 'post.html');
      const window = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, spellcheck: false },
      });
      try {
        await fs.writeFile(file, html, 'utf8');
        await window.loadFile(file);
        return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
      } finally {
        window.destroy();
        await fs.rm(folder, { recursive: true, force: true });
      }
    },
  };
}
