/// Where Postwright keeps its own state (recent libraries, hot-exit backups): outside every
/// library, in the place each OS expects. POSTWRIGHT_STATE_DIR overrides it (tests do).
import os from 'node:os';
import path from 'node:path';

export function stateDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.POSTWRIGHT_STATE_DIR) return path.resolve(env.POSTWRIGHT_STATE_DIR);
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'Postwright');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Postwright');
  return path.join(env.XDG_STATE_HOME ?? path.join(home, '.local', 'state'), 'postwright');
}
