/// A real WordPress (Debian's package) on 127.0.0.1 for integration tests: a private MariaDB
/// and a fresh install per call, served by PHP's built-in server.
/// Install the software first with tests/servers/wordpress/install.sh.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { atExit, freePort, spawnGroup, waitFor, type ProcessGroup } from './process-group';

export const WORDPRESS_DIR = '/usr/share/wordpress';
const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'wordpress');

// MariaDB's programs live in /usr/sbin, which is not on every PATH.
const searchPath = [...(process.env.PATH ?? '').split(':').filter(Boolean), '/usr/sbin', '/usr/bin'];
const which = (command: string) => searchPath.map((folder) => path.join(folder, command)).find((file) => existsSync(file)) ?? command;
export const hasWordPress = existsSync(`${WORDPRESS_DIR}/wp-settings.php`) && ['php', 'mariadbd', 'mariadb-install-db'].every((command) => which(command) !== command);

export interface WordPress {
  /// http://127.0.0.1:PORT, no trailing slash
  url: string;
  username: string;
  /// An application password of the admin user, for Basic auth against the REST API.
  appPassword: string;
  adminPassword: string;
  /// This instance's folder: database, docroot, wp-content (uploads), logs.
  dir: string;
  /// Runs PHP statements after wp-load.php and returns what they print.
  php(code: string): Promise<string>;
  stop(): Promise<void>;
}

