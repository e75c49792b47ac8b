// The strict YAML reader of the self-assessment form: the browser's copy of macros/load/yaml_nodes.py.
//
// Bytes in, a tree of nodes with line and column out, or the first reason the file is refused, in
// the validator's words: oversized, not UTF-8, refused characters, tags, anchors and aliases,
// duplicate keys, several documents, deep nesting, keys that are not text, empty files. Parsing is
// done by the vendored `yaml` package (docs/assets/vendor/yaml, pinned by scripts/vendor-js); its
// failsafe schema gives every scalar as text, and plain scalars are then typed by the YAML 1.2 core
// schema, as the Python reader does. Nothing here touches the page.

import { LineCounter, parseAllDocuments, isAlias, isMap, isSeq, isScalar } from "./vendor/yaml/dist/index.js";

export const STR = "tag:yaml.org,2002:str";
export const INT = "tag:yaml.org,2002:int";
export const FLOAT = "tag:yaml.org,2002:float";
export const BOOL = "tag:yaml.org,2002:bool";
export const NULL = "tag:yaml.org,2002:null";

// A YAML value with its position (1-based line and column, columns in characters).
export class Node {
  constructor(kind, line, col, value, raw = "", tag = STR, quoted = false) {
    this.kind = kind; // "map", "seq" or "scalar"
    this.line = line;
    this.col = col;
    this.value = value; // scalar: the typed value; seq: Node[]; map: Map(key text -> Node)
    this.raw = raw; // scalar: the text as written
    this.tag = tag;
    this.quoted = quoted;
    this.keys = kind === "map" ? new Map() : null; // map: key text -> key Node
  }

  get typeName() {
    if (this.kind === "map") return "a mapping (key: value pairs)";
    if (this.kind === "seq") return "a list";
    return (
      {
        [STR]: "text",
        [INT]: "a whole number",
        [FLOAT]: "a decimal number",
        [BOOL]: "a yes/no value",
        [NULL]: "an empty value",
      }[this.tag] || "a value"
    );
  }

  *items() {
    for (const [key, value] of this.value) yield [this.keys.get(key), value];
  }

  // Plain data (objects, arrays, scalars): what the Python loader's to_python gives.
  toData() {
    if (this.kind === "map") {
      const out = Object.create(null);
      for (const [key, value] of this.value) out[key] = value.toData();
      return out;
    }
    if (this.kind === "seq") return this.value.map((v) => v.toData());
    return this.value;
  }
}

// --- the YAML 1.2 core schema for plain scalars (yaml_nodes.resolve_plain) ------------------------

const CORE_NULL = new Set(["", "~", "null", "Null", "NULL"]);
const CORE_BOOL = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
const CORE_INT = /^[-+]?[0-9]+$/;
const CORE_OCT = /^0o[0-7]+$/;
const CORE_HEX = /^0x[0-9a-fA-F]+$/;
const CORE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const CORE_SPECIAL = new Map([
  [".inf", Infinity], [".Inf", Infinity], [".INF", Infinity],
  ["+.inf", Infinity], ["+.Inf", Infinity], ["+.INF", Infinity],
  ["-.inf", -Infinity], ["-.Inf", -Infinity], ["-.INF", -Infinity],
  [".nan", NaN], [".NaN", NaN], [".NAN", NaN],
]);
const MAX_NUMBER_LENGTH = 1000;
const NOT_TEXT_START = new Set("0123456789+-.~nNtTfF");

export function resolvePlain(text) {
  if (!text) return [NULL, null];
  if (!NOT_TEXT_START.has(text[0]) || text.length > MAX_NUMBER_LENGTH) return [STR, text];
  if (CORE_NULL.has(text)) return [NULL, null];
  if (text in CORE_BOOL) return [BOOL, CORE_BOOL[text]];
  // whole numbers are kept exact (BigInt beyond 2^53): a level of 3 is the number 3
  if (CORE_INT.test(text)) return [INT, exactInt(BigInt(text))];
  if (CORE_OCT.test(text)) return [INT, exactInt(BigInt("0o" + text.slice(2)))];
  if (CORE_HEX.test(text)) return [INT, exactInt(BigInt("0x" + text.slice(2)))];
  if (CORE_FLOAT.test(text)) return [FLOAT, Number(text)];
  if (CORE_SPECIAL.has(text)) return [FLOAT, CORE_SPECIAL.get(text)];
  return [STR, text];
}

