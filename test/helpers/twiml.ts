/**
 * Reads and checks TwiML the way a strict Twilio would. The rules are not written here by hand:
 * they are read at load time from the declarations of the installed `twilio` package
 * (lib/twiml/VoiceResponse.d.ts), so they follow the package when it is upgraded.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A TwiML element; `children` keeps text (strings) and elements in document order. */
export interface TwimlElement {
  name: string;
  attributes: Record<string, string>;
  children: TwimlNode[];
}
export type TwimlNode = TwimlElement | string;

export function isElement(node: TwimlNode | undefined): node is TwimlElement {
  return typeof node === 'object' && node !== null;
}

export function elementsOf(el: TwimlElement): TwimlElement[] {
  return el.children.filter(isElement);
}

/** Text of an element and its descendants (SSML tags dropped), whitespace collapsed. */
export function textOf(el: TwimlElement): string {
  const parts: string[] = [];
  const collect = (node: TwimlNode) => {
    if (typeof node === 'string') parts.push(node);
    else {
      // <break/> and sentence/paragraph ends are pauses: keep words apart.
      parts.push(' ');
      node.children.forEach(collect);
      parts.push(' ');
    }
  };
  el.children.forEach(collect);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Parsing

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, unknown> };

function convert(node: OrderedNode): TwimlNode | undefined {
  if ('#text' in node) return String(node['#text']);
  const name = Object.keys(node).find((key) => key !== ':@');
  if (!name) return undefined;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(node[':@'] ?? {})) attributes[key] = String(value);
  const rawChildren = (node[name] as OrderedNode[] | undefined) ?? [];
  const children: TwimlNode[] = [];
  for (const child of rawChildren) {
    const converted = convert(child);
    if (converted !== undefined) children.push(converted);
  }
  return { name, attributes, children };
}

/** Parses a TwiML document into an ordered tree; throws on XML that is not well formed. */
export function parseTwiml(xml: string): TwimlElement {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    const { msg, line, col } = wellFormed.err;
    throw new Error(`TwiML is not well-formed XML (line ${line}, column ${col}): ${msg}`);
  }
  const nodes = parser.parse(xml) as OrderedNode[];
  const roots = nodes.map(convert).filter(isElement);
  if (roots.length !== 1 || !roots[0]) {
    throw new Error(`TwiML must have exactly one root element, found ${roots.length}`);
  }
  return roots[0];
}

// ---------------------------------------------------------------------------------------------
// Rules, read from twilio's own declarations

export interface AttributeRule {
  name: string;
  /** The declared type as written in the .d.ts, e.g. `GatherInput[]` or `number`. */
  declared: string;
  kind: 'string' | 'number' | 'boolean' | 'enum';
  /** Allowed values for `enum` (a union of string literals in the declarations). */
  values?: readonly string[];
  /** An array type: the value is a space-separated list. */
  list: boolean;
  /** An attribute that holds a URL Twilio requests. */
  url: boolean;
  /** A pattern the declaration's own description states (e.g. speechTimeout: auto or an integer). */
  pattern?: RegExp;
  description: string;
}

export interface ChildRule {
  /** The XML tag, e.g. `Gather`, `say-as`. */
  tag: string;
  /** The class the builder returns for it, e.g. `Gather`, `SsmlSayAs`. */
  className: string;
  /** Declared attributes; empty when the builder takes a bare `object`. */
  attributes: Map<string, AttributeRule>;
  /** Whether the element carries text (`say(message)`), and whether it must. */
  text: 'none' | 'optional' | 'required';
  textName?: string;
}

export interface TwimlRules {
  /** Children each builder class may create, by tag. `VoiceResponse` is <Response>. */
  classes: Map<string, Map<string, ChildRule>>;
  source: string;
  version: string;
}

const require = createRequire(import.meta.url);

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

interface RawMethod {
  name: string;
  doc: string;
  params: { name: string; optional: boolean; type: string }[];
  returns: string;
}

