/// Runs one call from any host: validates the arguments against the contract, calls the
/// handler, and turns every outcome into an envelope. A bad call never throws past here.
import { z } from 'zod';
import { lookupCall, StudioError, type Envelope, type Handlers } from '../../shared/api';

export type Dispatch = (channel: string, rawArgs: unknown) => Promise<Envelope<unknown>>;

export function createDispatch(handlers: Handlers, log: (message: string) => void = console.error): Dispatch {
  return async (channel, rawArgs) => {
    const call = lookupCall(channel);
    if (!call) return failure('invalid-argument', `There is no call named “${channel}”.`);
    const parsed = call.args.safeParse(rawArgs);
    if (!parsed.success) return failure('invalid-argument', describe(channel, parsed.error));
    const [ns, method] = channel.split('.') as [keyof Handlers, string];
    const fn = (handlers[ns] as Record<string, (...args: unknown[]) => unknown>)[method];
    if (!fn) return failure('internal', `The call “${channel}” has no handler.`);
    try {
      return { ok: true, value: await fn(...(parsed.data as unknown[])) };
    } catch (error) {
      if (error instanceof StudioError) return failure(error.code, error.message);
      log(`${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return failure('internal', `Something went wrong in ${channel}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

function failure(code: StudioError['code'], message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function describe(channel: string, error: z.ZodError): string {
  const issues = error.issues.map((issue) => {
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    return `${issue.message}${where}`;
  });
  return `Invalid arguments for ${channel}: ${issues.join('; ')}`;
}
