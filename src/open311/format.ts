import { XMLBuilder } from 'fast-xml-parser';

/** The formats GeoReport v2 clients ask for by extension: XML is required by the spec, JSON optional. */
export const FORMATS = ['xml', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** "requests.xml" → { name: "requests", format: "xml" }; undefined when the extension is not ours. */
export function splitFormat(file: string): { name: string; format: Format } | undefined {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const ext = file.slice(dot + 1).toLowerCase();
  if (!(FORMATS as readonly string[]).includes(ext)) return undefined;
  return { name: file.slice(0, dot), format: ext as Format };
}

/** What each list is called element by element in the spec's XML. */
const ITEM_TAGS: Record<string, string> = {
  attributes: 'attribute',
  values: 'value',
  notes: 'note',
  endpoints: 'endpoint',
  formats: 'format',
};

// XML 1.0 cannot carry these at all, escaped or not: a caller's stray control byte must not
// make the whole document unreadable.
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };

function toXmlTree(value: Json, key: string): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(NOT_XML, '');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const tag = ITEM_TAGS[key] ?? 'item';
    return { [tag]: value.map((v) => toXmlTree(v, tag)) };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toXmlTree(v, k);
  return out;
}

// Entities on: every text value is escaped (&, <, >, quotes). Tag names only ever come from
// this module's callers, never from input.
const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true, ignoreAttributes: true });

/** A list as the spec's XML: <root><item>…</item>…</root>, with the UTF-8 declaration. */
export function xmlList(root: string, item: string, rows: readonly object[]): string {
  return declare(builder.build({ [root]: { [item]: rows.map((r) => toXmlTree(r as Json, item)) } }));
}

/** A single document: <root>…</root>. */
export function xmlObject(root: string, value: object): string {
  return declare(builder.build({ [root]: toXmlTree(value as Json, root) }));
}

function declare(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}
