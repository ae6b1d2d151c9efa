/// Reading export files (WXR, Blogger Atom) with fast-xml-parser. Entities are decoded here, once,
/// and CDATA kept as it is, so "&amp;lt;" in a title stays "&lt;" and HTML in CDATA stays HTML.
import { XMLParser } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;

const CDATA = '#cdata';

export function parseXml(text: string, arrays: string[]): XmlNode {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    trimValues: false,
    cdataPropName: CDATA,
    isArray: (name) => arrays.includes(name),
  });
  return parser.parse(text) as XmlNode;
}

/// The text of an element: its characters with entities decoded, plus its CDATA as is.
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return decodeXml(String(node));
  if (Array.isArray(node)) return node.map(textOf).join('');
  const obj = node as XmlNode;
  let out = '';
  if (obj['#text'] !== undefined) out += decodeXml(String(obj['#text']));
  const cdata = obj[CDATA];
  if (cdata !== undefined) out += Array.isArray(cdata) ? cdata.map(String).join('') : String(cdata);
  return out;
}

export function attr(node: unknown, name: string): string {
  if (typeof node !== 'object' || node === null) return '';
  const value = (node as XmlNode)[`@_${name}`];
  return value === undefined ? '' : decodeXml(String(value));
}

export function list(node: unknown): unknown[] {
  if (node === undefined || node === null) return [];
  return Array.isArray(node) ? node : [node];
}

export function child(node: unknown, name: string): unknown {
  return typeof node === 'object' && node !== null ? (node as XmlNode)[name] : undefined;
}

export function decodeXml(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec) return safeCodePoint(Number(dec), m);
    if (hex) return safeCodePoint(parseInt(hex, 16), m);
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name as 'amp'];
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/// A date an export wrote (RFC 3339, or WordPress's "2024-01-02 10:00:00" in UTC) as ISO, or null.
export function isoDate(text: string, assumeUtc = true): string | null {
  const trimmed = text.trim();
  if (!trimmed || trimmed.startsWith('0000-00-00')) return null;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(trimmed) ? `${trimmed.replace(' ', 'T')}${assumeUtc ? 'Z' : ''}` : trimmed;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
