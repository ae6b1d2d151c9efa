import { existsSync } from 'node:fs';

/// Debian's Chromium (`apt-get install chromium`); Playwright's own browser download does not
/// work offline. POSTWRIGHT_CHROMIUM points elsewhere when needed.
export function chromiumPath(): string {
  const candidates = [process.env.POSTWRIGHT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found) throw new Error('No Chromium found: install it (`apt-get install -y chromium`) or set POSTWRIGHT_CHROMIUM.');
  return found;
}
