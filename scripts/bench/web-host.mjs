// The browser host for the benches: a library of posts in a temporary folder, `web.cjs`
// started on it, and the Chromium to drive it.
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/// Writes each { name, text } as posts/<name>/index.md of a new library and starts the host
/// built at `webCjs` on it. Returns its tokened URL and stop(), which also removes the library.
export async function startWebHost(webCjs, posts) {
  const library = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-bench-'));
  for (const { name, text } of posts) {
    await fs.mkdir(path.join(library, 'posts', name), { recursive: true });
    await fs.writeFile(path.join(library, 'posts', name, 'index.md'), text);
  }
  const child = spawn(process.execPath, [webCjs, '--library', library], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, POSTWRIGHT_LIBRARY: '' } });
  const stop = async () => {
    child.kill('SIGTERM');
    await fs.rm(library, { recursive: true, force: true });
  };
  try {
    const url = await new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`the browser host printed no URL:\n${output}`)), 20_000);
      const read = (chunk) => {
        output += chunk;
        const found = /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+/.exec(output)?.[0];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      };
      child.stdout.setEncoding('utf8').on('data', read);
      child.stderr.setEncoding('utf8').on('data', read);
      child.once('exit', (code) => reject(new Error(`the browser host exited with ${code}:\n${output}`)));
    });
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function chromiumPath() {
  const found = [process.env.POSTWRIGHT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
  if (!found) throw new Error('No Chromium found: install it (`apt-get install -y chromium`) or set POSTWRIGHT_CHROMIUM.');
  return found;
}
