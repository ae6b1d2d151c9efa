/// An HTTP proxy on 127.0.0.1 that sits between Postwright and a real server and breaks chosen
/// requests the ways networks and hosts do: an error status, 429 with Retry-After, a request
/// that never gets an answer, a connection cut in the middle of an upload, or an answer lost
/// after the server already did the work. Everything else passes through untouched.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  /// `forward`: the server gets the request and does the work; the client never hears back.
  | { kind: 'hang'; forward: boolean }
  /// The client's connection is cut after this many bytes of the request body.
  | { kind: 'cut-upload'; afterBytes: number }
  /// The server gets the whole request and answers; the answer is dropped with the connection.
  | { kind: 'drop-answer' };

export interface FaultRule {
  method?: string;
  path: RegExp;
  fault: Fault;
  /// How many matching requests to break (then the rule is spent).
  times?: number;
}

export interface FaultProxy {
  url: string;
  /// Every request seen: "POST /wp-json/wp/v2/posts" plus the fault applied, if any.
  log: Array<{ request: string; fault: Fault['kind'] | null }>;
  add(rule: FaultRule): void;
  clear(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const rules: Array<FaultRule & { left: number }> = [];
  const log: FaultProxy['log'] = [];
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const pathname = req.url ?? '/';
    const rule = rules.find((r) => r.left > 0 && (!r.method || r.method === req.method) && r.path.test(decodeURIComponent(pathname)));
    if (rule) rule.left--;
    const fault = rule?.fault ?? null;
    log.push({ request: `${req.method} ${pathname}`, fault: fault?.kind ?? null });

    if (fault?.kind === 'status') {
      req.resume();
      req.on('end', () => {
        res.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers });
        res.end(JSON.stringify({ code: 'proxy_fault', message: `The proxy answered ${fault.status}.`, data: { status: fault.status } }));
      });
      return;
    }
    if (fault?.kind === 'hang' && !fault.forward) {
      req.resume(); // read the request, never answer
      return;
    }

    const headers = { ...req.headers, host: target.host };
    const outgoing = http.request({ host: target.hostname, port: target.port, method: req.method, path: pathname, headers }, (answer) => {
      if (fault?.kind === 'hang') return answer.resume();
      if (fault?.kind === 'drop-answer') {
        answer.resume();
        answer.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    outgoing.on('error', () => req.socket.destroy());

    if (fault?.kind === 'cut-upload') {
      let seen = 0;
      req.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen < fault.afterBytes) return void outgoing.write(chunk);
        // Both sides lose the connection mid-body: the server never gets a whole request.
        outgoing.destroy();
        req.socket.destroy();
      });
      return;
    }
    req.pipe(outgoing);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    log,
    add: (rule) => rules.push({ ...rule, left: rule.times ?? 1 }),
    clear: () => void rules.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
