/// Every publishing failure is a PublishError whose message tells a blogger what happened and
/// what to do; `kind` tells the code whether trying again later can help.
import type { PublishErrorKind, PublishFailure, RemoteVersion } from '../../shared/publish';

export class PublishError extends Error {
  override name = 'PublishError';
  constructor(
    readonly kind: PublishErrorKind,
    message: string,
    readonly extra: { retryAfterMs?: number; remote?: RemoteVersion; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
  }

  get retryAfterMs(): number | undefined {
    return this.extra.retryAfterMs;
  }

  get remote(): RemoteVersion | undefined {
    return this.extra.remote;
  }

  /// Worth trying again later without the user doing anything.
  get retryable(): boolean {
    return isRetryable(this.kind);
  }

  toJSON(): PublishFailure {
    const out: PublishFailure = { kind: this.kind, message: this.message };
    if (this.extra.retryAfterMs !== undefined) out.retryAfterMs = this.extra.retryAfterMs;
    if (this.extra.remote) out.remote = this.extra.remote;
    return out;
  }
}

export function isRetryable(kind: PublishErrorKind): boolean {
  return kind === 'network' || kind === 'server' || kind === 'rate-limited';
}

/// Anything thrown while publishing, as a PublishError. The unexpected (a full disk, a bug) keeps
/// its text and is not retried on its own.
export function asPublishError(error: unknown, where: string): PublishError {
  if (error instanceof PublishError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PublishError('invalid', `Publishing to ${where} stopped: ${message}`, { cause: error });
}
