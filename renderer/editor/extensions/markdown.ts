/// GFM markdown with fenced code highlighted by language, list continuation on Enter, and
/// the YAML front matter parsed as YAML (not as a setext heading).
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { yamlFrontmatter } from '@codemirror/lang-yaml';
import { languages } from '@codemirror/language-data';
import type { Extension } from '@codemirror/state';

export function markdownSupport(): Extension {
  const content = markdown({ base: markdownLanguage, codeLanguages: languages, addKeymap: true });
  return [yamlFrontmatter({ content }), content.support];
}