function exactInt(big) {
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

// --- positions -----------------------------------------------------------------------------------

class Positions {
  constructor(text) {
    this.text = text;
    this.starts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  // 1-based line and column of a UTF-16 offset; columns count characters (code points), as Python does
  at(offset) {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, codePoints(this.text.slice(this.starts[lo], offset)) + 1];
  }
}

function codePoints(text) {
  let n = 0;
  for (const _ of text) n++; // eslint-disable-line no-unused-vars
  return n;
}

const thousands = (n) => n.toLocaleString("en-US");
const hex2 = (n) => n.toString(16).padStart(2, "0");
const hex4 = (n) => n.toString(16).toUpperCase().padStart(4, "0");

// --- refused bytes and characters ----------------------------------------------------------------

// The offset of the first byte that is not part of valid UTF-8 (as Python's decoder reports it), or -1.
export function invalidUtf8(bytes) {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

const REFUSED_CHARACTER =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]|\r(?!\n)|[\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{3fffe}\u{3ffff}\u{4fffe}\u{4ffff}\u{5fffe}\u{5ffff}\u{6fffe}\u{6ffff}\u{7fffe}\u{7ffff}\u{8fffe}\u{8ffff}\u{9fffe}\u{9ffff}\u{afffe}\u{affff}\u{bfffe}\u{bffff}\u{cfffe}\u{cffff}\u{dfffe}\u{dffff}\u{efffe}\u{effff}\u{ffffe}\u{fffff}\u{10fffe}\u{10ffff}]/u;

const REFUSED_CHARACTERS = new RegExp(REFUSED_CHARACTER.source, "gu");

// One character for each refused one (so lines and columns, counted in code points, stay those an
// editor shows): a space, or U+FFFD at the start of a line, where a space would change the indentation.
function standIn(text, at) {
  let out = "";
  let from = 0;
  for (const index of at) {
    out += text.slice(from, index) + (index === 0 || text[index - 1] === "\n" ? "\ufffd" : " ");
    from = index + (text.codePointAt(index) > 0xffff ? 2 : 1);
  }
  return out + text.slice(from);
}

function isNoncharacter(code) {
  return (code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe;
}

function refusedCharacter(char) {
  const code = char.codePointAt(0);
  const u = `U+${hex4(code)}`;
  if (char === "\r") {
    return (
      "a carriage return (U+000D) without a line feed: YAML reads it as a line break, editors " +
      "do not; save the file with LF (or CRLF) line ends"
    );
  }
  if (char === "\x85" || char === "\u2028" || char === "\u2029") {
    const name = { "\x85": "next line", "\u2028": "line separator", "\u2029": "paragraph separator" }[char];
    return (
      `${name} character ${u} is a line break to YAML but not to editors, so the file reads ` +
      `differently than it is parsed; remove it (in a double-quoted value, write it as "\\u${code.toString(16).padStart(4, "0")}")`
    );
  }
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
    return (
      `bidirectional control character ${u} in the file: it reorders how the text around it is ` +
      "shown, so the file reads differently in review than to the parser; remove it"
    );
  }
  if (isNoncharacter(code)) return `noncharacter ${u} is not allowed in data files; remove it`;
  return `control character ${u} is not allowed in data files; remove it`;
}

// --- reading -------------------------------------------------------------------------------------

class Refused extends Error {}

function shortTag(tag) {
  const prefix = "tag:yaml.org,2002:";
  return tag.startsWith(prefix) ? "!!" + tag.slice(prefix.length) : tag;
}

// Read a file's bytes (Uint8Array) as the validator does: { root: Node|null, errors: [{line, col, message}] }.
export function readYaml(bytes, { maxBytes, maxDepth }) {
  const errors = [];
  const fail = (line, col, message) => {
    errors.push({ line, col, message });
    return { root: null, errors };
  };
  if (bytes.length > maxBytes) {
    return fail(
      1,
      1,
      `file is ${thousands(bytes.length)} bytes; the limit is ${thousands(maxBytes)} bytes (split it, or shorten long texts)`,
    );
  }
  const bad = invalidUtf8(bytes);
  if (bad >= 0) {
    let lineStart = bad;
    while (lineStart > 0 && bytes[lineStart - 1] !== 0x0a) lineStart--;
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    const before = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, bad));
    return fail(
      line,
      codePoints(before) + 1,
      `file is not UTF-8 (byte 0x${hex2(bytes[bad])} cannot be decoded); save it as UTF-8`,
    );
  }
  let text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  if (text.startsWith("\ufeff")) text = text.slice(1);
  return parseText(text, { maxDepth, errors });
}