/// Starts a fresh WordPress: new database, new install, new admin and application password.
/// `dir` (empty or missing) is kept after stop() so a failing test can be looked into; by
/// default a temporary folder is used and removed. `port` defaults to a free one.
export async function startWordPress(options: { port?: number; dir?: string } = {}): Promise<WordPress> {
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'pw-wp-'));
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: each WordPress starts from nothing`);
  const groups: ProcessGroup[] = [];
  const removeDir = () => {
    if (!options.dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  let forgetDir = () => {};
  const stop = async () => {
    forgetDir();
    await Promise.all(groups.map((group) => group.stop()));
    removeDir();
  };
  try {
    const socket = path.join(dir, 'mysqld.sock');
    groups.push(await startMariaDb(dir, socket));

    let port = options.port ?? (await freePort());
    const root = makeDocroot(dir);
    writeConfig(dir, root, `http://127.0.0.1:${port}`, socket);
    const adminPassword = randomBytes(12).toString('hex');
    const appPassword = await install(root, socket, adminPassword);
    for (let attempt = 1; ; attempt++) {
      const url = `http://127.0.0.1:${port}`;
      const server = startPhpServer(dir, root, port);
      groups.push(server);
      await waitFor(async () => !server.isRunning() || (await answers(`${url}/wp-json/`)), 30_000, `WordPress at ${url}`);
      if (server.isRunning()) {
        forgetDir = atExit(removeDir); // after the groups' tasks, which kill them first
        return { url, username: 'admin', appPassword, adminPassword, dir, php: (code) => runPhp(dir, root, url, code), stop };
      }
      // Most likely another process took the port between freePort() and the bind.
      if (options.port || attempt === 3) throw new Error(`php -S on port ${port} exited; see ${dir}/php.log`);
      port = await freePort();
      writeConfig(dir, root, `http://127.0.0.1:${port}`, socket);
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startMariaDb(dir: string, socket: string): Promise<ProcessGroup> {
  const data = path.join(dir, 'db');
  // Throwaway data, so no durability: a small redo log (the default 96 MB would be written for
  // every instance) and no syncing, which halves wp_install() on a slow disk.
  const common = ['--no-defaults', `--datadir=${data}`, '--user=root', '--innodb-log-file-size=8M', '--innodb-flush-log-at-trx-commit=0', '--innodb-doublewrite=0', '--innodb-flush-method=nosync'];
  // --force: without it the script gives up where the host name does not resolve (no
  // /etc/hosts entry, as on a bare machine); we only ever connect over the socket.
  await run(which('mariadb-install-db'), [...common, '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve', '--force'], 30_000);
  // A socket only, no TCP port: nothing to collide with other instances or a system MariaDB.
  const group = spawnGroup(which('mariadbd'), [...common, `--socket=${socket}`, '--skip-networking', `--pid-file=${dir}/mysqld.pid`, `--log-error=${dir}/mysqld.log`], { log: path.join(dir, 'mysqld.out') });
  await waitFor(
    () => {
      if (!group.isRunning()) throw new Error(`mariadbd exited; see ${dir}/mysqld.log`);
      return existsSync(socket);
    },
    30_000,
    'MariaDB socket',
  );
  return group;
}

/// Debian's WordPress stays read-only: the docroot is symlinks to it, plus this instance's
/// wp-config.php and a real wp-content (uploads, mu-plugins; the themes are Debian's).
function makeDocroot(dir: string): string {
  const root = path.join(dir, 'root');
  mkdirSync(root);
  for (const name of readdirSync(WORDPRESS_DIR)) {
    if (!['wp-config.php', 'wp-content', '.htaccess'].includes(name)) symlinkSync(path.join(WORDPRESS_DIR, name), path.join(root, name));
  }
  const content = path.join(dir, 'wp-content');
  mkdirSync(path.join(content, 'mu-plugins'), { recursive: true });
  mkdirSync(path.join(content, 'uploads'), { recursive: true });
  symlinkSync(path.join(WORDPRESS_DIR, 'wp-content', 'themes'), path.join(content, 'themes'));
  copyFileSync(path.join(here, 'mu-plugin.php'), path.join(content, 'mu-plugins', 'postwright-tests.php'));
  symlinkSync(content, path.join(root, 'wp-content'));
  return root;
}

function writeConfig(dir: string, root: string, url: string, socket: string): void {
  const content = path.join(dir, 'wp-content');

  const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'];
  const defines: Record<string, string | boolean> = {
    DB_NAME: 'wordpress',
    DB_USER: 'root',
    DB_PASSWORD: '',
    DB_HOST: `localhost:${socket}`,
    DB_CHARSET: 'utf8mb4',
    WP_HOME: url,
    WP_SITEURL: url,
    WP_CONTENT_DIR: content,
    // Application passwords need HTTPS, or this.
    WP_ENVIRONMENT_TYPE: 'local',
    // No background requests or update checks to race with the tests (and no internet).
    DISABLE_WP_CRON: true,
    AUTOMATIC_UPDATER_DISABLED: true,
    WP_HTTP_BLOCK_EXTERNAL: true,
    ...Object.fromEntries(salts.map((name) => [name, randomBytes(24).toString('hex')])),
  };
  const lines = Object.entries(defines).map(([name, value]) => `define('${name}', ${JSON.stringify(value)});`);
  writeFileSync(path.join(root, 'wp-config.php'), `<?php\n${lines.join('\n')}\n$table_prefix = 'wp_';\nrequire_once ABSPATH . 'wp-settings.php';\n`);
}

async function install(root: string, socket: string, adminPassword: string): Promise<string> {
  const out = await run('php', [path.join(here, 'install.php'), root, socket, adminPassword], 60_000);
  return (JSON.parse(out) as { appPassword: string }).appPassword;
}

function startPhpServer(dir: string, root: string, port: number): ProcessGroup {
  const ini = ['upload_max_filesize=64M', 'post_max_size=64M', 'memory_limit=256M', 'display_errors=0', 'log_errors=1', `error_log=${dir}/php-errors.log`];
  const args = [...ini.flatMap((setting) => ['-d', setting]), '-S', `127.0.0.1:${port}`, '-t', root, path.join(here, 'router.php')];
  // Workers, so that a request WordPress makes to itself does not wait on its own request.
  return spawnGroup('php', args, { log: path.join(dir, 'php.log'), env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' } });
}

function runPhp(dir: string, root: string, url: string, code: string): Promise<string> {
  const file = path.join(dir, `run-${randomBytes(6).toString('hex')}.php`);
  const host = new URL(url).host;
  const preamble = `<?php\n$_SERVER['HTTP_HOST'] = '${host}';\n$_SERVER['REQUEST_URI'] = '/';\ndefine('ABSPATH', '${root}/');\nrequire ABSPATH . 'wp-load.php';\n`;
  writeFileSync(file, preamble + code.replace(/^\s*<\?php/, ''));
  return run('php', [file], 60_000).finally(() => rmSync(file, { force: true }));
}

function run(command: string, args: string[], timeout: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
