/// A real Ghost 5 (SQLite) on 127.0.0.1 for integration tests: a fresh content folder, database,
/// owner and custom integration per call. Install the software first with
/// tests/servers/ghost/install.sh (once per machine, outside the repository).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { atExit, freePort, spawnGroup, waitFor, type ProcessGroup } from './process-group';

export const GHOST_VERSION = '5.130.6';
export const GHOST_DIR = process.env.POSTWRIGHT_GHOST_DIR ?? `/opt/postwright-test-ghost/${GHOST_VERSION}`;
export const hasGhost = existsSync(path.join(GHOST_DIR, '.installed'));

export interface Ghost {
  /// http://127.0.0.1:PORT, no trailing slash
  url: string;
  /// A custom integration's Admin API key, `id:secret`.
  adminKey: string;
  /// The owner's sign-in, for the admin session `admin()` uses.
  email: string;
  password: string;
  /// This instance's folder: config, content (database, images, logs).
  dir: string;
  /// An Admin API request as the signed-in owner (session cookie), independent of Postwright's
  /// own key handling; `json` is sent as the body.
  admin(route: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

const OWNER = { name: 'Test Owner', email: 'owner@example.com', password: 'Postwright-tests-2024!', blogTitle: 'Postwright Test Blog' };

/// Starts a fresh Ghost. `dir` (empty or missing) is kept after stop() so a failing test can be
/// looked into; by default a temporary folder is used and removed. `port` defaults to a free one.
export async function startGhost(options: { port?: number; dir?: string } = {}): Promise<Ghost> {
  if (!hasGhost) throw new Error(`Ghost is not installed in ${GHOST_DIR}: run tests/servers/ghost/install.sh`);
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'pw-ghost-'));
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: each Ghost starts from nothing`);
  let group: ProcessGroup | null = null;
  const removeDir = () => {
    if (!options.dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  let forgetDir = () => {};
  const stop = async () => {
    forgetDir();
    await group?.stop();
    removeDir();
  };
  try {
    let port = options.port ?? (await freePort());
    for (let attempt = 1; ; attempt++) {
      const url = `http://127.0.0.1:${port}`;
      makeContent(dir);
      writeConfig(dir, url, port);
      const server = spawnGroup(process.execPath, [path.join(dir, 'current', 'index.js')], {
        log: path.join(dir, 'ghost.log'),
        cwd: dir,
        env: { ...process.env, NODE_ENV: 'development' },
      });
      group = server;
      await waitFor(async () => !server.isRunning() || (await setupStatus(url)) !== null, 90_000, `Ghost at ${url}`);
      if (server.isRunning()) {
        forgetDir = atExit(removeDir); // after the group's task, which kills it first
        const cookie = await createOwner(url);
        const admin = (route: string, init: RequestInit & { json?: unknown } = {}) => adminRequest(url, cookie, route, init);
        const adminKey = await createIntegration(admin);
        return { url, adminKey, email: OWNER.email, password: OWNER.password, dir, admin, stop };
      }
      // Most likely another process took the port between freePort() and the bind.
      if (options.port || attempt === 3) throw new Error(`Ghost on port ${port} exited; see ${dir}/ghost.log`);
      rmSync(path.join(dir, 'content'), { recursive: true, force: true });
      port = await freePort();
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

/// Ghost-CLI's layout: the working folder holds config.development.json and `current`, a link
/// to the installed Ghost (Ghost finds its package.json through it). The content folder is the
/// instance's own; the themes are the installed ones, linked.
function makeContent(dir: string): void {
  if (!existsSync(path.join(dir, 'current'))) symlinkSync(GHOST_DIR, path.join(dir, 'current'));
  const content = path.join(dir, 'content');
  for (const folder of ['data', 'images', 'files', 'media', 'logs', 'settings', 'adapters', 'public', 'themes']) mkdirSync(path.join(content, folder), { recursive: true });
  for (const theme of ['casper', 'source']) {
    const target = path.join(GHOST_DIR, 'content', 'themes', theme);
    if (existsSync(target) && !existsSync(path.join(content, 'themes', theme))) symlinkSync(target, path.join(content, 'themes', theme));
  }
}

function writeConfig(dir: string, url: string, port: number): void {
  const config = {
    url,
    server: { host: '127.0.0.1', port },
    database: { client: 'sqlite3', connection: { filename: path.join(dir, 'content', 'data', 'ghost.db') }, useNullAsDefault: true },
    paths: { contentPath: path.join(dir, 'content') },
    // Nothing leaves the machine: no mail, update checks, pings or gravatars.
    mail: { transport: 'stub' },
    privacy: { useTinfoil: true },
    // Signing in from a new device would otherwise wait for an emailed code.
    security: { staffDeviceVerification: false },
    logging: { level: 'warn', transports: ['stdout'] },
  };
  writeFileSync(path.join(dir, 'config.development.json'), JSON.stringify(config, null, 2));
}

/// true once set up, false before; null while Ghost is still booting.
async function setupStatus(url: string): Promise<boolean | null> {
  try {
    const response = await fetch(`${url}/ghost/api/admin/authentication/setup/`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) {
      await response.arrayBuffer();
      return null;
    }
    const body = (await response.json()) as { setup?: Array<{ status?: boolean }> };
    return body.setup?.[0]?.status ?? null;
  } catch {
    return null;
  }
}

async function createOwner(url: string): Promise<string> {
  const headers = { 'Content-Type': 'application/json', Origin: url };
  const setup = await fetch(`${url}/ghost/api/admin/authentication/setup/`, { method: 'POST', headers, body: JSON.stringify({ setup: [OWNER] }), signal: AbortSignal.timeout(60_000) });
  if (!setup.ok) throw new Error(`Ghost setup failed: ${setup.status} ${await setup.text()}`);
  await setup.arrayBuffer().catch(() => undefined);
  const session = await fetch(`${url}/ghost/api/admin/session/`, { method: 'POST', headers, body: JSON.stringify({ username: OWNER.email, password: OWNER.password }), signal: AbortSignal.timeout(30_000) });
  if (!session.ok) throw new Error(`Ghost sign-in failed: ${session.status} ${await session.text()}`);
  await session.arrayBuffer();
  const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
  if (!cookie) throw new Error('Ghost sign-in set no session cookie');
  return cookie;
}

async function createIntegration(admin: Ghost['admin']): Promise<string> {
  const response = await admin('/integrations/?include=api_keys', { method: 'POST', json: { integrations: [{ name: 'Postwright tests' }] } });
  if (!response.ok) throw new Error(`creating a Ghost integration failed: ${response.status} ${await response.text()}`);
  const { integrations } = (await response.json()) as { integrations: Array<{ api_keys: Array<{ type: string; id: string; secret: string }> }> };
  const key = integrations[0]?.api_keys.find((k) => k.type === 'admin');
  if (!key) throw new Error('the new Ghost integration has no Admin API key');
  // Ghost shows an Admin API key's secret as the whole key, `id:secret`.
  return key.secret.includes(':') ? key.secret : `${key.id}:${key.secret}`;
}

function adminRequest(url: string, cookie: string, route: string, init: RequestInit & { json?: unknown }): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Cookie', cookie);
  headers.set('Origin', url); // Ghost refuses session requests without the site's own origin
  headers.set('Accept-Version', 'v5.0');
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(init.json);
  }
  return fetch(`${url}/ghost/api/admin${route}`, { ...init, headers, body, signal: AbortSignal.timeout(30_000) });
}

/// A post as the Admin API returns it, for tests that read Ghost directly.
export interface GhostPost {
  id: string;
  title: string;
  slug: string;
  status: string;
  html: string;
  url: string;
  updated_at: string;
  published_at: string | null;
  custom_excerpt: string | null;
  canonical_url: string | null;
  feature_image: string | null;
  tags: Array<{ name: string }>;
}

/// The reason a Ghost test is skipped, empty when Ghost is installed.
export const ghostSkipReason = hasGhost ? '' : ` (skipped: Ghost is not in ${GHOST_DIR}; install it with tests/servers/ghost/install.sh)`;
