/// Blogger in the targets form: the blogger's own Google OAuth client, a sign-in in the browser,
/// the blog to use, and the image host its images go to (Blogger stores none).
import { messageOf } from '../message-of';
import { useEffect, useState } from 'react';
import type { TargetInfo } from '../../../shared/publish';
import { studio } from '../studio';
import { BLOGGER_WHY, ImageHostPicker } from './ImageHostFields';


/// Blogger: the blogger's own Google OAuth client (Google requires a verified app for the
/// Blogger scope), a sign-in in the browser, then the blog to use.
export function BloggerFields({ name, mediaTargets, onAdded, onError }: { name: string; mediaTargets: TargetInfo[]; onAdded: () => void; onError: (message: string | null) => void }) {
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [media, setMedia] = useState(mediaTargets[0]?.settings.name ?? '');
  const [flow, setFlow] = useState<string | null>(null);
  const [blogs, setBlogs] = useState<Array<{ id: string; name: string; url: string }>>([]);
  const [blogId, setBlogId] = useState('');

  useEffect(
    () =>
      studio.on('targets.googleBlogs', (event) => {
        if (event.flowId !== flow) return;
        if (event.error) {
          onError(event.error);
          setFlow(null);
        }
        setBlogs(event.blogs);
        setBlogId(event.blogs[0]?.id ?? '');
      }),
    [flow, onError],
  );

  const signIn = () => {
    onError(null);
    studio.targets.googleSignIn({ name, clientId, clientSecret: clientSecret || null, mediaTarget: media }).then(
      ({ flowId, url }) => {
        setFlow(flowId);
        window.open(url, '_blank', 'noopener');
      },
      (failure: unknown) => onError(messageOf(failure)),
    );
  };

  if (mediaTargets.length === 0) return <ImageHostPicker value="" onChange={setMedia} hosts={[]} why={BLOGGER_WHY} />;
  return (
    <>
      <ol className="muted hint steps">
        <li>In Google Cloud Console, create a project and enable the Blogger API v3.</li>
        <li>Set up the OAuth consent screen (External) and add yourself as a test user, or publish the app (test tokens expire after 7 days).</li>
        <li>Under Credentials, create an OAuth client ID of type “Desktop app” and paste its ID and secret here.</li>
      </ol>
      <label className="field">
        <span>OAuth client ID</span>
        <input value={clientId} onChange={(event) => setClientId(event.target.value)} placeholder="….apps.googleusercontent.com" />
      </label>
      <label className="field">
        <span>Client secret</span>
        <input value={clientSecret} onChange={(event) => setClientSecret(event.target.value)} type="password" autoComplete="off" />
      </label>
      <ImageHostPicker value={media} onChange={setMedia} hosts={mediaTargets} why={BLOGGER_WHY} />
      {blogs.length > 0 ? (
        <div className="row">
          <select aria-label="Blog" value={blogId} onChange={(event) => setBlogId(event.target.value)}>
            {blogs.map((blog) => (
              <option key={blog.id} value={blog.id}>
                {blog.name} ({blog.url})
              </option>
            ))}
          </select>
          <button type="button" className="button primary" onClick={() => void studio.targets.googleFinish(flow ?? '', blogId).then(onAdded, (failure: unknown) => onError(messageOf(failure)))}>
            Use this blog
          </button>
        </div>
      ) : (
        <button type="button" className="button primary" disabled={!name || !clientId || flow !== null} onClick={signIn}>
          {flow ? 'Waiting for Google…' : 'Sign in with Google'}
        </button>
      )}
    </>
  );
}
