/// Server-sent events read with fetch(), because EventSource cannot send the header that
/// authorizes the browser host's API. Reconnects like EventSource does, except after a 401.

export interface StreamEvent {
  event: string;
  data: string;
}

/// Splits text as it arrives into events; a block may span chunks.
export class EventStreamParser {
  private buffer = '';

  push(chunk: string): StreamEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const events: StreamEvent[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) events.push({ event, data: data.join('\n') });
    }
    return events;
  }
}

/// Keeps one stream open for the page's lifetime; `headers` is read at every (re)connect.
export function openEventStream(url: string, headers: () => Record<string, string>, onEvent: (event: StreamEvent) => void): void {
  let delay = 500;
  const connect = async (): Promise<void> => {
    try {
      const response = await fetch(url, { headers: headers(), cache: 'no-store' });
      // Without a valid key the API calls say so; retrying would only repeat the 401.
      if (response.status === 401) return;
      if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
      delay = 500;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new EventStreamParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const event of parser.push(value)) onEvent(event);
      }
    } catch {
      // The host stopped or the network dropped; try again below.
    }
    setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, 10_000);
  };
  void connect();
}