/** A small reader for the generated, regular VoiceResponse.d.ts (one declaration per line). */
export function rulesFromDeclarations(dts: string, source = 'VoiceResponse.d.ts', version = ''): TwimlRules {
  const unions = new Map<string, string[]>();
  const interfaces = new Map<string, Map<string, { type: string; doc: string }>>();
  const methods = new Map<string, RawMethod[]>();
  let block: { kind: 'class' | 'interface'; name: string; indent: number } | undefined;
  let doc: string[] = [];
  let inDoc = false;

  for (const line of dts.split('\n')) {
    const trimmed = line.trim();
    if (inDoc) {
      if (trimmed.endsWith('*/')) inDoc = false;
      doc.push(trimmed.replace(/\*\/$/, '').replace(/^\*\s?/, '').trim());
      continue;
    }
    if (trimmed.startsWith('/**')) {
      const body = trimmed.slice(3);
      doc = [];
      if (body.endsWith('*/')) doc.push(body.slice(0, -2).trim());
      else {
        inDoc = true;
        if (body.trim()) doc.push(body.trim());
      }
      continue;
    }
    const header = /^(\s*)(?:declare |export )*(class|interface) (\w+)\b.*\{$/.exec(line);
    if (header) {
      const [, indent = '', kind, name = ''] = header;
      block = { kind: kind as 'class' | 'interface', name, indent: indent.length };
      if (kind === 'interface' && !interfaces.has(name)) interfaces.set(name, new Map());
      if (kind === 'class' && !methods.has(name)) methods.set(name, []);
      doc = [];
      continue;
    }
    if (block && trimmed === '}' && line.indexOf('}') === block.indent) {
      block = undefined;
      continue;
    }
    const alias = /^(?:export )?type (\w+) = (.+);$/.exec(trimmed);
    if (alias) {
      const parts = (alias[2] ?? '').split('|').map((p) => p.trim());
      if (parts.every((p) => /^"[^"]*"$/.test(p))) {
        unions.set(alias[1] ?? '', parts.map((p) => p.slice(1, -1)));
      }
      continue;
    }
    if (block?.kind === 'interface') {
      const field = /^(?:"([^"]+)"|(\w+))\?: (.+);$/.exec(trimmed);
      // Interfaces declared twice under one name merge, as TypeScript merges them.
      if (field) interfaces.get(block.name)?.set(field[1] ?? field[2] ?? '', { type: field[3] ?? '', doc: doc.join(' ') });
      doc = [];
      continue;
    }
    if (block?.kind === 'class') {
      const method = /^(\w+)\((.*)\): VoiceResponse\.(\w+);$/.exec(trimmed);
      if (method) {
        const params = (method[2] ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => {
            const m = /^(\w+)(\?)?: (.+)$/.exec(p);
            return { name: m?.[1] ?? p, optional: Boolean(m?.[2]), type: m?.[3] ?? 'unknown' };
          });
        methods.get(block.name)?.push({ name: method[1] ?? '', doc: doc[0] ?? '', params, returns: method[3] ?? '' });
      }
      doc = [];
    }
  }

  const attributeRules = (type: string | undefined): Map<string, AttributeRule> => {
    const rules = new Map<string, AttributeRule>();
    const name = /^VoiceResponse\.(\w+)$/.exec(type ?? '')?.[1];
    for (const [attr, { type: declared, doc: description }] of interfaces.get(name ?? '') ?? []) {
      const list = declared.endsWith('[]');
      const base = list ? declared.slice(0, -2) : declared;
      const values = unions.get(base);
      let kind: AttributeRule['kind'] = values ? 'enum' : base === 'number' ? 'number' : base === 'boolean' ? 'boolean' : 'string';
      let allowed = values;
      // The declarations type most *Method attributes as plain strings but spell the same
      // attribute out as "GET" | "POST" where they do type it (PayStatusCallbackMethod...).
      if (kind === 'string' && /(^m|M)ethod$/.test(attr)) {
        kind = 'enum';
        allowed = ['GET', 'POST'];
      }
      const url =
        kind === 'string' &&
        (/^(action|url)$|Url$|Callback$/.test(attr) || (/\bURL\b/.test(description) && !/method/i.test(description)));
      const rule: AttributeRule = { name: attr, declared, kind, list, url, description };
      if (allowed) rule.values = allowed;
      if (/either auto or a positive integer/i.test(description)) rule.pattern = /^(auto|[1-9]\d*)$/;
      rules.set(attr, rule);
    }
    return rules;
  };

  const classes = new Map<string, Map<string, ChildRule>>();
  for (const [className, list] of methods) {
    const children = new Map<string, ChildRule>();
    const byName = new Map<string, RawMethod[]>();
    for (const m of list) {
      if (m.name === 'constructor' || m.name.startsWith('comment')) continue;
      byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
    }
    for (const [name, overloads] of byName) {
      const first = overloads[0];
      if (!first) continue;
      // "<Say> TwiML Verb" names the tag. Where the comment does not, the builder names it
      // after the method: SSML in kebab case (sayAs() writes <say-as>), TwiML capitalised.
      const tag =
        /^<([\w-]+)>/.exec(first.doc)?.[1] ??
        (first.returns.startsWith('Ssml') ? kebab(name) : name.charAt(0).toUpperCase() + name.slice(1));
      const attributesType = overloads.flatMap((o) => o.params).find((p) => p.name === 'attributes')?.type;
      const textParams = overloads.map((o) => o.params.find((p) => p.name !== 'attributes'));
      const textParam = textParams.find(Boolean);
      const text: ChildRule['text'] = !textParam
        ? 'none'
        : textParams.every((p) => p && !p.optional)
          ? 'required'
          : 'optional';
      const rule: ChildRule = { tag, className: first.returns, attributes: attributeRules(attributesType), text };
      if (textParam) rule.textName = textParam.name;
      children.set(tag, rule);
    }
    classes.set(className, children);
  }
  if (!classes.get('VoiceResponse')?.has('Gather')) {
    throw new Error(`could not read TwiML rules from ${source}: its layout has changed`);
  }
  return { classes, source, version };
}

