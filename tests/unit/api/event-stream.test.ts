/// The browser host's event stream, parsed the way the renderer reads it over fetch().
import { describe, expect, it } from 'vitest';
import { EventStreamParser } from '../../../renderer/src/event-stream';

describe('EventStreamParser', () => {
  it('yields whole events only, across chunk boundaries, and skips comments', () => {
    const parser = new EventStreamParser();
    expect(parser.push(': connected\n\nevent: posts.changed\nda')).toEqual([]);
    expect(parser.push('ta: {"id":"a","hash":null}\n\nevent: outbox.changed\n')).toEqual([{ event: 'posts.changed', data: '{"id":"a","hash":null}' }]);
    expect(parser.push('data: {}\n\n')).toEqual([{ event: 'outbox.changed', data: '{}' }]);
  });

  it('joins data lines and reads CRLF streams', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: x\r\ndata: one\r\ndata:two\r\n\r\ndata: plain\n\n')).toEqual([
      { event: 'x', data: 'one\ntwo' },
      { event: 'message', data: 'plain' },
    ]);
  });
});
