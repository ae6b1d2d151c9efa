/// The services every host drives: the Electron app, the browser host and the CLI.
import path from 'node:path';
import { StudioError, type EventName, type EventOf, type Handlers, type PublishOutcome } from '../shared/api';
import { describeTarget } from '../shared/target-label';
import { createDispatch, type Dispatch } from './api/dispatch';
import { BackupStore, backupDirFor } from './library/backups';
import { Library } from './library/library';
import { watchPosts } from './library/watcher';
import { importSourceForFile, importSourceForTarget, libraryImportTarget, runImport, type ImportSource } from './import/index';
import { PublishError } from './publish/errors';
import { libraryPostStore } from './publish/post-store';
import { openSecretStore, type SecretStore } from './publish/secrets';
import { PublishService } from './publish/service';
import { secretKey } from './publish/targets';
import { GoogleSignIn } from './publish/google-signin';
import { WordPressSignIn } from './publish/wordpress-signin';
import { RecentLibraries } from './recent';
import { ScienceService } from './science/service';
import { readLibrarySettings, saveLibrarySettings } from './library/settings';
import { stateDir } from './state-dir';
import { ThemeSnapshots } from './themes/index';
// editor-tools: writing statistics, spelling, export
import { writeFileAtomic } from './fs/atomic-write';
import { exportPost, exportPrintableHtml } from './export/index';
import { loadDictionary, PersonalDictionary } from './library/dictionary';
import { WritingLog } from './library/writing-log';

export type EventSink = <E extends EventName>(event: E, payload: EventOf<E>) => void;

export interface Services {
  /// The open library (it changes when the user opens another folder).
  readonly library: Library;
  /// Publishing for the open library.
  readonly publishing: PublishService;
  dispatch: Dispatch;
  /// Receives every event the renderer may subscribe to; returns an unsubscribe function.
  subscribe(sink: EventSink): () => void;
  switchTo(root: string): Promise<Library>;
  /// Finishes a WordPress browser sign-in from the callback address WordPress sent the browser to.
  completeSignIn(callbackUrl: string): Promise<{ ok: boolean; message: string }>;
  /// Whether a callback address belongs to a sign-in that is still open.
  isSignInCallback(callbackUrl: string): boolean;
  close(): Promise<void>;
}

export interface ServiceOptions {
  /// Watch the library for outside edits (the app and the browser host do; the CLI does not).
  watch?: boolean;
  /// Where publishing secrets are kept; the OS keychain (or its warned fallback) by default.
  secrets?: SecretStore;
  /// Retry queued publishes in the background (not for one-shot CLI commands).
  outbox?: boolean;
  /// Where a desktop host receives WordPress sign-in callbacks (an OS-registered scheme).
  signInScheme?: string;
  /// editor-tools: a desktop host's save dialog and PDF printer, for `export.save`.
  exportHost?: ExportHost;
}

/// What only a desktop host can do for an export: ask where to save, print HTML to PDF.
export interface ExportHost {
  /// The path the user chose, or null when they cancelled.
  chooseFile(suggestedName: string, format: 'html' | 'docx' | 'pdf'): Promise<string | null>;
  printToPdf(html: string): Promise<Buffer>;
}

interface Opened {
  library: Library;
  writingLog: WritingLog;
  dictionary: PersonalDictionary;
  backups: BackupStore;
  publishing: PublishService;
  science: ScienceService;
  stopWatching: () => Promise<void>;
  themes: ThemeSnapshots;
}

