// The baseline for `npm run bench`: CodeMirror with the app's own editor configuration
// (postwrightExtensions) and stylesheet, alone on a page, with nothing listening to it.
// Whatever the app adds on top of this per keystroke is the app's cost.
import { promises as fs } from 'node:fs';
import path from 'node:path';

/// Bundles the editor for the page; returns the script's text.
export async function bundleBareEditor(root) {
  const { build } = await import('esbuild');
  const result = await build({
    stdin: {
      contents: [
        "import { EditorState } from '@codemirror/state';",
        "import { EditorView } from '@codemirror/view';",
        "import { postwrightExtensions } from './renderer/editor/extensions';",
        'window.__openBareEditor = (text) => {',
        "  const parent = document.querySelector('.editor-host');",
        '  window.__bareView?.destroy();',
        '  window.__bareView = new EditorView({ parent, state: EditorState.create({ doc: text, extensions: postwrightExtensions() }) });',
        '};',
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/// A page holding only the editor, the size of the app's editor pane, under the app's CSS.
export async function openBareEditor(browser, { root, script, size, text }) {
  const css = await fs.readFile(path.join(root, 'renderer', 'src', 'styles', 'app.css'), 'utf8');
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.setContent(
    `<!doctype html><html data-theme="light"><head><style>${css}</style></head><body style="margin:0">` +
      `<section class="pane editor-pane" style="position:absolute;left:${size.x}px;top:${size.y}px;width:${size.width}px;height:${size.height}px">` +
      '<div class="editor-host"></div></section></body></html>',
  );
  await page.addScriptTag({ content: script });
  await page.evaluate((doc) => window.__openBareEditor(doc), text);
  await page.locator('.cm-content').waitFor();
  return page;
}
