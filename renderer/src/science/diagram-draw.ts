/// Draws one mermaid diagram to a clean SVG in the app's own page (mermaid needs a DOM to
/// measure text). Loaded on first use only: mermaid is large and most posts have no diagram.
import DOMPurify from 'dompurify';
import type { Mermaid } from 'mermaid';
import { cleanDiagramSvg } from '../../../shared/render/science/diagram-svg';

let loading: Promise<Mermaid> | null = null;

function mermaid(): Promise<Mermaid> {
  loading ??= import('mermaid').then(({ default: m }) => {
    m.initialize({
      startOnLoad: false,
      // Reads on a white blog page, whatever theme the app is in.
      theme: 'neutral',
      securityLevel: 'strict',
      // Plain SVG text, not HTML in <foreignObject>: it survives the cleaning and the PNG copy.
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      suppressErrorRendering: true,
      fontFamily: 'Helvetica, Arial, sans-serif',
    });
    return m;
  });
  return loading;
}

/// The diagram as an SVG document, or an error with mermaid's own message (a typo in the source).
/// Its ids come from its name, so drawing the same source again gives the same file.
export async function drawDiagram(name: string, source: string): Promise<string> {
  const m = await mermaid();
  await m.parse(source);
  const { svg } = await m.render(name, source);
  const clean = cleanDiagramSvg(DOMPurify, svg);
  if (!clean) throw new Error('The diagram drew nothing.');
  return clean;
}