export async function openServices(libraryRoot: string, options: ServiceOptions = {}): Promise<Services> {
  const sinks = new Set<EventSink>();
  const emit: EventSink = (event, payload) => {
    for (const sink of sinks) sink(event, payload);
  };
  const recent = new RecentLibraries(path.join(stateDir(), 'recent-libraries.json'));
  const secrets = options.secrets ?? (await openSecretStore(stateDir()));

  async function open(root: string): Promise<Opened> {
    const library = await new Library(path.resolve(root)).open();
    library.onChange((change) => emit('posts.changed', change));
    const stopWatching = options.watch
      ? watchPosts(path.join(library.root, 'posts'), (change) => void library.outsideChange(change).catch(() => undefined))
      : async () => undefined;
    await recent.add(library.root).catch(() => undefined);
    const publishing = new PublishService({ libraryRoot: library.root, store: libraryPostStore(library), secrets });
    publishing.outbox.onChange((entry) => emit('outbox.changed', entry));
    if (options.outbox) await publishing.start();
    const themes = new ThemeSnapshots(library.root, async () => (await publishing.targets.list()).map((info) => info.settings));
    const science = new ScienceService(library.root, options.watch ? () => emit('science.changed', {}) : null);
    const stopAll = async () => {
      await science.close();
      await stopWatching();
    };
    return {
      library,
      writingLog: new WritingLog(library.root),
      dictionary: new PersonalDictionary(library.root),
      backups: new BackupStore(backupDirFor(library.root)),
      publishing,
      science,
      stopWatching: stopAll,
      themes,
    };
  }

  let current = await open(libraryRoot);
  const signIn = new WordPressSignIn(() => current.publishing);
  const googleSignIn = new GoogleSignIn(() => current.publishing);
  let importing: AbortController | null = null;

  async function importFrom(source: () => ImportSource) {
    if (importing) throw new StudioError('invalid-argument', 'An import is already running; wait for it or cancel it.');
    importing = new AbortController();
    try {
      return await publishingCall(() =>
        runImport(source(), libraryImportTarget(current.library), { signal: importing?.signal, onProgress: (progress) => emit('import.progress', progress) }),
      );
    } finally {
      importing = null;
    }
  }

  const handlers: Handlers = {
    library: {
      info: () => current.library.info(),
      open: async (root) => {
        await services.switchTo(root);
        return current.library.info();
      },
      recent: () => recent.list(),
      previewCss: () => current.library.previewCss(),
      // The desktop app's protocol; the browser host answers this call itself with its key.
      filesBase: () => 'files/',
      settings: () => readLibrarySettings(current.library.root),
      saveSettings: (settings) => saveLibrarySettings(current.library.root, settings),
    },
    posts: {
      list: () => current.library.list(),
      get: (id) => current.library.get(id),
      create: ({ title }) => current.library.create(title),
      save: ({ id, text, baseHash }) => current.library.save(id, text, baseHash),
      delete: (id) => current.library.delete(id),
      search: ({ query, status, tag }) => current.library.search(query, { status, tag }),
    },
    assets: {
      add: ({ postId, name, type, data }) => current.library.addAsset(postId, name, type, Buffer.from(data, 'base64')),
    },
    revisions: {
      list: (id) => current.library.revisions.list(id),
      read: (id, revisionId) => current.library.revisions.read(id, revisionId),
      restore: (id, revisionId) => current.library.restoreRevision(id, revisionId),
    },
    trash: {
      list: () => current.library.trash.list(),
      restore: (trashId) => current.library.restoreFromTrash(trashId),
    },
    targets: {
      list: () => current.publishing.targets.list(),
      add: (input) => publishingCall(() => current.publishing.targets.add(input)),
      update: (name, input) => publishingCall(() => current.publishing.targets.update(name, input)),
      remove: async (name) => {
        await publishingCall(() => current.publishing.targets.remove(name));
        return null;
      },
      test: (name) => publishingCall(() => current.publishing.targets.test(name)),
      googleSignIn: (request) =>
        publishingCall(() => googleSignIn.start(request, (flowId, blogs, error) => emit('targets.googleBlogs', { flowId, blogs, error }))),
      googleFinish: (flowId, blogId) => publishingCall(() => googleSignIn.finish(flowId, blogId)),
      signIn: async ({ name, siteUrl, returnTo }) => ({
        url: await publishingCall(() => signIn.start(name, siteUrl, returnTo ?? options.signInScheme ?? 'postwright-signin://wordpress')),
      }),
    },
    publish: {
      run: async ({ postId, target, options }): Promise<PublishOutcome> => {
        try {
          return await current.publishing.publish(postId, target, options, (progress) => emit('publish.progress', { postId, target, progress }));
        } catch (error) {
          if (error instanceof PublishError) return { kind: 'failed', target, failure: error.toJSON() };
          throw error;
        }
      },
      preview: (postId, target) => publishingCall(() => current.publishing.preview(postId, target)),
      status: (postId) => publishingCall(() => current.publishing.status(postId)),
      outbox: () => current.publishing.outbox.list(),
      cancel: (id) => current.publishing.outbox.cancel(id),
      retry: async (id) => {
        current.publishing.outbox.retry(id);
        return null;
      },
    },
    import: {
      fromTarget: async (name) => {
        const target = (await current.publishing.targets.list()).find((info) => info.settings.name === name);
        if (!target) throw new StudioError('not-found', `There is no target called “${name}”.`);
        const key = secretKey(target.settings);
        const secret = key ? await secrets.get(key).catch(() => null) : null;
        return importFrom(() => importSourceForTarget(target.settings, secret));
      },
      fromFile: ({ name, text }) => importFrom(() => importSourceForFile(text, name)),
      cancel: async () => {
        importing?.abort();
        return null;
      },
    },
    science: {
      sources: (postId, refs) => current.science.sources(postId, refs),
      addDoi: (request) => current.science.addDoi(request),
      diagrams: (postId) => current.science.diagrams(postId),
      saveDiagram: (postId, source, svg, drafts) => current.science.saveDiagram(postId, source, svg, drafts),
    },
    // --- editor-tools: writing statistics, spelling and export ---
    writing: {
      today: () => current.writingLog.today(),
      record: (postId, words) => current.writingLog.record(postId, words),
    },
    spelling: {
      dictionary: (lang) => loadDictionary(lang),
      words: () => current.dictionary.words(),
      addWord: (word) => current.dictionary.add(word),
    },
    export: {
      file: async ({ postId, format }) => {
        const file = await exportPost(current.library, postId, format);
        return { name: file.name, type: file.type, base64: file.bytes.toString('base64') };
      },
      save: async ({ postId, format }) => {
        const host = options.exportHost;
        if (!host) throw new StudioError('invalid-argument', 'Here the browser saves exports as downloads; this call is for the desktop app.');
        const chosen = await host.chooseFile(`${postId}.${format}`, format);
        if (!chosen) return null;
        const bytes = format === 'pdf' ? await host.printToPdf(await exportPrintableHtml(current.library, postId)) : (await exportPost(current.library, postId, format)).bytes;
        await writeFileAtomic(chosen, bytes, { displayName: path.basename(chosen) });
        return chosen;
      },
    },
    // --- end editor-tools ---
    backups: {
      put: (backup) => current.backups.put(backup),
      patch: (request) => current.backups.patch(request),
      list: () => current.backups.list(),
      discard: async (id) => {
        await current.backups.discard(id);
        return null;
      },
    },
    // theme-preview
    themes: {
      refresh: (target, siteUrl) => current.themes.refresh(target, siteUrl),
      look: (target) => current.themes.look(target),
    },
  };

  const services: Services = {
    get library() {
      return current.library;
    },
    get publishing() {
      return current.publishing;
    },
    dispatch: createDispatch(handlers),
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async switchTo(root) {
      const next = await open(root);
      const previous = current;
      current = next;
      previous.publishing.close();
      await previous.stopWatching();
      await previous.library.close();
      return next.library;
    },
    isSignInCallback: (callbackUrl) => {
      try {
        return signIn.knows(callbackUrl);
      } catch {
        return false;
      }
    },
    async completeSignIn(callbackUrl) {
      const name = safeFlowName(callbackUrl);
      try {
        const info = await signIn.complete(callbackUrl);
        emit('targets.signedIn', { name: info.settings.name, error: null });
        return { ok: true, message: `Postwright is now connected: ${describeTarget(info.settings)}.` };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        emit('targets.signedIn', { name, error: message });
        return { ok: false, message };
      }
    },
    async close() {
      current.publishing.close();
      await current.stopWatching();
      await current.library.close();
    },
  };
  return services;
}

/// Publishing failures carry a message written for the blogger; keep it as the call's error.
async function publishingCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PublishError) throw new StudioError('publish-failed', error.message);
    throw error;
  }
}

function safeFlowName(callbackUrl: string): string {
  try {
    return new URL(callbackUrl).searchParams.get('user_login') ?? '';
  } catch {
    return '';
  }
}
