import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';

let instance: DOMPurify | undefined;

/// The Node side's DOMPurify (CLI, publishing), on one jsdom window made on first use.
export function createNodePurify(): DOMPurify {
  instance ??= createDOMPurify(new JSDOM('').window as unknown as Parameters<DOMPurify>[0]);
  return instance;
}
