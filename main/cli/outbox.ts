/// `postwright outbox`: the publishes waiting to be retried, as the app's outbox shows them.
/// The CLI does not retry in the background; `run` tries them now and waits.
import type { OutboxEntry } from '../../shared/publish';
import type { Services } from '../services';
import { UsageError } from './usage';

type Out = (text: string) => void;

const USAGE = 'Usage: postwright outbox [list] | outbox run [ID] | outbox cancel ID';

export async function runOutbox(services: Services, argv: string[], out: Out): Promise<number> {
  const outbox = services.publishing.outbox;
  await outbox.refresh();
  const [action = 'list', ...rest] = argv.filter((arg, i) => !arg.startsWith('--library') && argv[i - 1] !== '--library');
  switch (action) {
    case 'list': {
      const entries = outbox.list();
      if (entries.length === 0) out('The outbox is empty: nothing is waiting to be published.\n');
      for (const entry of entries) out(`${line(entry)}\n`);
      return 0;
    }
    case 'run': {
      const entries = rest[0] ? outbox.list().filter((e) => e.id === rest[0]) : outbox.list();
      if (rest[0] && entries.length === 0) return unknown(rest[0], out);
      let failures = 0;
      for (const entry of entries) {
        const status = await outbox.runNow(entry.id);
        if (status?.state === 'done') out(`Published ${entry.postId} to ${entry.target}: ${status.url}\n`);
        else if (status === null) out(`${entry.postId} → ${entry.target}: another Postwright is trying it right now.\n`);
        else {
          failures++;
          out(`${line({ ...entry, status })}\n`);
        }
      }
      if (entries.length === 0) out('The outbox is empty: nothing is waiting to be published.\n');
      return failures > 0 ? 1 : 0;
    }
    case 'cancel': {
      const id = rest[0];
      if (!id) throw new UsageError(`Name the entry to cancel, as \`postwright outbox\` lists it.\n${USAGE}`);
      if (!(await outbox.cancel(id))) return unknown(id, out);
      out(`Cancelled ${id}. The post itself is unchanged.\n`);
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}

function unknown(id: string, out: Out): number {
  out(`There is no outbox entry “${id}”. \`postwright outbox\` lists the waiting ones.\n`);
  return 1;
}

/// One entry per line, tab-separated like `targets list`: id, post, target, then where it stands.
function line(entry: OutboxEntry): string {
  const status = entry.status;
  const state = (() => {
    switch (status.state) {
      case 'retrying':
        return `waiting: next try ${new Date(status.nextAt).toLocaleString()} (${status.reason.message})`;
      case 'failed':
        return `failed: ${status.reason.message}`;
      case 'done':
        return `published: ${status.url}`;
      default:
        return status.state;
    }
  })();
  return `${entry.id}\t${entry.postId}\t${entry.target}\t${state}`;
}
