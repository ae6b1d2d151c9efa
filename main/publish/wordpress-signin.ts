/// The WordPress browser sign-in as a flow with a beginning and an end: start() gives the
/// address to open, and the callback WordPress sends the browser to (carrying a fresh
/// application password) completes it by saving the target and its secret. A flow is named by
/// a random id in the callback address, single-use, and expires after ten minutes.
import { randomBytes, randomUUID } from 'node:crypto';
import type { TargetInfo } from '../../shared/publish';
import { PublishError } from './errors';
import type { PublishService } from './service';
import { authorizeUrl, parseCallback, type WordPressAuthOptions } from './wordpress-auth';

const FLOW_TTL_MS = 10 * 60_000;
export const SIGNIN_PATH = '/wp-signin';

interface Flow {
  name: string;
  siteUrl: string;
  expires: number;
}

export class WordPressSignIn {
  private readonly flows = new Map<string, Flow>();
  /// One application id per run: WordPress lists each sign-in under the app's name.
  private readonly appId = randomUUID();

  constructor(
    private readonly publishing: () => PublishService,
    private readonly options: WordPressAuthOptions = {},
  ) {}

  /// `returnTo` is where this host receives the callback: the browser host's own origin, or
  /// the desktop app's `postwright-signin:` scheme.
  async start(name: string, siteUrl: string, returnTo: string): Promise<string> {
    const flow = randomBytes(24).toString('hex');
    const callback = `${returnTo.replace(/\/+$/, '')}${SIGNIN_PATH}?flow=${flow}`;
    const url = await authorizeUrl(siteUrl, callback, this.appId, this.options);
    this.flows.set(flow, { name, siteUrl, expires: Date.now() + FLOW_TTL_MS });
    return url;
  }

  /// Whether this callback address names a flow that is still open (checked before anything
  /// else is read from it).
  knows(callbackUrl: string): boolean {
    const flow = this.flows.get(new URL(callbackUrl).searchParams.get('flow') ?? '');
    return flow !== undefined && flow.expires > Date.now();
  }

  async complete(callbackUrl: string): Promise<TargetInfo> {
    const id = new URL(callbackUrl).searchParams.get('flow') ?? '';
    const flow = this.flows.get(id);
    this.flows.delete(id);
    if (!flow || flow.expires < Date.now()) {
      throw new PublishError('invalid', 'This sign-in link has expired or was already used. Start the WordPress sign-in again from Postwright.');
    }
    const answer = parseCallback(callbackUrl);
    if ('rejected' in answer) throw new PublishError('auth', 'You declined the connection on WordPress, so nothing was saved. Start the sign-in again to connect.');
    const settings = { name: flow.name, kind: 'wordpress' as const, siteUrl: answer.siteUrl || flow.siteUrl, username: answer.username };
    const publishing = this.publishing();
    const existing = (await publishing.targets.list()).some((target) => target.settings.name === flow.name);
    return existing ? publishing.targets.update(flow.name, { settings, secret: answer.password }) : publishing.targets.add({ settings, secret: answer.password });
  }
}