export function parseText(text, { maxDepth, errors = [] }) {
  const errorsBefore = errors.length;
  let pos = new Positions(text);
  const fail = (offset, message) => {
    const [line, col] = pos.at(offset);
    errors.push({ line, col, message });
    return { root: null, errors };
  };
  if (REFUSED_CHARACTER.test(text)) {
    // each refused character is reported where it stands (the first of each on a line), then read as
    // a stand-in, so that the rest of the file's problems are reported too (load/characters.py)
    const refused = [...text.matchAll(REFUSED_CHARACTERS)].map((m) => m.index);
    const seen = new Set();
    for (const index of refused) {
      const [line, col] = pos.at(index);
      const char = String.fromCodePoint(text.codePointAt(index));
      if (seen.has(`${line} ${char}`)) continue;
      seen.add(`${line} ${char}`);
      errors.push({ line, col, message: refusedCharacter(char) });
    }
    text = standIn(text, refused);
    pos = new Positions(text);
  }
  // Nesting is measured before the YAML library sees the text: its parser recurses once per level and
  // 100,000 nested "[" exhaust the tab's stack. Past far more levels than any data file has, only the
  // text up to the (maxDepth + 1)th open bracket of the deepest run is parsed: the refusal that the
  // nesting check below gives is within it, at the very place it would be in the whole text.
  const deepAt = deepFlowOffset(text, maxDepth + 1, FLOW_DEPTH_PARSED);
  if (deepAt >= 0) text = text.slice(0, deepAt + 1);
  const documents = parseAllDocuments(text, {
    schema: "failsafe",
    uniqueKeys: false,
    strict: true,
    prettyErrors: false,
    keepSourceTokens: true,
    lineCounter: new LineCounter(),
  });
  const docs = Array.isArray(documents) ? documents : [documents];
  // the first syntax error of the stream (not those about what we refuse ourselves, reported in order)
  let syntax = null;
  for (const doc of docs) {
    for (const e of doc.errors || []) {
      if (["BAD_ALIAS", "DUPLICATE_KEY", "TAG_RESOLVE_FAILED"].includes(e.code)) continue;
      if (!syntax || e.pos[0] < syntax.pos[0]) syntax = e;
    }
  }
  const syntaxAt = syntax ? syntax.pos[0] : Infinity;
  const syntaxError = () => fail(syntax.pos[0], `invalid YAML syntax: ${plainMessage(syntax.message)}`);
  const dupes = [];
  let root = null;
  let firstProblem = null; // [offset, message] of the first refusal, in document order
  const refuse = (offset, message) => {
    if (offset < syntaxAt) firstProblem = [offset, message];
    throw new Refused();
  };
  const propsStart = (node) => propertiesOffset(text, node.range[0]);
  const compose = (node, depth, emptyAt) => {
    if (node === null || node === undefined) {
      const [line, col] = pos.at(emptyAt);
      return new Node("scalar", line, col, null, "", NULL, false);
    }
    if (isAlias(node)) {
      refuse(node.range[0], `YAML aliases ("*${node.source}") are not allowed; write the value out in full`);
    }
    if (node.anchor || node.tag) {
      const start = propsStart(node);
      if (node.anchor) refuse(start, `YAML anchors ("&${node.anchor}") are not allowed; write values out in full`);
      refuse(start, `YAML tags ("${shortTag(node.tag)}") are not allowed in data files; remove the tag`);
    }
    // an empty document has no text of its own: libyaml puts it at the next token (a map's empty
    // value stays right after its ":", where the parser puts it too)
    const empty = depth === 0 && isScalar(node) && node.range[0] === node.range[1];
    const [line, col] = pos.at(empty ? emptyValueOffset(text, node.range[0]) : node.range[0]);
    if (node.range[0] >= syntaxAt) throw new Refused();
    if (isScalar(node)) {
      const raw = String(node.value);
      if (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") return new Node("scalar", line, col, raw, raw, STR, true);
      if (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") return new Node("scalar", line, col, raw, raw, STR, false);
      const [tag, value] = resolvePlain(raw);
      return new Node("scalar", line, col, value, raw, tag, false);
    }
    if (depth >= maxDepth) refuse(node.range[0], `data is nested more than ${maxDepth} levels deep`);
    if (isSeq(node)) {
      const out = new Node("seq", line, col, []);
      for (const item of node.items) out.value.push(compose(item, depth + 1, node.range[1]));
      return out;
    }
    if (isMap(node)) {
      const out = new Node("map", line, col, new Map());
      for (const pair of node.items) {
        const keyNode = compose(pair.key, depth + 1, pair.key ? pair.key.range[0] : node.range[0]);
        if (keyNode.kind !== "scalar") refuse(pair.key.range[0], "keys must be plain text, not lists or mappings");
        const afterKey = pair.key ? pair.key.range[1] : node.range[0];
        const valueNode = compose(pair.value, depth + 1, emptyValueOffset(text, afterKey));
        const key = keyNode.raw;
        if (out.value.has(key)) {
          const first = out.keys.get(key);
          dupes.push([
            keyNode.line,
            keyNode.col,
            `duplicate key "${key}" (first defined at line ${first.line}); each key may appear only once`,
          ]);
        } else {
          out.value.set(key, valueNode);
          out.keys.set(key, keyNode);
        }
      }
      return out;
    }
    throw new Refused(); // an unexpected node: treated as a syntax problem
  };
  try {
    let count = 0;
    for (const doc of docs) {
      if (doc.contents === null && !hasDocumentStart(doc)) continue;
      count++;
      if (count > 1) refuse(doc.range[0], "only one YAML document per file is allowed (remove the extra '---')");
      if (doc.contents !== null) root = compose(doc.contents, 0, doc.range[0]);
    }
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    for (const [line, col, message] of dupes) errors.push({ line, col, message });
    if (firstProblem) return fail(firstProblem[0], firstProblem[1]);
    if (syntax) return syntaxError();
    return { root: null, errors };
  }
  if (syntax) {
    for (const [line, col, message] of dupes) errors.push({ line, col, message });
    return syntaxError();
  }
  if (dupes.length) {
    for (const [line, col, message] of dupes) errors.push({ line, col, message });
    return { root: null, errors };
  }
  if (root === null) {
    if (errors.length > errorsBefore) return { root: null, errors };
    errors.push({
      line: 1,
      col: 1,
      message: "the file has no content (it is empty, or holds only comments): write its fields, or delete the file",
    });
    return { root: null, errors };
  }
  return { root, errors };
}

// Flow brackets ("[", "{") nested deeper than the library is given whole: where the ``nth`` open bracket
// of the first run deeper than ``limit`` is (or -1). Quoted text and comments are skipped.
const FLOW_DEPTH_PARSED = 1000;

function deepFlowOffset(text, nth, limit) {
  const opened = []; // the offsets of the open brackets
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (quote === '"' && c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "#" && (i === 0 || /\s/u.test(text[i - 1]))) {
      const end = text.indexOf("\n", i);
      if (end < 0) break;
      i = end;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/u.test(text[i - 1]))) quote = c;
    else if (c === "[" || c === "{") {
      opened.push(i);
      if (opened.length > limit) return opened[nth - 1];
    } else if ((c === "]" || c === "}") && opened.length) opened.pop();
  }
  return -1;
}

function hasDocumentStart(doc) {
  return Boolean(doc.directives && doc.directives.docStart);
}

function plainMessage(message) {
  return String(message).split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}

// Where a node's properties (tag, anchor) begin: they stand just before its value, perhaps on the line above.
function propertiesOffset(text, valueStart) {
  let start = valueStart;
  for (let k = 0; k < 2; k++) {
    let i = start - 1;
    while (i >= 0 && /\s/.test(text[i])) i--;
    if (i < 0) break;
    let j = i;
    while (j > 0 && !/[\s,[{]/.test(text[j - 1])) j--;
    if (text[j] === "!" || text[j] === "&") start = j;
    else break;
  }
  return start;
}

// Where libyaml puts an empty value: at the next token after the key's ":".
function emptyValueOffset(text, afterKey) {
  let i = afterKey;
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  if (text[i] === ":") i++;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text[i] === "#") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    return i;
  }
}
