import { describe, expect, it, vi } from 'vitest';
import { channels, createClient, StudioError, type Handlers } from '../../../shared/api';
import { createDispatch } from '../../../main/api/dispatch';

const summary = { id: 'a', title: 'A', status: 'draft' as const, date: null, updated: null, tags: [], excerpt: '', problem: null, modifiedMs: 0 };

/// Only the calls these tests make; dispatch itself is what is under test.
function handlers(overrides: Partial<Handlers['posts']> = {}): Handlers {
  const posts: Partial<Handlers['posts']> = {
    list: () => [summary],
    get: (id) => ({ summary: { ...summary, id }, text: '# A', hash: 'h' }),
    save: () => ({ hash: 'h2', summary }),
    ...overrides,
  };
  return { library: { info: () => ({ root: '/lib', name: 'lib', postCount: 1 }) }, posts } as unknown as Handlers;
}

describe('dispatch', () => {
  it('passes validated arguments to the handler', async () => {
    const save = vi.fn(() => ({ hash: 'h2', summary }));
    const dispatch = createDispatch(handlers({ save }));
    const result = await dispatch('posts.save', [{ id: 'a', text: 'hello', baseHash: null }]);
    expect(result).toEqual({ ok: true, value: { hash: 'h2', summary } });
    expect(save).toHaveBeenCalledWith({ id: 'a', text: 'hello', baseHash: null });
  });

  it('rejects arguments that break the contract, naming what is wrong', async () => {
    const dispatch = createDispatch(handlers());
    for (const args of [[], [42], [{ id: '../x', text: '', baseHash: null }], 'not an array', null, [{ id: 'a' }]]) {
      const result = await dispatch('posts.save', args);
      expect(result.ok, JSON.stringify(args)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-argument');
    }
  });

  it('refuses unknown and prototype-polluting channel names', async () => {
    const dispatch = createDispatch(handlers());
    for (const channel of ['posts.nope', 'nope.list', '__proto__.constructor', 'posts.constructor', 'posts', 'posts.list.x']) {
      const result = await dispatch(channel, []);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
  });

  it('keeps the code of a StudioError and hides no message', async () => {
    const dispatch = createDispatch(handlers({ get: () => Promise.reject(new StudioError('not-found', 'There is no post “x”.')) }));
    expect(await dispatch('posts.get', ['x'])).toEqual({ ok: false, error: { code: 'not-found', message: 'There is no post “x”.' } });
  });

  it('turns an unexpected exception into an internal error instead of crashing', async () => {
    const log = vi.fn();
    const dispatch = createDispatch(handlers({ list: () => { throw new TypeError('boom'); } }), log);
    const result = await dispatch('posts.list', []);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log).toHaveBeenCalledOnce();
  });
});

describe('client derived from the contract', () => {
  it('has a method for every call and throws StudioError with the code', async () => {
    const dispatch = createDispatch(handlers());
    const studio = createClient((channel, args) => dispatch(channel, args), () => () => undefined);
    for (const { ns, method } of channels()) expect(typeof (studio[ns] as Record<string, unknown>)[method]).toBe('function');
    expect(await studio.posts.get('abc')).toMatchObject({ summary: { id: 'abc' } });
    await expect(studio.posts.get('../etc')).rejects.toMatchObject({ name: 'StudioError', code: 'invalid-argument' });
  });
});
