/// A refused sign-in says which part is wrong when WordPress says so. The bodies are WordPress's
/// own (wp_authenticate_application_password in wp-includes/user.php, sent with 401 by
/// rest_application_password_check_errors).
import { describe, expect, it } from 'vitest';
import type { PublishError } from '../../../main/publish/errors';
import { WordPressPublisher } from '../../../main/publish/wordpress';

const APP_PASSWORD = 'abcd EFGH 1234 ijkl MNOP 5678';
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const refusal = (code: string, message: string) => json(401, { code, message, data: { status: 401 } });

async function signIn(answer: Response, password = APP_PASSWORD, username = 'ada', siteUrl = 'https://blog.example.com'): Promise<PublishError> {
  const fetch = async (url: string) => (url.endsWith('/wp-json/') ? json(200, { namespaces: ['wp/v2'] }) : answer.clone());
  const wp = new WordPressPublisher({ siteUrl, username }, password, { fetch });
  return (await wp.check().then(() => expect.unreachable('signed in'), (error: unknown) => error)) as PublishError;
}

describe('WordPress wrong credentials', () => {
  it('blames the user name when WordPress knows no such user', async () => {
    const error = await signIn(refusal('invalid_username', '<strong>Error:</strong> Unknown username. Check again or try your email address.'), APP_PASSWORD, 'adda');
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('WordPress at blog.example.com has no user “adda”. Check the user name in the target’s settings (the name you log in with, or your account’s e-mail address).');
    expect((await signIn(refusal('invalid_email', '<strong>Error:</strong> Unknown email address. Check again or try your username.'), APP_PASSWORD, 'ada@example.com')).message).toMatch(/no account with the e-mail address “ada@example\.com”/);
  });

  it('recognises a login password given where an application password belongs', async () => {
    const error = await signIn(refusal('incorrect_password', 'The provided password is an invalid application password.'), 'correct horse battery staple!');
    expect(error.message).toMatch(/It looks like your login password, but Postwright needs an application password/);
  });

  it('says a well-formed application password was revoked or mistyped', async () => {
    const error = await signIn(refusal('incorrect_password', 'The provided password is an invalid application password.'));
    expect(error.message).toMatch(/knows ada but refused the application password: it may have been revoked or mistyped/);
    expect(error.message).not.toMatch(/login password|no user/);
  });

  it('says when the site or the account has application passwords turned off', async () => {
    expect((await signIn(refusal('application_passwords_disabled', 'Application passwords are not available.'))).message).toMatch(/has application passwords turned off/);
    expect((await signIn(refusal('application_passwords_disabled_for_user', 'Application passwords are not available for your account. Please contact the site administrator for assistance.'))).message).toMatch(/does not allow application passwords for ada/);
  });

  it('keeps the general message when WordPress does not say which', async () => {
    const error = await signIn(refusal('rest_not_logged_in', 'You are not currently logged in.'));
    expect(error.message).toMatch(/refused the application password for ada: it may have been revoked or mistyped/);
  });
});
