/// What the stand-in resolver knows: CSL-JSON shaped as Crossref and DataCite send it (Crossref's
/// carries its reference list, licence and index dates, which Postwright must drop). The DOIs use
/// 10.5555, the prefix Crossref keeps for examples, so none of them names a real work.
export const CROSSREF_ARTICLE = {
  indexed: { 'date-parts': [[2025, 1, 9]], 'date-time': '2025-01-09T10:11:12Z', timestamp: 1736417472000 },
  'reference-count': 2,
  publisher: 'Small Experiments Society',
  issue: '2',
  license: [{ start: { 'date-parts': [[2023, 5, 2]] }, URL: 'https://creativecommons.org/licenses/by/4.0/', 'content-version': 'vor' }],
  'content-domain': { domain: [], 'crossmark-restriction': false },
  'short-container-title': ['J Small Exp'],
  DOI: '10.5555/jse.2023.017',
  type: 'article-journal',
  created: { 'date-parts': [[2023, 5, 2]], 'date-time': '2023-05-02T08:00:00Z', timestamp: 1683014400000 },
  page: '17-29',
  source: 'Crossref',
  'is-referenced-by-count': 4,
  title: 'Radish roots under drought: a windowsill trial',
  prefix: '10.5555',
  volume: '11',
  author: [
    { given: 'Amara', family: 'Okafor', sequence: 'first', affiliation: [] },
    { given: 'Jonas', family: 'Weiß', sequence: 'additional', affiliation: [] },
  ],
  member: '7822',
  reference: [
    { key: 'ref1', 'doi-asserted-by': 'publisher', DOI: '10.5555/jse.2021.001' },
    { key: 'ref2', unstructured: 'Hartmann L. Measuring Plants at Home. Greenleaf Press; 2019.' },
  ],
  'container-title': 'Journal of Small Experiments',
  link: [{ URL: 'https://example.org/jse/11/17.pdf', 'content-type': 'application/pdf', 'content-version': 'vor', 'intended-application': 'text-mining' }],
  deposited: { 'date-parts': [[2023, 5, 3]], 'date-time': '2023-05-03T00:00:00Z', timestamp: 1683072000000 },
  score: 1,
  issued: { 'date-parts': [[2023, 5]] },
  'references-count': 2,
  'journal-issue': { issue: '2', 'published-print': { 'date-parts': [[2023, 5]] } },
  URL: 'http://dx.doi.org/10.5555/jse.2023.017',
  ISSN: ['1234-5679'],
  'container-title-short': 'J Small Exp',
  published: { 'date-parts': [[2023, 5]] },
};

/// Same first author, year and first word as the article above: its key must differ.
export const CROSSREF_SECOND = {
  ...CROSSREF_ARTICLE,
  DOI: '10.5555/jse.2023.018',
  title: 'Radish leaves in low light',
  page: '30-41',
  URL: 'http://dx.doi.org/10.5555/jse.2023.018',
};

export const DATACITE_DATASET = {
  type: 'dataset',
  id: 'https://doi.org/10.5555/zenodo.778899',
  categories: ['Plant science'],
  author: [{ family: 'Núñez', given: 'Lucía' }],
  issued: { 'date-parts': [[2022]] },
  abstract: 'Daily soil moisture readings from twelve windowsill pots.',
  DOI: '10.5555/zenodo.778899',
  publisher: 'Zenodo',
  title: 'Windowsill soil moisture readings, spring 2022',
  URL: 'https://zenodo.org/record/778899',
  version: '1.0',
};
