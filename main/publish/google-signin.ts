/// Blogger sign-in as a flow the hosts can drive: start() gives the Google address to open
/// (the redirect comes back to a listener on 127.0.0.1), the blogs of the account arrive with
/// the event `onDone`, and finish() saves the chosen blog as a target with the refresh token
/// as its secret. Tokens never reach the renderer.
import { randomBytes } from 'node:crypto';
import type { TargetInfo } from '../../shared/publish';
import { BLOGGER_SCOPE, BloggerApi, bloggerSecret } from './blogger-api';
import { PublishError } from './errors';
import { signInWithGoogle } from './google-oauth';
import type { PublishService } from './service';

export interface GoogleSignInRequest {
  name: string;
  clientId: string;
  clientSecret: string | null;
  mediaTarget: string;
}

export interface BlogChoice {
  id: string;
  name: string;
  url: string;
}

interface Flow {
  request: GoogleSignInRequest;
  secret: string | null;
  blogs: BlogChoice[];
}

export class GoogleSignIn {
  private readonly flows = new Map<string, Flow>();

  constructor(private readonly publishing: () => PublishService) {}

  async start(request: GoogleSignInRequest, onDone: (flowId: string, blogs: BlogChoice[], error: string | null) => void): Promise<{ flowId: string; url: string }> {
    const flowId = randomBytes(16).toString('hex');
    const flow: Flow = { request, secret: null, blogs: [] };
    this.flows.set(flowId, flow);
    let showUrl: (url: string) => void = () => undefined;
    const url = new Promise<string>((resolve) => (showUrl = resolve));
    const signedIn = signInWithGoogle({
      clientId: request.clientId,
      clientSecret: request.clientSecret,
      scopes: [BLOGGER_SCOPE],
      service: 'Blogger',
      openBrowser: (address) => showUrl(address),
    }).then(async (tokens) => {
      flow.secret = bloggerSecret({ refreshToken: tokens.refreshToken, clientSecret: request.clientSecret });
      flow.blogs = await new BloggerApi({ clientId: request.clientId }, { refreshToken: tokens.refreshToken, clientSecret: request.clientSecret }).blogs();
      onDone(flowId, flow.blogs, flow.blogs.length === 0 ? 'This Google account has no Blogger blog. Sign in with the account that owns the blog.' : null);
    });
    signedIn.catch((error: unknown) => {
      this.flows.delete(flowId);
      onDone(flowId, [], error instanceof Error ? error.message : String(error));
    });
    return { flowId, url: await Promise.race([url, signedIn.then(() => Promise.reject(new Error('Sign-in ended before it began.')))]) };
  }

  async finish(flowId: string, blogId: string): Promise<TargetInfo> {
    const flow = this.flows.get(flowId);
    const blog = flow?.blogs.find((candidate) => candidate.id === blogId);
    if (!flow?.secret || !blog) throw new PublishError('invalid', 'That Blogger sign-in is over or the blog is not one of the account’s. Sign in again.');
    this.flows.delete(flowId);
    const { request } = flow;
    const settings = {
      name: request.name,
      kind: 'blogger' as const,
      blogId: blog.id,
      blogUrl: blog.url,
      clientId: request.clientId,
      mediaTarget: request.mediaTarget,
    };
    return this.publishing().targets.add({ settings, secret: flow.secret });
  }
}
