/// Where Google's sign-in and the Blogger API are. They are constants of the code, never read
/// from a library (whose targets file anyone who shares the library can edit): a Blogger refresh
/// token and OAuth client secret go only to Google.
///
/// Tests point them at the contract server on this machine through POSTWRIGHT_TEST_GOOGLE_BASE,
/// an environment variable no library file can set; it is taken only for a loopback http address,
/// so a stray setting cannot send tokens to another machine.
import { PublishError } from './errors';

export const GOOGLE_AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const BLOGGER_API = 'https://www.googleapis.com/blogger/v3';

export const TEST_GOOGLE_BASE_ENV = 'POSTWRIGHT_TEST_GOOGLE_BASE';

export interface GoogleEndpoints {
  auth: string;
  token: string;
  api: string;
}

/// Read at each use, so a test can set the variable after the modules are loaded.
export function googleEndpoints(): GoogleEndpoints {
  const base = process.env[TEST_GOOGLE_BASE_ENV]?.trim().replace(/\/+$/, '');
  if (!base) return { auth: GOOGLE_AUTH_URL, token: GOOGLE_TOKEN_URL, api: BLOGGER_API };
  const url = URL.canParse(base) ? new URL(base) : null;
  if (!url || url.protocol !== 'http:' || !['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname) || url.username || url.password) {
    throw new PublishError('invalid', `${TEST_GOOGLE_BASE_ENV} is set to “${base}”, which is not a test server on this machine (http://127.0.0.1:port). Unset it to use Google.`);
  }
  return { auth: `${base}/o/oauth2/v2/auth`, token: `${base}/token`, api: `${base}/blogger/v3` };
}
