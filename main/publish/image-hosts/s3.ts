/// S3-compatible storage (Amazon S3, Cloudflare R2, Backblaze B2, Wasabi, MinIO, DigitalOcean
/// Spaces), signed with aws4fetch. Path-style addresses (`endpoint/bucket/key`) work with every
/// one of them. The secret is bound to the endpoint's origin: a targets file edited to point
/// elsewhere finds no usable secret (see bound-secret.ts).
import { AwsClient } from 'aws4fetch';
import type { z } from 'zod';
import type { S3Host } from '../../../shared/publish';
import { openSecret, originOf } from '../bound-secret';
import { PublishError } from '../errors';
import { httpRequest, siteName, type FetchLike, type HttpReply } from '../http';
import type { LocalAsset, RemoteAsset } from '../publisher';
import type { ImageHost, ImageHostOptions } from './index';

type S3Settings = z.infer<typeof S3Host>;

/// Keys carry the content hash, so a stored file never changes: readers may keep it for a year.
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export class S3ImageHost implements ImageHost {
  readonly label: string;
  private readonly client: AwsClient;
  private readonly bound: string;
  private readonly fetch: FetchLike;

  constructor(
    private readonly settings: S3Settings,
    secret: string,
    private readonly options: ImageHostOptions = {},
  ) {
    this.label = `the bucket “${settings.bucket}” at ${siteName(settings.endpoint)}`;
    const opened = openSecret(secret, originOf(settings.endpoint));
    this.bound = opened.origin;
    this.client = new AwsClient({ accessKeyId: settings.accessKeyId, secretAccessKey: opened.value, service: 's3', region: settings.region, retries: 0 });
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  async check(): Promise<string> {
    // A zero-length probe would leave a file behind; listing one key shows the key may read the bucket.
    const reply = await this.send('GET', `${this.bucketUrl()}?list-type=2&max-keys=1`, null, {});
    this.fail(reply, 'read the bucket');
    return `${this.settings.bucket} at ${siteName(this.settings.endpoint)}`;
  }

  async store(asset: LocalAsset, key: string, onSent?: (sent: number) => void): Promise<RemoteAsset> {
    const fullKey = this.settings.prefix + key;
    const headers = { 'Content-Type': asset.mimeType, 'Cache-Control': IMMUTABLE };
    const reply = await this.send('PUT', this.objectUrl(fullKey), asset.bytes, headers, onSent);
    this.fail(reply, `upload ${asset.file}`);
    return { url: this.publicUrl(fullKey), id: fullKey };
  }

  async find(asset: LocalAsset, key: string): Promise<RemoteAsset | null> {
    const fullKey = this.settings.prefix + key;
    const reply = await this.send('HEAD', this.objectUrl(fullKey), null, {});
    if (reply.status === 404) return null;
    this.fail(reply, `look for ${asset.file}`);
    return Number(reply.headers.get('content-length')) === asset.bytes.byteLength ? { url: this.publicUrl(fullKey), id: fullKey } : null;
  }

  private async send(method: string, url: string, body: Uint8Array | null, headers: Record<string, string>, onSent?: (sent: number) => void): Promise<HttpReply> {
    const payload = body ? new Uint8Array(body) : undefined;
    // Signed over the whole bytes (the signature carries their hash), then sent as a stream.
    const signed = await this.client.sign(url, { method, headers, body: payload });
    const timeoutMs = body ? (this.options.uploadTimeoutMs ?? 300_000) : (this.options.timeoutMs ?? 30_000);
    const fetchFn: FetchLike = onSent ? (to, init) => this.fetch(to, countingBody(init, onSent)) : this.fetch;
    return httpRequest(fetchFn, signed.url, { method, headers: signed.headers, body: payload, timeoutMs, bound: this.bound }, siteName(this.settings.endpoint));
  }

  private fail(reply: HttpReply, what: string): void {
    if (reply.status >= 200 && reply.status < 300) return;
    const code = /<Code>([^<]*)<\/Code>/.exec(reply.text)?.[1] ?? '';
    const message = /<Message>([^<]*)<\/Message>/.exec(reply.text)?.[1] ?? '';
    const said = [code, message].filter(Boolean).join(': ') || `HTTP ${reply.status}`;
    const where = this.label;
    if (reply.status === 401 || reply.status === 403) {
      const hint = /SignatureDoesNotMatch/i.test(code) ? 'the secret access key does not match the access key id' : /InvalidAccessKeyId/i.test(code) ? 'the access key id is not known there' : 'the key may not write to this bucket';
      throw new PublishError('auth', `Postwright could not ${what} on ${where}: ${hint} (${said}). Check the keys in the image host’s settings.`);
    }
    if (reply.status === 404) throw new PublishError('invalid', `Postwright could not ${what}: ${where} does not exist (${said}). Check the endpoint and the bucket name.`);
    if (reply.status === 429 || reply.status === 503) throw new PublishError('rate-limited', `${where} asked to slow down while Postwright tried to ${what} (${said}). Postwright will try again.`);
    if (reply.status >= 500) throw new PublishError('server', `${where} had a problem while Postwright tried to ${what} (${said}). Postwright will try again.`);
    throw new PublishError('rejected', `${where} refused to ${what} (${said}).`);
  }

  private bucketUrl(): string {
    return `${this.settings.endpoint}/${encodeURIComponent(this.settings.bucket)}`;
  }

  private objectUrl(key: string): string {
    return `${this.bucketUrl()}/${encodeKey(key)}`;
  }

  private publicUrl(key: string): string {
    return `${this.settings.publicUrl}/${encodeKey(key)}`;
  }
}

const CHUNK = 256 * 1024;

/// The body as a stream of chunks, counting each one as fetch takes it: fetch pulls the next
/// only when the connection has taken the last (the OS's socket buffer, some hundreds of KB,
/// runs ahead of the wire). A fresh stream per call, so a redirect that resends the body
/// (a 307 within the endpoint's origin) sends it whole. S3 needs the length: no chunked upload.
function countingBody(init: RequestInit, onSent: (sent: number) => void): RequestInit {
  if (!(init.body instanceof Uint8Array)) return init;
  const bytes = init.body;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes.byteLength) return controller.close();
      const end = Math.min(sent + CHUNK, bytes.byteLength);
      controller.enqueue(bytes.subarray(sent, end));
      sent = end;
      onSent(sent);
    },
  });
  const headers = new Headers(init.headers);
  headers.set('Content-Length', String(bytes.byteLength));
  return { ...init, headers, body, duplex: 'half' } as RequestInit;
}

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
