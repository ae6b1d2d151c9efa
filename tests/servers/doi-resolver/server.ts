/// A stand-in for the DOI resolver on 127.0.0.1, answering as doi.org does to content
/// negotiation: `GET /<doi>` with a CSL-JSON Accept header is redirected (302) to the
/// registration agency (here `/crossref/...` or `/datacite/...` on the same server), which answers
/// with the CSL-JSON; an unknown DOI is a 404 HTML page. Some DOIs misbehave on purpose, for the
/// tests of bad answers. Postwright reaches it through POSTWRIGHT_TEST_DOI_BASE.
import http from 'node:http';
import type net from 'node:net';
import { CROSSREF_ARTICLE, CROSSREF_SECOND, DATACITE_DATASET } from './records';

export type Answer = { agency: 'crossref' | 'datacite'; csl: object } | { raw: string; type: string; status?: number } | { redirect: string } | 'hang';

export const KNOWN: Record<string, Answer> = {
  '10.5555/jse.2023.017': { agency: 'crossref', csl: CROSSREF_ARTICLE },
  '10.5555/jse.2023.018': { agency: 'crossref', csl: CROSSREF_SECOND },
  '10.5555/zenodo.778899': { agency: 'datacite', csl: DATACITE_DATASET },
  '10.5555/broken.json': { raw: '{"title": "Half an answ', type: 'application/vnd.citationstyles.csl+json' },
  '10.5555/landing.page': { raw: '<!doctype html><title>A publisher</title>', type: 'text/html; charset=utf-8' },
  '10.5555/list.answer': { raw: '[1, 2, 3]', type: 'application/json' },
  '10.5555/busy.agency': { raw: 'Service Unavailable', type: 'text/plain', status: 503 },
  '10.5555/never.answers': 'hang',
  // A resolver (or a machine in between) sending the lookup to plain http elsewhere.
  '10.5555/elsewhere': { redirect: 'http://192.0.2.1/works/10.5555/elsewhere' },
};

export interface DoiResolver {
  url: string;
  /// Each request: its path and Accept header.
  requests: Array<{ path: string; accept: string }>;
  stop(): Promise<void>;
}

export async function startDoiResolver(known: Record<string, Answer> = KNOWN): Promise<DoiResolver> {
  const requests: DoiResolver['requests'] = [];
  const lookup = (doi: string) => Object.entries(known).find(([name]) => name.toLowerCase() === doi.toLowerCase())?.[1];
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const accept = String(req.headers.accept ?? '');
    requests.push({ path: pathname, accept });
    const agency = /^\/(crossref|datacite)\/(.+)$/.exec(pathname);
    const doi = decodeURIComponent(agency ? agency[2]! : pathname.slice(1));
    const answer = lookup(doi);
    if (!answer) return void res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body>DOI Not Found</body></html>');
    if (answer === 'hang') return; // never answers: the client's time-out must end it
    if ('redirect' in answer) return void res.writeHead(302, { Location: answer.redirect }).end();
    if (!agency) {
      // The resolver only redirects; it is the agency that answers.
      const where = 'agency' in answer ? answer.agency : 'crossref';
      return void res.writeHead(302, { Location: `/${where}/${encodeURIComponent(doi)}` }).end();
    }
    if ('raw' in answer) return void res.writeHead(answer.status ?? 200, { 'Content-Type': answer.type }).end(answer.raw);
    if (!/citationstyles\.csl\+json/.test(accept)) return void res.writeHead(406).end();
    res.writeHead(200, { 'Content-Type': 'application/vnd.citationstyles.csl+json; charset=utf-8' }).end(JSON.stringify(answer.csl));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
