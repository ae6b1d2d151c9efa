/// Block markup made by WordPress's own block library: the block editor checks each block by
/// comparing its markup with what its save function makes, string for string, so nothing here
/// writes block comments by hand. The library needs a DOM, and loading it takes seconds, so it
/// lives in a worker thread started on the first WordPress publish: the DOM globals it needs
/// never touch the main process, and the app does not freeze while it loads.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BlockSpec } from './html-to-blocks';
import { cachedMarkup, keepMarkup } from './markup-cache';

// Plain CommonJS, run by the worker. The library's edit code probes navigator, matchMedia and
// friends at load time; its console chatter (duplicate store warnings) is not the user's concern.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
for (const level of ['log', 'info', 'warn', 'error', 'debug']) console[level] = () => {};
const { JSDOM, VirtualConsole } = require(workerData.jsdom);
const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { url: 'http://localhost/', virtualConsole: new VirtualConsole() });
const win = dom.window;
win.matchMedia = () => ({ matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {} });
for (const key of ['window', 'document', 'navigator', 'Node', 'Element', 'HTMLElement', 'DOMParser', 'MutationObserver', 'getComputedStyle', 'matchMedia', 'CustomEvent', 'Event', 'requestAnimationFrame', 'cancelAnimationFrame']) {
  const value = key === 'window' ? win : win[key];
  if (value === undefined) continue;
  try { Object.defineProperty(globalThis, key, { value, configurable: true, writable: true }); } catch {}
}
const blocks = require(workerData.blocks);
require(workerData.library).registerCoreBlocks();
// This library's Custom HTML block keeps its content outside the post (a newer WordPress's
// storage); every WordPress since 5.0 reads it as the raw HTML between the block's comments.
const { RawHTML, createElement } = require(workerData.element);
blocks.unregisterBlockType('core/html');
blocks.registerBlockType('core/html', {
  apiVersion: 2, title: 'Custom HTML', category: 'widgets',
  attributes: { content: { type: 'string', source: 'raw' } },
  supports: { customClassName: false, className: false, html: false },
  save: ({ attributes }) => createElement(RawHTML, null, attributes.content),
});
const make = (spec) => blocks.createBlock(spec.name, spec.attributes, spec.innerBlocks.map(make));
parentPort.on('message', ({ id, specs }) => {
  try {
    parentPort.postMessage({ id, markup: blocks.serialize(specs.map(make)) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.stack) || error) });
  }
});
`;

interface Pending {
  resolve(markup: string): void;
  reject(error: Error): void;
  /// A post waits on it; a warm-up alone must not keep the CLI from exiting.
  hold: boolean;
}

let running: { worker: Worker; pending: Map<number, Pending> } | null = null;
let nextId = 1;
let warming: Promise<void> | null = null;

function start(): NonNullable<typeof running> {
  // The app's bundles are CommonJS; the tests' loader defines __filename too.
  const load = createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'package.json'));
  const workerData = { jsdom: load.resolve('jsdom'), blocks: load.resolve('@wordpress/blocks'), library: load.resolve('@wordpress/block-library'), element: load.resolve('@wordpress/element') };
  const worker = new Worker(WORKER, { eval: true, workerData, env: { ...process.env, NODE_ENV: 'production' } });
  const pending = new Map<number, Pending>();
  const self = { worker, pending };
  const fail = (error: Error) => {
    if (running === self) running = null;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (message: { id?: number; markup?: string; error?: string }) => {
    if (message.id === undefined) return;
    const p = pending.get(message.id);
    pending.delete(message.id);
    if (![...pending.values()].some((q) => q.hold)) worker.unref();
    if (message.error !== undefined) p?.reject(new Error(`WordPress's block library could not make the post's blocks: ${message.error}`));
    else p?.resolve(message.markup ?? '');
  });
  worker.on('error', (error) => fail(new Error(`WordPress's block library did not load: ${error.message}`)));
  worker.on('exit', (code) => fail(new Error(`WordPress's block library stopped (exit code ${code}).`)));
  // The CLI exits when its work is done, with the worker idle or not.
  worker.unref();
  return self;
}

/// The blocks as WordPress post content, exactly as the block editor would save them: made
/// once by the block library, then kept (markup-cache.ts).
export async function serializeBlocks(specs: BlockSpec[]): Promise<string> {
  const known = specs.length > 0 ? cachedMarkup(specs) : null;
  if (known !== null) return known;
  const markup = await inWorker(specs, true);
  if (specs.length > 0) keepMarkup(specs, markup);
  return markup;
}

function inWorker(specs: BlockSpec[], hold: boolean): Promise<string> {
  running ??= start();
  const { worker, pending } = running;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, hold });
    if (hold) worker.ref();
    worker.postMessage({ id, specs });
  });
}

/// Starts loading the block library, so that it is ready by the time the post is: called on a
/// WordPress target's first request. Resolves once it is loaded.
export function warmBlockSerializer(): Promise<void> {
  if (!running) warming = null;
  warming ??= inWorker([], false).then(() => undefined);
  return warming;
}

/// Stops the worker (tests, and hosts shutting down); the next call starts a new one.
export async function stopBlockSerializer(): Promise<void> {
  const current = running;
  running = null;
  await current?.worker.terminate();
}
