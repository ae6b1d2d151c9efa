/// The services every host drives: the Electron app, the browser host and the CLI.
import type { EventName, EventOf, Handlers } from '../shared/api';
import { createDispatch, type Dispatch } from './api/dispatch';
import { Library } from './library/library';

export type EventSink = <E extends EventName>(event: E, payload: EventOf<E>) => void;

export interface Services {
  library: Library;
  dispatch: Dispatch;
  /// Receives every event the renderer may subscribe to; returns an unsubscribe function.
  subscribe(sink: EventSink): () => void;
}

export async function openServices(libraryRoot: string): Promise<Services> {
  const library = await new Library(libraryRoot).open();
  const handlers: Handlers = {
    library: { info: () => library.info() },
    posts: {
      list: () => library.list(),
      get: (id) => library.get(id),
      create: ({ title }) => library.create(title),
      save: ({ id, text, baseHash }) => library.save(id, text, baseHash),
      delete: (id) => library.delete(id),
    },
  };
  return {
    library,
    dispatch: createDispatch(handlers),
    subscribe: (sink) => library.onChange((change) => sink('posts.changed', change)),
  };
}
