/// The article inside a blog's own wrappers (a snapshot's chain: tag, id and classes only),
/// so the blog's CSS finds the post's text where it finds it on the blog.
import type { ReactNode } from 'react';
import type { ThemeLook, ThemeWrapper } from '../../../shared/theme-look';

interface Props {
  look: ThemeLook;
  title: string;
  /// The article body; given the content element's classes and id.
  body: (className: string, id: string | undefined) => ReactNode;
}

export function ThemePage({ look, title, body }: Props) {
  const content: ThemeWrapper = look.chain.at(-1) ?? { tag: 'div', id: '', className: 'entry-content' };
  const outer = look.chain.slice(0, -1);
  // The title goes just before the text, in a box laid out as the text's own (so it lines up
  // with it), where blogs put it.
  let page: ReactNode = (
    <>
      <div className={content.className || undefined} data-look="title">
        <h1 className="entry-title post-title wp-block-post-title article-title">{title}</h1>
      </div>
      {body(`article-body ${content.className}`.trim(), content.id || undefined)}
    </>
  );
  for (const wrapper of [...outer].reverse()) {
    const Tag = wrapper.tag;
    page = (
      <Tag className={wrapper.className || undefined} id={wrapper.id || undefined}>
        {page}
      </Tag>
    );
  }
  return page;
}