let cachedRules: TwimlRules | undefined;

/** The rules of the installed twilio package, read once. */
export function twimlRules(): TwimlRules {
  if (!cachedRules) {
    const js = require.resolve('twilio/lib/twiml/VoiceResponse.js');
    const dtsPath = js.replace(/\.js$/, '.d.ts');
    const pkg = JSON.parse(readFileSync(require.resolve('twilio/package.json'), 'utf8')) as { version: string };
    cachedRules = rulesFromDeclarations(readFileSync(dtsPath, 'utf8'), dtsPath, pkg.version);
  }
  return cachedRules;
}

// ---------------------------------------------------------------------------------------------
// Validation

export interface ValidateOptions {
  /**
   * What must follow a <Gather> without actionOnEmptyResult="true" so that silence has a path:
   * 'redirect' (default, the house style: a later <Redirect>), 'any-verb' (Twilio's minimum for
   * a call not to end on silence), or 'none' (waitUrl documents, which Twilio replays).
   */
  gatherFallthrough?: 'redirect' | 'any-verb' | 'none';
  /**
   * 'absolute-or-root' (default): URLs Twilio requests must be http(s) or start with "/".
   * 'any' also accepts relative ones ("next"), which Twilio resolves against the request URL.
   */
  urls?: 'absolute-or-root' | 'any';
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const URL_FORM = /^(https?:\/\/[^\s/?#]+[^\s]*|\/(?!\/)[^\s]*)$/;
/** Verbs after which Twilio reads nothing more of the document. */
const FINAL_VERBS = new Set(['Hangup', 'Redirect', 'Reject']);

function listing(values: readonly string[]): string {
  return values.length > 12 ? `${values.slice(0, 12).join(', ')}, … (${values.length} values)` : values.join(', ');
}

function checkValue(rule: AttributeRule, value: string, options: Required<ValidateOptions>): string | undefined {
  const items = rule.list ? value.trim().split(/\s+/) : [value];
  for (const item of items) {
    switch (rule.kind) {
      case 'enum':
        if (!rule.values?.includes(item)) return `"${item}" is not one of ${listing(rule.values ?? [])}`;
        break;
      case 'number':
        if (!NUMBER.test(item.trim())) return `"${item}" is not a number`;
        break;
      case 'boolean':
        if (item !== 'true' && item !== 'false') return `"${item}" is not true or false`;
        break;
      case 'string':
        if (rule.pattern && !rule.pattern.test(item)) return `"${item}" does not match ${rule.pattern} (${rule.description})`;
        if (rule.url && options.urls !== 'any' && !URL_FORM.test(item)) return `"${item}" is not an absolute (http/https) or root-relative URL`;
        break;
    }
  }
  return undefined;
}

function checkChildren(
  el: TwimlElement,
  className: string,
  path: string,
  textAllowed: boolean,
  rules: TwimlRules,
  options: Required<ValidateOptions>,
  errors: string[],
) {
  const allowed = rules.classes.get(className) ?? new Map<string, ChildRule>();
  const seen = new Map<string, number>();
  const elements: { el: TwimlElement; path: string }[] = [];
  for (const node of el.children) {
    if (typeof node === 'string') {
      if (!textAllowed && node.trim()) errors.push(`${path}: text "${node.trim().slice(0, 40)}" is not allowed in <${el.name}>`);
      continue;
    }
    const position = (seen.get(node.name) ?? 0) + 1;
    seen.set(node.name, position);
    const childPath = `${path}/${node.name}[${position}]`;
    elements.push({ el: node, path: childPath });
    const rule = allowed.get(node.name);
    if (!rule) {
      const names = [...allowed.keys()];
      errors.push(
        `${childPath}: <${node.name}> is not allowed in <${el.name}>` +
          (names.length ? ` (allowed: ${names.join(', ')})` : ` (<${el.name}> takes no elements)`),
      );
      continue;
    }
    for (const [attr, value] of Object.entries(node.attributes)) {
      const attrRule = rule.attributes.get(attr);
      if (!attrRule) {
        const names = [...rule.attributes.keys()];
        errors.push(
          `${childPath}: attribute "${attr}" is not declared for <${node.name}>` +
            (names.length ? ` (declared: ${names.join(', ')})` : ' (it takes no attributes)'),
        );
        continue;
      }
      const problem = checkValue(attrRule, value, options);
      if (problem) errors.push(`${childPath}: attribute ${attr}: ${problem}`);
    }
    const text = node.children.filter((c): c is string => typeof c === 'string').join('').trim();
    if (rule.text === 'required' && !text && !node.children.some(isElement)) {
      errors.push(`${childPath}: <${node.name}> needs its ${rule.textName ?? 'text'}`);
    }
    if (rule.textName === 'url' && text && options.urls !== 'any' && !URL_FORM.test(text)) {
      errors.push(`${childPath}: "${text}" is not an absolute (http/https) or root-relative URL`);
    }
    checkChildren(node, rule.className, childPath, rule.text !== 'none', rules, options, errors);
  }

  if (className !== 'VoiceResponse') return;
  elements.forEach(({ el: verb, path: verbPath }, i) => {
    const after = elements.slice(i + 1);
    if (FINAL_VERBS.has(verb.name) && after[0]) {
      errors.push(`${after[0].path}: never runs, Twilio stops reading the document at ${verbPath}`);
    }
    if (verb.name !== 'Gather' || verb.attributes.actionOnEmptyResult === 'true') return;
    if (options.gatherFallthrough === 'any-verb' && after.length === 0) {
      errors.push(`${verbPath}: nothing follows the <Gather>, so the call ends on silence (add a <Redirect> or actionOnEmptyResult="true")`);
    }
    if (options.gatherFallthrough === 'redirect' && !after.some((a) => a.el.name === 'Redirect')) {
      errors.push(`${verbPath}: no <Redirect> follows the <Gather>, so silence has no path (house style; or set actionOnEmptyResult="true")`);
    }
  });
}

/** Every problem found in a TwiML document, each naming the element path; [] when valid. */
export function validateTwiml(xml: string, options: ValidateOptions = {}): string[] {
  let root: TwimlElement;
  try {
    root = parseTwiml(xml);
  } catch (err) {
    return [(err as Error).message];
  }
  if (root.name !== 'Response') return [`the root element is <${root.name}>, TwiML needs <Response>`];
  const errors: string[] = [];
  for (const attr of Object.keys(root.attributes)) errors.push(`Response: attribute "${attr}" is not allowed on <Response>`);
  const rules = twimlRules();
  checkChildren(root, 'VoiceResponse', 'Response', false, rules, { gatherFallthrough: options.gatherFallthrough ?? 'redirect', urls: options.urls ?? 'absolute-or-root' }, errors);
  return errors;
}

/** Throws, listing every problem, unless the document is valid TwiML; returns its tree. */
export function assertValidTwiml(xml: string, options: ValidateOptions = {}): TwimlElement {
  const errors = validateTwiml(xml, options);
  if (errors.length) {
    throw new Error(`Invalid TwiML (${errors.length} problem${errors.length > 1 ? 's' : ''}):\n  - ${errors.join('\n  - ')}\n${xml}`);
  }
  return parseTwiml(xml);
}

// ---------------------------------------------------------------------------------------------
// Reading a response

type Doc = string | TwimlElement;
const tree = (doc: Doc) => (typeof doc === 'string' ? parseTwiml(doc) : doc);

function descendants(el: TwimlElement, name: string): TwimlElement[] {
  return elementsOf(el).flatMap((child) => [...(child.name === name ? [child] : []), ...descendants(child, name)]);
}

/** The text of every <Say>, in document order (Says inside a Gather included), SSML stripped. */
export function spokenText(doc: Doc): string[] {
  return descendants(tree(doc), 'Say').map(textOf);
}

/** The first <Gather>'s attributes (action, input, hints, language...), or undefined. */
export function gatherOf(doc: Doc): Readonly<Record<string, string>> | undefined {
  return descendants(tree(doc), 'Gather')[0]?.attributes;
}

/** The URL of the first <Redirect>, or undefined. */
export function redirectOf(doc: Doc): string | undefined {
  const redirect = descendants(tree(doc), 'Redirect')[0];
  return redirect ? textOf(redirect) : undefined;
}

export interface EnqueueInfo {
  /** The queue's name (the element's text). */
  name: string;
  waitUrl?: string;
  action?: string;
  attributes: Readonly<Record<string, string>>;
}

/** The <Enqueue>: queue name, waitUrl, action, or undefined. */
export function enqueueOf(doc: Doc): EnqueueInfo | undefined {
  const enqueue = descendants(tree(doc), 'Enqueue')[0];
  if (!enqueue) return undefined;
  const info: EnqueueInfo = { name: textOf(enqueue), attributes: enqueue.attributes };
  if (enqueue.attributes.waitUrl) info.waitUrl = enqueue.attributes.waitUrl;
  if (enqueue.attributes.action) info.action = enqueue.attributes.action;
  return info;
}

export function hasHangup(doc: Doc): boolean {
  return descendants(tree(doc), 'Hangup').length > 0;
}

export interface DialInfo {
  attributes: Readonly<Record<string, string>>;
  /** A number dialled as bare text: <Dial>+14105550100</Dial>. */
  text?: string;
  /** The nouns inside: <Number>, <Queue>, <Client>, <Sip>... */
  targets: { noun: string; value: string; attributes: Readonly<Record<string, string>> }[];
}

/** The first <Dial> and whom it connects to, or undefined. */
export function dialOf(doc: Doc): DialInfo | undefined {
  const dial = descendants(tree(doc), 'Dial')[0];
  if (!dial) return undefined;
  const info: DialInfo = {
    attributes: dial.attributes,
    targets: elementsOf(dial).map((n) => ({ noun: n.name, value: textOf(n), attributes: n.attributes })),
  };
  const text = dial.children.filter((c): c is string => typeof c === 'string').join('').trim();
  if (text) info.text = text;
  return info;
}
