// The rules of scripts/validate, in the browser: a line-by-line port of macros/validate (fields.py,
// city.py, assessment.py, ratings.py, evidence.py) over the nodes of assess-yaml.js, with the
// same messages. Fields, choices and limits come from the generated schemas and rules
// (assess-rules.js, written by scripts/schemas); tests/test_assess_agreement.py runs this and the
// Python validator over a shared corpus and requires the same verdicts. Nothing here touches the page.

import { Node, STR, INT, FLOAT, BOOL, NULL } from "./assess-yaml.js";

// --- messages' helpers (macros/diagnostics.py) ----------------------------------------------------

export function oneOf(choices) {
  const quoted = [...choices].map((c) => `"${c}"`);
  if (quoted.length <= 1) return quoted.join("");
  return quoted.slice(0, -1).join(", ") + " or " + quoted[quoted.length - 1];
}

// difflib.SequenceMatcher(None, a, b).ratio(), with difflib's "popular element" rule for long b
function matchingCharacters(a, b) {
  const b2j = new Map();
  [...b].forEach((ch, j) => {
    if (!b2j.has(ch)) b2j.set(ch, []);
    b2j.get(ch).push(j);
  });
  const A = [...a];
  const B = [...b];
  if (B.length >= 200) {
    const ntest = Math.floor(B.length / 100) + 1;
    for (const [ch, idxs] of [...b2j]) if (idxs.length > ntest) b2j.delete(ch);
  }
  const longest = (alo, ahi, blo, bhi) => {
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map();
    for (let i = alo; i < ahi; i++) {
      const next = new Map();
      for (const j of b2j.get(A[i]) || []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) || 0) + 1;
        next.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    while (besti > alo && bestj > blo && A[besti - 1] === B[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && A[besti + bestsize] === B[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  };
  let total = 0;
  const queue = [[0, A.length, 0, B.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop();
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (k) {
      total += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  return [total, A.length + B.length];
}

function ratio(a, b) {
  const [m, t] = matchingCharacters(a, b);
  return t ? (2 * m) / t : 1;
}

function pyLess(x, y) {
  const X = [...x].map((c) => c.codePointAt(0));
  const Y = [...y].map((c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(X.length, Y.length); i++) if (X[i] !== Y[i]) return X[i] < Y[i];
  return X.length < Y.length;
}

export function closeMatch(word, choices, cutoff = 0.6) {
  let best = null;
  for (const choice of choices) {
    const score = ratio(String(choice), String(word));
    if (score < cutoff) continue;
    if (!best || score > best[0] || (score === best[0] && pyLess(best[1], choice))) best = [score, choice];
  }
  return best ? best[1] : null;
}

export function suggest(word, choices) {
  const close = closeMatch(word, [...choices]);
  return close !== null ? ` (did you mean "${close}"?)` : "";
}

const thousands = (n) => n.toLocaleString("en-US");
const hex4 = (n) => n.toString(16).toUpperCase().padStart(4, "0");
const length = (s) => [...s].length;

// --- the context of one file (fields.PathContext) -------------------------------------------------

export class Context {
  constructor(path, today) {
    this.path = path;
    this.today = today; // "YYYY-MM-DD"
    this.diagnostics = [];
    this.errors = 0;
  }

  // field: the form's name for where the problem is (a path such as characteristics."1.1.1".now)
  error(node, message, field) {
    this.errors++;
    this.diagnostics.push({ severity: "error", line: node.line, col: node.col, message, field: field ?? null });
  }

  warning(node, message, field) {
    this.diagnostics.push({ severity: "warning", line: node.line, col: node.col, message, field: field ?? null });
  }
}

const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const BIDI_OVERRIDE = /[\u202a-\u202e]/u;
const SPACE = /\s/u;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/u;
const ISOLATE = /[\u2066-\u2069]/gu;
const NONCHARACTER = /[\ufdd0-\ufdef\ufffe\uffff\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{3fffe}\u{3ffff}\u{4fffe}\u{4ffff}\u{5fffe}\u{5ffff}\u{6fffe}\u{6ffff}\u{7fffe}\u{7ffff}\u{8fffe}\u{8ffff}\u{9fffe}\u{9ffff}\u{afffe}\u{affff}\u{bfffe}\u{bffff}\u{cfffe}\u{cffff}\u{dfffe}\u{dffff}\u{efffe}\u{effff}\u{ffffe}\u{fffff}\u{10fffe}\u{10ffff}]/u;
// characters with no glyph of their own (text_rules.INVISIBLE, and the categories that show nothing)
const NO_GLYPH =
  /[\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cf}\p{Cn}\p{Cs}\p{Mn}\p{Me}\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0000}-\u{e0fff}]/u;
const ISO_DATE = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$/u;
const PLAIN_INTEGER = /^[-+]?(?:0|[1-9][0-9]*)$/u;
let YAML_1_1_BOOLEANS = new Set();

function integerProblem(node) {
  const raw = strip(node.raw);
  if (PLAIN_INTEGER.test(raw)) return null;
  if (/^[-+]?0[0-9]+$/u.test(raw)) {
    return `"${raw}" has a leading zero, which some YAML readers take for an octal number (YAML 1.1 reads 0123 as 83); write ${String(node.value)}`;
  }
  return `"${raw}" is not written in decimal digits; write ${String(node.value)}`;
}

function isolateProblem(value) {
  let depth = 0;
  for (const char of value.match(ISOLATE) || []) {
    if (char !== "\u2069") depth++;
    else if (depth === 0) return "has a bidirectional isolate end (U+2069) that closes nothing; remove it";
    else depth--;
  }
  if (depth) {
    return (
      "has a bidirectional isolate (U+2066-U+2068) that is never closed by U+2069, so it would " +
      "reorder the text shown after it; close it or remove it"
    );
  }
  return null;
}
// Python's str.strip(): whitespace as str.isspace() counts it
const PY_SPACE = "[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, "gu");
const strip = (s) => s.replace(STRIP, "");
const PY_SPACE_ONE = new RegExp(`^${PY_SPACE}$`, "u");
const visible = (value) => [...value].some((c) => !PY_SPACE_ONE.test(c) && !NO_GLYPH.test(c));

let PLACEHOLDER = /^\s*TODO(?![A-Za-z0-9_])/u;

export function isPlaceholder(node) {
  if (node.kind !== "scalar") return false;
  if (node.tag === NULL) return true;
  return node.tag === STR && PLACEHOLDER.test(node.value);
}

const isDigit = (c) => c >= "0" && c <= "9";

// fields.Fields: the fields of one mapping
class Fields {
  constructor(ctx, node, what, allowed, path = "") {
    this.ctx = ctx;
    this.node = node;
    this.what = what;
    this.path = path;
    this.allowed = [...allowed];
    this.ok = node !== null && node !== undefined && node.kind === "map";
    if (node && !this.ok) {
      ctx.error(node, `${what} must be a mapping of fields (key: value), found ${node.typeName}`, path || null);
    }
  }

  pathOf(key) {
    return this.path ? `${this.path}.${key}` : key;
  }

  get(key, required = true, hint = null) {
    if (!this.ok) return null;
    const value = this.node.value.get(key);
    if (value === undefined) {
      if (required) {
        const how = hint !== null ? `: ${hint}` : "";
        this.ctx.error(this.node, `${this.what}: missing required field "${key}"${how}`, this.pathOf(key));
      }
      return null;
    }
    if (hint !== null) {
      if (isPlaceholder(value)) {
        const extra = required ? "" : ` (or delete the "${key}" line: it is optional)`;
        this.ctx.error(value, `${this.pathOf(key)}: not filled in yet: ${hint}${extra}`, this.pathOf(key));
        return null;
      }
    } else if (value.kind === "scalar" && value.tag === NULL && required) {
      this.ctx.error(value, `${this.what}: field "${key}" is empty; it needs a value`, this.pathOf(key));
      return null;
    }
    return value;
  }

  read(reader, key, { required = true, hint = null, ...options } = {}) {
    return reader(this.ctx, this.get(key, required, hint), this.pathOf(key), options);
  }

  value(key) {
    return this.ok ? (this.node.value.get(key) ?? null) : null;
  }

  key(key) {
    return this.node.keys.get(key);
  }

  keyNodes() {
    return this.ok ? [...this.node.items()].map(([k]) => k) : [];
  }

  has(key) {
    return this.ok && this.node.value.has(key);
  }

  finish() {
    if (!this.ok) return;
    for (const [keyNode] of this.node.items()) {
      if (!this.allowed.includes(keyNode.raw)) {
        this.ctx.error(
          keyNode,
          `${this.what}: unknown field "${keyNode.raw}"${suggest(keyNode.raw, this.allowed)}; ` +
            `allowed fields: ${this.allowed.join(", ")}`,
          this.pathOf(keyNode.raw),
        );
      }
    }
  }
}

// --- the readers (fields.py) ----------------------------------------------------------------------

function text(ctx, node, field, { maxLen = 5000, required = true } = {}) {
  if (!node) return null;
  if (node.kind !== "scalar" || node.tag === NULL) {
    ctx.error(node, `${field}: must be text, found ${node.typeName}`, field);
    return null;
  }
  let value = node.tag !== STR ? node.raw : node.value;
  value = strip(value);
  if (!value) {
    if (required) ctx.error(node, `${field}: is empty; it needs text`, field);
    return null;
  }
  const n = length(value);
  if (n > maxLen) {
    ctx.error(node, `${field}: is ${thousands(n)} characters long; at most ${thousands(maxLen)} are allowed`, field);
    return null;
  }
  const control = CONTROL.exec(value);
  if (control) {
    ctx.error(node, `${field}: contains the control character U+${hex4(control[0].codePointAt(0))}; remove it`, field);
    return null;
  }
  const odd = NONCHARACTER.exec(value);
  if (odd) {
    ctx.error(node, `${field}: contains the noncharacter U+${hex4(odd[0].codePointAt(0))}; remove it`, field);
    return null;
  }
  if (!visible(value)) {
    const hidden = [...new Set([...value].filter((c) => !PY_SPACE_ONE.test(c)).map((c) => `U+${hex4(c.codePointAt(0))}`))].join(", ");
    ctx.error(
      node,
      `${field}: has no visible character, only invisible ones (${[...hidden].slice(0, 80).join("")}); it would show as nothing: write the text`,
      field,
    );
    return null;
  }
  if (BIDI_OVERRIDE.test(value)) {
    ctx.error(
      node,
      `${field}: contains a bidirectional override character (U+202A-U+202E), which can disguise text; remove it`,
      field,
    );
    return null;
  }
  const isolated = ISOLATE.test(value) ? isolateProblem(value) : null;
  ISOLATE.lastIndex = 0;
  if (isolated) {
    ctx.error(node, `${field}: ${isolated}`, field);
    return null;
  }
  return value.normalize("NFC");
}

const CONFUSABLE = [
  ["LATIN", /\p{Script=Latin}/u],
  ["CYRILLIC", /\p{Script=Cyrillic}/u],
  ["GREEK", /\p{Script=Greek}/u],
];
const title = (s) => s[0] + s.slice(1).toLowerCase();

export function mixedScript(value) {
  for (const word of value.match(/[\p{L}\p{N}\p{M}_]+/gu) || []) {
    const letters = new Map();
    for (const char of word) {
      if (!/\p{L}/u.test(char)) continue;
      for (const [script, pattern] of CONFUSABLE) {
        if (pattern.test(char)) {
          if (!letters.has(script)) letters.set(script, []);
          letters.get(script).push(char);
        }
      }
    }
    if (letters.size > 1) {
      const sorted = [...letters.keys()].sort((x, y) => letters.get(y).length - letters.get(x).length);
      const [main, odd] = sorted;
      const char = letters.get(odd)[0];
      return (
        `"${word}" mixes ${title(main)} and ${title(odd)} letters in one word ` +
        `("${char}" U+${hex4(char.codePointAt(0))} is ${title(odd)}), which makes it look like another name; ` +
        "write each word in one script"
      );
    }
  }
  return null;
}

function choice(ctx, node, field, { choices }) {
  if (!node) return null;
  if (node.kind !== "scalar") {
    ctx.error(node, `${field}: must be one of ${oneOf(choices)}, found ${node.typeName}`, field);
    return null;
  }
  const raw = strip(node.raw);
  if (!choices.includes(raw)) {
    ctx.error(node, `${field}: "${raw}" is not allowed${suggest(raw, choices)}; allowed: ${oneOf(choices)}`, field);
    return null;
  }
  return raw;
}

function isInt(node) {
  return node.kind === "scalar" && node.tag === INT;
}

function integer(ctx, node, field, { lo, hi = null }) {
  if (!node) return null;
  const allowed = hi !== null ? `a whole number from ${lo} to ${hi}` : `a whole number of at least ${lo}`;
  if (!isInt(node)) {
    const found = node.kind === "scalar" ? `"${node.raw}" (${node.typeName})` : node.typeName;
    ctx.error(node, `${field}: must be ${allowed}, found ${found}`, field);
    return null;
  }
  const v = node.value;
  if (v < lo || (hi !== null && v > hi)) {
    ctx.error(node, `${field}: must be ${allowed}, found ${String(v)}`, field);
    return null;
  }
  const problem = integerProblem(node);
  if (problem) {
    ctx.error(node, `${field}: must be ${allowed}, found ${problem}`, field);
    return null;
  }
  return Number(v);
}

function realDate(y, m, d) {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

const iso = (y, m, d) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

// a date "YYYY-MM-DD" (as text), or null
function date(ctx, node, field, { today = null, earliest = null } = {}) {
  if (!node) return null;
  const match = node.kind === "scalar" && node.tag === STR ? ISO_DATE.exec(strip(node.raw)) : null;
  if (!match) {
    const found = node.kind === "scalar" ? `"${node.raw}"` : node.typeName;
    ctx.error(node, `${field}: must be a date written YYYY-MM-DD (e.g. 2024-03-31), found ${found}`, field);
    return null;
  }
  const [y, m, d] = match.slice(1).map(Number);
  if (!realDate(y, m, d)) {
    ctx.error(node, `${field}: "${strip(node.raw)}" is not a real calendar date; write it as YYYY-MM-DD`, field);
    return null;
  }
  const value = iso(y, m, d);
  if (today !== null && value > today) {
    ctx.error(node, `${field}: ${value} is in the future (today is ${today})`, field);
    return null;
  }
  if (earliest !== null && value < earliest) {
    ctx.error(node, `${field}: ${value} is before ${earliest}, too early; check the year`, field);
    return null;
  }
  return value;
}

export function nodeDate(node) {
  if (!node || node.kind !== "scalar") return null;
  const match = ISO_DATE.exec(strip(node.raw));
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  return realDate(y, m, d) ? iso(y, m, d) : null;
}

function url(ctx, node, field, { schemes = ["http", "https"], maxLen = 2000 } = {}) {
  const value = text(ctx, node, field, { maxLen });
  if (!node || value === null) return null;
  const colon = value.indexOf(":");
  const scheme = colon >= 0 ? value.slice(0, colon) : value;
  const rest = colon >= 0 ? value.slice(colon + 1) : "";
  const short = [...value].slice(0, 80).join("");
  if (colon < 0 || !schemes.includes(scheme.toLowerCase()) || SPACE.test(value) || INVISIBLE.test(value)) {
    ctx.error(
      node,
      `${field}: "${short}" is not an allowed link; use a full ${oneOf(schemes.map((s) => s + ":"))} address`,
      field,
    );
    return null;
  }
  if (["http", "https"].includes(scheme.toLowerCase()) && (!rest.startsWith("//") || rest === "//")) {
    ctx.error(node, `${field}: "${short}" is not a complete web address (expected https://…)`, field);
    return null;
  }
  return value;
}

function boolean(ctx, node, field) {
  if (!node) return null;
  if (node.kind === "scalar" && node.tag === STR && YAML_1_1_BOOLEANS.has(strip(node.raw))) {
    ctx.error(
      node,
      `${field}: must be true or false, found "${strip(node.raw)}" (text: data files are read ` +
        "as YAML 1.2, where only true and false are yes/no values)",
      field,
    );
    return null;
  }
  if (node.kind !== "scalar" || node.tag !== BOOL) {
    ctx.error(node, `${field}: must be true or false, found ${node.typeName}`, field);
    return null;
  }
  return Boolean(node.value);
}

function sequence(ctx, node, field, minItems = 0) {
  if (!node) return [];
  if (node.kind !== "seq") {
    ctx.error(node, `${field}: must be a list (lines starting with '- '), found ${node.typeName}`, field);
    return [];
  }
  if (node.value.length < minItems) {
    ctx.error(node, `${field}: needs at least ${minItems} item(s), found ${node.value.length}`, field);
  }
  return node.value;
}

function mapping(ctx, node, field) {
  if (!node) return [];
  if (node.kind !== "map") {
    ctx.error(node, `${field}: must be a mapping (key: value lines), found ${node.typeName}`, field);
    return [];
  }
  return [...node.items()];
}

// --- the rules -------------------------------------------------------------------------------------

export class Rules {
  constructor(bundle) {
    const { schemas, rules } = bundle;
    this.schemas = schemas;
    this.rules = rules;
    PLACEHOLDER = new RegExp("^" + rules.placeholder, "u");
    YAML_1_1_BOOLEANS = new Set(rules.yaml_1_1_booleans);
    const a = schemas.assessment;
    const c = schemas.city;
    this.assessmentFields = Object.keys(a.properties);
    this.ratingFields = Object.keys(a.$defs.rating.properties);
    this.evidenceFields = Object.keys(a.$defs.evidence.properties);
    this.cityFields = Object.keys(c.properties);
    this.correctionFields = Object.keys(a.properties.corrections.items.properties);
    this.withdrawnFields = Object.keys(a.properties.withdrawn.properties);
    this.reviewFields = Object.keys(a.properties.review.properties);
    this.versions = a.properties.model_version.enum;
    this.methods = a.properties.method.enum;
    this.groups = a.properties.participants.items.enum;
    this.consolidations = a.properties.consolidation.enum;
    this.characteristics = a.properties.characteristics.required;
    this.communityTypes = c.properties.community_type.enum;
    this.maxPopulation = c.properties.population.maximum;
    this.githubUser = new RegExp(`^${rules.github_user}$`, "u");
    this.limits = rules.text_limits;
    this.groupMethods = rules.group_view_methods;
    this.levels = rules.levels;
    this.levelWords = rules.level_words;
    this.countries = rules.countries;
    this.languageTables = new LanguageTables(rules);
  }
}

function lowerMedian(values) {
  const ordered = [...values].sort((x, y) => x - y);
  return ordered[Math.floor((ordered.length - 1) / 2)];
}

function level(R, ctx, node, path) {
  if (!node) return null;
  const allowed = "a maturity level, a whole number from 1 to 5";
  if (node.kind !== "scalar") {
    ctx.error(node, `${path}: must be ${allowed}, found ${node.typeName}`, path);
    return null;
  }
  const raw = strip(node.raw);
  if (node.tag === INT) {
    const problem = integerProblem(node);
    if (!(node.value >= 1 && node.value <= 5)) ctx.error(node, `${path}: must be ${allowed}, found ${String(node.value)}`, path);
    else if (problem) ctx.error(node, `${path}: must be ${allowed}, found ${problem}`, path);
    else return Number(node.value);
    return null;
  }
  let hint;
  if (node.tag === FLOAT) hint = "levels are whole numbers: choose the highest level whose criteria are fully met";
  else if (node.tag === BOOL || (YAML_1_1_BOOLEANS.has(raw) && !node.quoted)) hint = "a yes/no value";
  else if (["1", "2", "3", "4", "5"].includes(raw)) hint = `text: write ${raw} without quotes`;
  else if (raw.toLowerCase() in R.levelWords) hint = `text: write the number ${R.levelWords[raw.toLowerCase()]}`;
  else hint = node.typeName;
  ctx.error(node, `${path}: must be ${allowed}, found "${raw}" (${hint})`, path);
  return null;
}

function yearsBefore(day, years) {
  const [y, m, d] = day.split("-").map(Number);
  if (y - years < 1) return "0001-01-01";
  const dd = m === 2 && d === 29 && !realDate(y - years, 2, 29) ? 28 : d;
  return iso(y - years, m, dd);
}

function readEvidence(R, ctx, node, path, when) {
  const found = [];
  sequence(ctx, node, `${path}.evidence`).forEach((item, index) => {
    const epath = `${path}.evidence[${index + 1}]`;
    const ef = new Fields(ctx, item, epath, R.evidenceFields, epath);
    const title = ef.read(text, "title", { hint: "the document's title", maxLen: R.limits.title });
    const link = ef.read(url, "url", { hint: "a link to it, https://…", maxLen: R.limits.url });
    const dnode = ef.get("date", false, "the document's date, YYYY-MM-DD");
    const day = date(ctx, dnode, `${epath}.date`, { today: ctx.today });
    ef.finish();
    if (dnode && day && when && day > when) {
      ctx.warning(
        dnode,
        `${epath}.date: ${day} is after the assessment (${when}); evidence should be what the assessors had at the time`,
        `${epath}.date`,
      );
    } else if (dnode && day && when && day < yearsBefore(when, R.rules.evidence_max_age_years)) {
      ctx.warning(
        dnode,
        `${epath}.date: ${day} is more than ${R.rules.evidence_max_age_years} years before the assessment ` +
          `(${when}); is there more recent evidence?`,
        `${epath}.date`,
      );
    }
    if (title && link) found.push({ title, url: link, date: day });
  });
  return found;
}

function readGroups(R, ctx, f, path, head) {
  const node = f.get("groups", false);
  if (!node) return {};
  const key = f.key("groups");
  head.groupsSeen.push(key);
  if (head.method && !R.groupMethods.includes(head.method)) {
    ctx.error(
      key,
      `${path}.groups: groups' views are only recorded with the methods ${oneOf(R.groupMethods)}; ` +
        `this assessment's method is "${head.method}": remove the groups, or change the method`,
      `${path}.groups`,
    );
    return {};
  }
  const views = {};
  for (const [gkey, value] of mapping(ctx, node, `${path}.groups`)) {
    const gid = strip(gkey.raw);
    const gpath = `${path}.groups.${gid}`;
    if (!R.groups.includes(gid)) {
      ctx.error(
        gkey,
        `${path}.groups: unknown stakeholder group "${gid}"${suggest(gid, R.groups)}; allowed: ${oneOf(R.groups)}`,
        `${path}.groups`,
      );
      continue;
    }
    if (head.participants.length && !head.participants.includes(gid)) {
      ctx.error(
        gkey,
        `${path}.groups: "${gid}" is not among the participants (${head.participants.join(", ")}); ` +
          "add it to participants, or remove its view",
        gpath,
      );
      continue;
    }
    const gf = new Fields(ctx, value, gpath, ["now", "in_two_years"], gpath);
    const hint = "choose this group's level 1-5, or remove the group's view";
    const now = level(R, ctx, gf.get("now", true, hint), `${gpath}.now`);
    const later = level(R, ctx, gf.get("in_two_years", true, hint), `${gpath}.in_two_years`);
    gf.finish();
    if (now !== null && later !== null) views[gid] = { now, in_two_years: later };
  }
  return views;
}

function derivedLevels(R, ctx, f, path, groups) {
  const views = Object.values(groups);
  if (!views.length) {
    if (!f.has("groups") && f.node) {
      ctx.error(
        f.node,
        `${path}: consolidation "median" derives the levels from the groups' views: give "groups" ` +
          "(each group's now and in_two_years), or not_assessed: reason",
        `${path}.groups`,
      );
    }
    return [null, null];
  }
  const derived = { now: lowerMedian(views.map((g) => g.now)), in_two_years: lowerMedian(views.map((g) => g.in_two_years)) };
  for (const [name, value] of Object.entries(derived)) {
    const node = f.value(name);
    if (!node) continue;
    if (isPlaceholder(node)) {
      ctx.error(
        node,
        `${path}.${name}: remove this line: with consolidation "median" it is derived from the groups' views (here ${value})`,
        `${path}.${name}`,
      );
      continue;
    }
    const given = level(R, ctx, node, `${path}.${name}`);
    if (given !== null && given !== value) {
      ctx.error(
        node,
        `${path}.${name}: ${given} differs from ${value}, the median of the groups' views ` +
          '(consolidation "median", lower middle value); remove it, or use consolidation "moderated"',
        `${path}.${name}`,
      );
    }
  }
  return [derived.now, derived.in_two_years];
}

function readNotAssessed(R, ctx, f, path) {
  const items = f.keyNodes();
  for (const other of items) {
    if (other.raw !== "not_assessed" && R.ratingFields.includes(other.raw)) {
      ctx.error(
        other,
        `${path}.${other.raw}: not allowed together with not_assessed; either rate the ` +
          "characteristic (now, in_two_years, justification) or give the reason it was not assessed",
        `${path}.not_assessed`,
      );
    }
  }
  const node = f.value("not_assessed");
  let reason = null;
  const yesNo = node && node.kind === "scalar" && YAML_1_1_BOOLEANS.has(strip(node.raw)) && !node.quoted;
  if (node && node.kind === "scalar" && (node.tag === BOOL || yesNo)) {
    ctx.error(
      node,
      `${path}.not_assessed: give the reason as text (e.g. not_assessed: no data collected yet), not ${node.raw}`,
      `${path}.not_assessed`,
    );
  } else {
    reason = f.read(text, "not_assessed", { hint: "say why it was not assessed", maxLen: R.limits.not_assessed });
  }
  f.finish();
  if (reason === null || items.some((k) => k.raw !== "not_assessed")) return null;
  return { not_assessed: reason };
}

function readRating(R, ctx, key, node, cid, head) {
  const path = `characteristics."${cid}"`;
  if (isPlaceholder(node)) {
    ctx.error(node, `${path}: not filled in yet: give now, in_two_years and justification, or not_assessed: reason`, path);
    return null;
  }
  const f = new Fields(ctx, node, path, R.ratingFields, path);
  if (!f.ok) return null;
  const before = ctx.errors;
  if (f.has("not_assessed")) return readNotAssessed(R, ctx, f, path);
  const groups = readGroups(R, ctx, f, path, head);
  let now;
  let later;
  if (head.median) [now, later] = derivedLevels(R, ctx, f, path, groups);
  else {
    const hint = "choose a level 1-5, or replace now/in_two_years by not_assessed: reason";
    now = level(R, ctx, f.get("now", true, hint), `${path}.now`);
    later = level(R, ctx, f.get("in_two_years", true, hint), `${path}.in_two_years`);
  }
  const why = "say in a sentence or two why these levels were chosen";
  const justification = f.read(text, "justification", { hint: why, maxLen: R.limits.justification });
  const evidenceNode = f.get("evidence", false);
  const evidence = readEvidence(R, ctx, evidenceNode, path, head.date);
  f.finish();
  if (now !== null && later !== null && later < now) {
    ctx.warning(
      node.value.get("in_two_years") || key,
      `${path}.in_two_years (${later}) is below now (${now}): if a fall is expected, say why in the ` +
        "justification; otherwise check the levels",
      `${path}.in_two_years`,
    );
  }
  const noEvidence = !evidenceNode || (evidenceNode.kind === "seq" && !evidenceNode.value.length);
  if (now !== null && now >= 4 && noEvidence) {
    ctx.warning(
      node.value.get("now") || key,
      `${path}.now is ${now} (${R.levels[now]}) but no evidence is given: levels 4 and 5 ` +
        "need demonstrable evidence, so add at least one evidence link",
      `${path}.evidence`,
    );
  }
  if (ctx.errors > before || now === null || later === null || justification === null) return null;
  return { now, in_two_years: later, justification, evidence, groups };
}

function suggestId(cid, missing, known) {
  const parent = cid.split(".").slice(0, -1).join(".");
  const siblings = missing.filter((m) => m.split(".").slice(0, -1).join(".") === parent);
  if (siblings.length === 1) return ` (did you mean "${siblings[0]}"?)`;
  return suggest(cid, missing) || suggest(cid, known);
}

function readRatings(R, ctx, f, head) {
  const node = f.get("characteristics", true, "every characteristic of the model, by ID");
  const known = R.characteristics;
  const found = {};
  const firstLine = new Map();
  const unknown = [];
  for (const [key, value] of mapping(ctx, node, "characteristics")) {
    const cid = strip(key.raw);
    if (!known.includes(cid)) {
      unknown.push(key);
      continue;
    }
    if (firstLine.has(cid)) {
      ctx.error(
        key,
        `characteristics: "${cid}" appears twice (first at line ${firstLine.get(cid)}); each characteristic is rated once`,
        `characteristics."${cid}"`,
      );
      continue;
    }
    firstLine.set(cid, key.line);
    const rating = readRating(R, ctx, key, value, cid, head);
    if (rating) found[cid] = rating;
  }
  const missing = known.filter((cid) => !firstLine.has(cid));
  for (const key of unknown) {
    const cid = strip(key.raw);
    ctx.error(
      key,
      `characteristics: unknown characteristic "${cid}"${suggestId(cid, missing, known)}; ` +
        `IDs are those of the model, from ${known[0]} to ${known[known.length - 1]}`,
      "characteristics",
    );
  }
  if (node && node.kind === "map" && missing.length) {
    const listed = missing.map((cid) => `"${cid}"`).join(", ");
    ctx.error(
      node,
      `characteristics: ${missing.length} of the ${known.length} characteristics are missing: ${listed}; ` +
        "every characteristic must appear (write not_assessed: reason for those not assessed)",
      "characteristics",
    );
  }
  return found;
}

function participants(R, ctx, f) {
  const hint = `list the stakeholder groups that took part, one or more of ${oneOf(R.groups)}`;
  const node = f.get("participants", true, hint);
  if (node && node.kind === "seq" && !node.value.length) {
    ctx.error(node, `participants: not filled in yet: ${hint}`, "participants");
    return [];
  }
  const found = new Map();
  sequence(ctx, node, "participants", 1).forEach((item, index) => {
    const gid = choice(ctx, item, `participants[${index + 1}]`, { choices: R.groups });
    if (gid !== null && found.has(gid)) {
      ctx.error(item, `participants[${index + 1}]: "${gid}" is listed twice (first at line ${found.get(gid).line})`, "participants");
    } else if (gid) found.set(gid, item);
  });
  return [...found.keys()];
}

// macros/validate/assessment.py read_assessment: every problem of one assessment document
export function checkAssessment(R, ctx, root) {
  if (!root) return null;
  const before = ctx.errors;
  const f = new Fields(ctx, root, ctx.path.split("/").pop(), R.assessmentFields);
  const pick = (key, choices, required = true) =>
    f.read(choice, key, { required, hint: `choose one of ${oneOf(choices)}`, choices });
  const earliest = R.rules.earliest_assessment;
  const when = f.read(date, "date", { hint: "the date of the assessment, YYYY-MM-DD", today: ctx.today, earliest });
  const version = pick("model_version", R.versions);
  const method = pick("method", R.methods);
  const groups = participants(R, ctx, f);
  const consolidation = pick("consolidation", R.consolidations, false);
  const assessors = f.read(text, "assessors", { required: false, hint: "who carried out the assessment", maxLen: R.limits.assessors });
  const summary = f.read(text, "summary", { required: false, hint: "a short summary of the results", maxLen: R.limits.summary });
  const updated = f.read(date, "updated", { required: false, hint: "the date of the last material change", today: ctx.today, earliest });
  if (updated && when && updated < when) {
    ctx.error(f.value("updated") || root, `updated: ${updated} is before the assessment's date (${when})`, "updated");
  }
  const takesGroups = R.groupMethods.includes(method);
  const head = { date: when, method, participants: groups, consolidation, groupsSeen: [], median: takesGroups && consolidation === "median" };
  if (consolidation && method && !takesGroups) {
    ctx.error(
      f.value("consolidation") || root,
      `consolidation: only applies to the methods ${oneOf(R.groupMethods)}, ` +
        `whose groups' views are consolidated; this assessment's method is "${method}": remove it`,
      "consolidation",
    );
  }
  const ratings = readRatings(R, ctx, f, head);
  if (head.groupsSeen.length && takesGroups && consolidation === null && !f.has("consolidation")) {
    const first = head.groupsSeen[0];
    ctx.error(
      root,
      `${f.what}: missing required field "consolidation": groups' views are given (first at line ` +
        `${first.line}), so say how the result was obtained: ${oneOf(R.consolidations)}`,
      "consolidation",
    );
  }
  if (head.median && !head.groupsSeen.length && Object.keys(ratings).length) {
    ctx.error(
      f.value("consolidation") || root,
      'consolidation: "median" derives the levels from the groups\' views, ' +
        'but no characteristic has groups; give them, or use "moderated"',
      "consolidation",
    );
  }
  readCorrections(R, ctx, f, root, when);
  readWithdrawn(R, ctx, f, when);
  readReview(R, ctx, f, when, ratings);
  f.finish();
  if (ctx.errors > before || !when || !version || !method) return null;
  return { date: when, model_version: version, method, participants: groups, consolidation, assessors, summary, updated, ratings };
}

// --- language tags (macros/validate/language_tags.py) ----------------------------------------------

const TAG_SHAPE = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/u;
const MAX_QUOTED = 80;
const own = (table, key) => Object.prototype.hasOwnProperty.call(table, key);
const isAlpha = (s) => /^[A-Za-z]+$/u.test(s);
const isDigits = (s) => /^[0-9]+$/u.test(s);

function quoted(value) {
  const chars = [...value];
  return chars.length > MAX_QUOTED ? `"${chars.slice(0, MAX_QUOTED).join("")}…"` : `"${value}"`;
}

class LanguageTables {
  constructor(rules) {
    const L = rules.language;
    this.L = L;
    this.threeLetter = new Set(L.three_letter.split(" "));
    this.countries = rules.countries;
  }

  isLanguage(code) {
    return own(this.L.languages, code) || this.threeLetter.has(code);
  }

  regionName(code) {
    if (own(this.countries, code)) return this.countries[code];
    return own(this.L.m49_regions, code) ? this.L.m49_regions[code] : null;
  }

  // languages.language_name
  name(tag) {
    const parts = tag.split("-");
    if (!own(this.L.languages, parts[0])) return null;
    const details = parts.slice(1).map((p) => (p.length === 4 ? `${this.L.scripts[p]} script` : this.regionName(p) || p));
    return details.length ? `${this.L.languages[parts[0]]} (${details.join(", ")})` : this.L.languages[parts[0]];
  }
}

// languages.language_problem: why a tag is not accepted (the message after "language: "), or null
export function languageProblem(R, tag) {
  const T = R.languageTables;
  const [problem, fix] = diagnoseTag(T, tag);
  if (problem === null) return null;
  let hint = "";
  if (fix !== null) {
    const name = T.name(fix);
    hint = name ? ` (did you mean "${fix}", ${name}?)` : ` (did you mean "${fix}"?)`;
  }
  return `${problem}${hint}; ${T.L.allowed}`;
}

function diagnoseTag(T, tag) {
  const L = T.L;
  if (!TAG_SHAPE.test(tag)) {
    const lower = tag.toLowerCase();
    if (own(L.by_name, lower)) return [`${quoted(tag)} is the name of a language, not its code`, L.by_name[lower]];
    const hyphenated = tag.replace(/[_ ]+/gu, "-");
    if (hyphenated !== tag && TAG_SHAPE.test(hyphenated)) {
      const [problem, fix] = diagnoseTag(T, hyphenated);
      if (problem === null || fix !== null) return [`${quoted(tag)} is not a language tag: its parts are joined by "-"`, fix ?? hyphenated];
    }
    return [`${quoted(tag)} is not a language tag`, null];
  }
  const parts = tag.split("-");
  const first = parts[0];
  const low = first.toLowerCase();
  if (low === "x") return [`${quoted(tag)} is a private-use tag, which is not accepted`, null];
  if (low === "i") return [`${quoted(tag)} is an irregular tag of an old registry, which is not accepted`, null];
  let fixed = [low];
  let problem = null;
  let replacement = low;
  if (!isAlpha(first) || first.length > 3 || first.length < 2) {
    const code = isAlpha(first) && own(L.by_name, low) ? L.by_name[low] : null;
    replacement = code;
    problem = `${quoted(first)} is ${code ? "the name of a language, not its code" : "not an ISO 639 language code"}`;
  } else if (T.isLanguage(low)) {
    // a language code
  } else if (own(L.longer_codes, low)) {
    replacement = L.longer_codes[low];
    problem = `${quoted(first)} is a three-letter ISO 639 code; a language tag uses the language's two-letter code where it has one`;
  } else if (own(L.no_language, low)) {
    replacement = null;
    problem = `${quoted(first)} ("${L.no_language[low]}") names no language`;
  } else {
    replacement = own(L.code_mistakes, low) ? L.code_mistakes[low] : null;
    problem = `${quoted(first)} is not an ISO 639 language code`;
  }
  if (problem !== null) fixed[0] = replacement || "";
  const where = parts.length > 1 ? ` in ${quoted(tag)}` : "";
  let stage = 0; // what came last: 0 the language, 1 a script, 2 a region
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    const [found, canonical, kind] = subtag(T, part, i, stage);
    if (found !== null && problem === null) {
      const subject = part.length === 1 ? parts.slice(i).join("-") : part;
      problem = `${quoted(subject)}${where} ${found}`;
    }
    if (kind === "rest") break;
    if (canonical === null) replacement = null;
    else if (kind === "language") fixed = [canonical];
    else {
      fixed.push(canonical);
      stage = kind === "script" ? 1 : 2;
    }
  }
  let suggestion = replacement !== null && fixed.every((p) => p) ? fixed.join("-") : null;
  if (problem === null) {
    if (suggestion !== tag) return [`${quoted(tag)} is not in the usual case of a language tag`, suggestion];
    return [null, null];
  }
  if (suggestion !== null && diagnoseTag(T, suggestion)[0] !== null) suggestion = null;
  return [problem, suggestion];
}

function subtag(T, part, i, stage) {
  const L = T.L;
  const low = part.toLowerCase();
  const upper = part.toUpperCase();
  if (part.length === 1) return [`is ${low === "x" ? "a private-use part" : "an extension"}, which is not accepted`, null, "rest"];
  if (isAlpha(part) && part.length === 3) {
    const country = stage < 2 && own(L.country_codes_3, upper);
    const countryProblem = "is a three-letter country code; a language tag uses the ISO 3166-1 two-letter code";
    if (country && (part === upper || i > 1)) return [countryProblem, L.country_codes_3[upper], "region"];
    if (i === 1 && T.isLanguage(low)) return ["is an extended language subtag, which is not accepted", low, "language"];
    if (country) return [countryProblem, L.country_codes_3[upper], "region"];
    if (i === 1) return ["is an extended language subtag, which is not accepted", null, "other"];
    return ["is not a script (four letters) or a region (two letters or three digits)", null, "other"];
  }
  if (isAlpha(part) && part.length === 4) {
    const canonical = low[0].toUpperCase() + low.slice(1);
    if (stage >= 1) return ["is not in its place: the script comes right after the language", null, "other"];
    if (own(L.scripts, canonical)) return [null, canonical, "script"];
    return ["is not an ISO 15924 script code", null, "other"];
  }
  if ((isAlpha(part) && part.length === 2) || (isDigits(part) && part.length === 3)) {
    if (stage >= 2) return ["is not in its place: a tag has one region, after the language and the script", null, "other"];
    if (own(T.countries, upper) || own(L.m49_regions, upper)) return [null, upper, "region"];
    if (isDigits(part)) {
      if (own(L.country_numbers, upper)) {
        return [
          "is the UN M.49 number of a country; a language tag names a country by its ISO 3166-1 code",
          L.country_numbers[upper],
          "region",
        ];
      }
      return ["is not a UN M.49 region that a language tag can name", null, "other"];
    }
    return ["is not an ISO 3166-1 country code", own(L.region_mistakes, upper) ? L.region_mistakes[upper] : null, "region"];
  }
  if (isAlpha(part) && stage === 0 && own(L.script_by_name, low)) {
    return ["is the name of a script, not its ISO 15924 code", L.script_by_name[low], "script"];
  }
  if ((part.length >= 5 && part.length <= 8) || (part.length === 4 && isDigits(part[0]))) {
    return ["is a variant subtag, which is not accepted", null, "rest"];
  }
  return ["is not a script (four letters) or a region (two letters or three digits)", null, "other"];
}

// --- city.yaml (macros/validate/city.py) ------------------------------------------------------------

const EMAIL = /^[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+$/u;

function country(R, ctx, node) {
  if (!node) return null;
  if (node.kind !== "scalar") {
    ctx.error(node, `country: must be an ISO 3166-1 two-letter country code such as BR, found ${node.typeName}`, "country");
    return null;
  }
  const code = strip(node.raw);
  if (Object.prototype.hasOwnProperty.call(R.countries, code)) return code;
  const upper = code.toUpperCase();
  const lookup = R.rules.country_names;
  const guess =
    { UK: "GB", EL: "GR" }[upper] ||
    (Object.prototype.hasOwnProperty.call(R.countries, upper) ? upper : null) ||
    (Object.prototype.hasOwnProperty.call(lookup, code.toLowerCase()) ? lookup[code.toLowerCase()] : null);
  const hint = guess ? ` (did you mean "${guess}", ${R.countries[guess]}?)` : "";
  ctx.error(
    node,
    `country: "${code}" is not an ISO 3166-1 two-letter country code${hint}; ` +
      "use the upper-case code of the country, e.g. BR for Brazil or JP for Japan",
    "country",
  );
  return null;
}

function language(R, ctx, node) {
  const tag = text(ctx, node, "language", { maxLen: R.limits.language });
  if (!node || tag === null) return null;
  const problem = languageProblem(R, tag);
  if (problem) {
    ctx.error(node, `language: ${problem}`, "language");
    return null;
  }
  return tag;
}

function population(R, ctx, node) {
  if (node && node.kind === "scalar" && /^[0-9]{1,3}([,.' _][0-9]{3})+$/u.test(strip(node.raw))) {
    ctx.error(
      node,
      `population: must be a whole number written without separators, e.g. ${node.raw.replace(/[^0-9]/gu, "")}, found "${strip(node.raw)}"`,
      "population",
    );
    return null;
  }
  return integer(ctx, node, "population", { lo: 1, hi: R.maxPopulation });
}

function contact(R, ctx, node, key = "contact") {
  const value = text(ctx, node, key, { maxLen: R.limits.contact });
  if (!node || value === null) return null;
  const short = [...value].slice(0, 80).join("");
  if (value.toLowerCase().startsWith("mailto:")) {
    if (!EMAIL.test(value.slice("mailto:".length))) {
      ctx.error(node, `${key}: "${short}" is not a valid e-mail link; write mailto:name@example.org`, key);
      return null;
    }
    return value;
  }
  if (EMAIL.test(value)) {
    ctx.error(node, `${key}: write an e-mail address as a link: "mailto:${value}"`, key);
    return null;
  }
  return url(ctx, node, key, { schemes: key === "feedback" ? ["https"] : ["http", "https"] });
}

function maintainers(R, ctx, node) {
  if (node && node.kind === "seq" && !node.value.length) {
    ctx.error(
      node,
      "maintainers: not filled in yet: list the GitHub user names of the people who may update this city's files, e.g. [octocat]",
      "maintainers",
    );
    return [];
  }
  const found = new Map();
  sequence(ctx, node, "maintainers", 1).forEach((item, index) => {
    const path = `maintainers[${index + 1}]`;
    const name = text(ctx, item, path, { maxLen: R.limits.maintainer });
    if (name === null) return;
    if (name.startsWith("@") && R.githubUser.test(name.slice(1))) {
      ctx.error(item, `${path}: write the GitHub user name without "@": ${name.slice(1)}`, "maintainers");
    } else if (!R.githubUser.test(name)) {
      ctx.error(
        item,
        `${path}: "${[...name].slice(0, 80).join("")}" is not a GitHub user name (letters, digits and single hyphens, at most 39 characters)`,
        "maintainers",
      );
    } else if (found.has(name.toLowerCase())) {
      ctx.error(item, `${path}: "${name}" is listed twice (first at line ${found.get(name.toLowerCase()).line})`, "maintainers");
    } else found.set(name.toLowerCase(), item);
  });
  return [...found.values()].map((n) => strip(n.raw));
}

export function checkCity(R, ctx, root) {
  if (!root) return null;
  const before = ctx.errors;
  const f = new Fields(ctx, root, R.rules.city_file, R.cityFields);
  let name = f.read(text, "name", { hint: "the city's name, in its own script (e.g. São Paulo)", maxLen: R.limits.name });
  if (name !== null) {
    const mixed = mixedScript(name);
    if (mixed) {
      ctx.error(root.value.get("name"), `name: ${mixed}`, "name");
      name = null;
    }
  }
  const code = country(R, ctx, f.get("country", true, "an ISO 3166-1 two-letter country code such as BR"));
  if (f.ok && f.value("language") === null) ctx.warning(root, R.rules.language.missing, "language");
  else language(R, ctx, f.get("language", true, R.rules.language.hint));
  f.read(text, "region", { required: false, hint: "the region or state", maxLen: R.limits.region });
  const people = population(R, ctx, f.get("population", true, "the number of inhabitants, e.g. 250000"));
  const types = R.communityTypes;
  const kind = f.read(choice, "community_type", { hint: `choose one of ${oneOf(types)}`, choices: types });
  f.read(url, "website", { required: false, hint: "the official web site (https://…)" });
  contact(R, ctx, f.get("contact", false, "a mailto: address or a contact page (https://…)"));
  contact(R, ctx, f.get("feedback", false, "where the public can answer the assessments: mailto: or https://…"), "feedback");
  maintainers(R, ctx, f.get("maintainers", true, "a list of GitHub user names, e.g. [octocat]"));
  f.read(boolean, "fictional", { required: false });
  f.read(text, "description", { required: false, hint: "one or two sentences about the city", maxLen: R.limits.description });
  f.finish();
  if (ctx.errors > before || name === null || code === null || people === null || kind === null) return null;
  return { name };
}

// --- the published record: corrections, withdrawn, review (macros/validate/record.py, published.py) ---

// A value as compared and recorded (Node.to_json_data in load/nodes.py): plain data as written
export function plainValue(node) {
  if (node.kind === "map") return Object.fromEntries([...node.value].map(([k, v]) => [k, plainValue(v)]));
  if (node.kind === "seq") return node.value.map(plainValue);
  if (node.tag === NULL) return null;
  if (node.tag === INT || node.tag === FLOAT) return String(node.value) === node.raw ? Number(node.value) : node.raw;
  return node.value;
}

// Every field under a node by path: a mapping followed key by key, anything else one value
export function leaves(node, prefix = [], out = []) {
  if (!node) return out;
  if (node.kind === "map" && (node.value.size || !prefix.length)) {
    for (const [key, value] of node.value) leaves(value, [...prefix, key], out);
  } else out.push([prefix, node]);
  return out;
}

const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
export const pathText = (path) => path.map((k) => (IDENTIFIER.test(k) ? k : JSON.stringify(k))).join(".");

// Python's json.dumps(value, ensure_ascii=False): ", " and ": " between items
function pyJson(value) {
  if (Array.isArray(value)) return `[${value.map(pyJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pyJson(v)}`).join(", ")}}`;
  }
  return JSON.stringify(value);
}

// What a file may not hold as it is (controls, format and bidirectional characters, line separators,
// noncharacters) and the no-break space: YAML escapes, as validate/published.py's value_text writes them,
// so that a correction's previous value reads back as the value it records. \u takes exactly 4 digits.
const UNTYPED = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\ufffe\uffff\ufdd0-\ufdef]/gu;
const untyped = (c) => {
  const code = c.codePointAt(0);
  return code > 0xffff ? "\\U" + code.toString(16).padStart(8, "0") : "\\u" + code.toString(16).padStart(4, "0");
};

export function valueText(value) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  return pyJson(value).replace(UNTYPED, untyped);
}

function when(ctx, f, path, assessed, what) {
  const node = f.get("date", true, `the date of the ${what}, YYYY-MM-DD`);
  const day = date(ctx, node, `${path}.date`, { today: ctx.today });
  if (node && day && assessed && day < assessed) {
    ctx.error(node, `${path}.date: ${day} is before the assessment (${assessed})`, `${path}.date`);
    return null;
  }
  return day;
}

function readPrevious(R, ctx, node, path) {
  if (!node) return new Map();
  const where = `${path}.previous`;
  if (node.kind !== "map" || !node.value.size) {
    ctx.error(node, `${where}: must be a mapping of the changed fields under their keys in the file, with their earlier values`, where);
    return new Map();
  }
  const allowed = R.rules.recordable;
  const out = new Map();
  for (const [fpath, value] of leaves(node)) {
    let problem = null;
    if (!allowed.includes(fpath[0])) problem = `"${fpath[0]}" is not a field a correction can record; allowed: ${oneOf(allowed)}`;
    else if (fpath[0] === "characteristics") {
      if (fpath.length < 3) problem = 'name the characteristic and the field, e.g. characteristics: {"1.1.1": {now: 2}}';
      else if (!R.characteristics.includes(fpath[1])) problem = `"${fpath[1]}" is not a characteristic of the catalogue`;
      else if (!R.ratingFields.includes(fpath[2])) problem = `"${fpath[2]}" is not a field of a rating; allowed: ${oneOf(R.ratingFields)}`;
      else if (["now", "in_two_years"].includes(fpath[fpath.length - 1]) && value.tag !== NULL) {
        if (level(R, ctx, value, `${where}.${pathText(fpath)}`) === null) continue;
      }
    }
    if (problem) {
      ctx.error(value, `${where}.${pathText(fpath)}: ${problem}`, where);
      continue;
    }
    out.set(JSON.stringify(fpath), [fpath, plainValue(value), value]);
  }
  return out;
}

function readCorrections(R, ctx, f, root, assessed) {
  const node = f.get("corrections", false);
  const items = sequence(ctx, node, "corrections", 1);
  const now = new Map();
  for (const [path, value] of leaves(root)) if (path.length && path[0] !== "corrections") now.set(JSON.stringify(path), plainValue(value));
  const entries = [];
  let last = null;
  items.forEach((item, index) => {
    const path = `corrections[${index + 1}]`;
    const cf = new Fields(ctx, item, path, R.correctionFields, path);
    const day = when(ctx, cf, path, assessed, "correction");
    if (day && last && day < last) {
      ctx.error(cf.value("date") || item, `${path}.date: ${day} is before the entry above it; corrections are listed oldest first, each new one at the end`, `${path}.date`);
    }
    last = day || last;
    cf.read(text, "reason", { hint: "why the values were corrected", maxLen: R.limits.reason });
    const previous = readPrevious(R, ctx, cf.get("previous", true, "the earlier value of every changed field"), path);
    cf.finish();
    entries.push([index + 1, previous]);
  });
  entries.forEach(([i, previous], index) => {
    for (const [key, [fpath, old, pnode]] of previous) {
      const next = entries.slice(index + 1).find(([, p]) => p.has(key));
      const later = next ? next[1].get(key)[1] : now.has(key) ? now.get(key) : null;
      if (JSON.stringify(later) === JSON.stringify(old)) {
        ctx.error(
          pnode,
          `corrections[${i}].previous.${pathText(fpath)}: ${valueText(old)} is the value the field has after this correction; previous holds the value before it`,
          `corrections[${i}].previous`,
        );
      }
    }
  });
}

function readWithdrawn(R, ctx, f, assessed) {
  const node = f.get("withdrawn", false);
  if (!node) return;
  const wf = new Fields(ctx, node, "withdrawn", R.withdrawnFields, "withdrawn");
  when(ctx, wf, "withdrawn", assessed, "withdrawal");
  wf.read(text, "reason", { hint: "why the assessment is withdrawn", maxLen: R.limits.reason });
  wf.finish();
}

function readReview(R, ctx, f, assessed, ratings) {
  const node = f.get("review", false);
  if (!node) return;
  const rf = new Fields(ctx, node, "review", R.reviewFields, "review");
  const kinds = Object.keys(R.rules.review_kinds);
  const outcomes = Object.keys(R.rules.review_outcomes);
  rf.read(text, "by", { hint: "the reviewing organisation", maxLen: R.limits.review_by });
  rf.read(choice, "kind", { hint: `choose one of ${oneOf(kinds)}`, choices: kinds });
  when(ctx, rf, "review", assessed, "review");
  rf.read(choice, "outcome", { hint: `choose one of ${oneOf(outcomes)}`, choices: outcomes });
  rf.read(url, "url", { required: false, hint: "a link to the review's report (https://…)" });
  for (const [key, value] of mapping(ctx, rf.get("levels", false), "review.levels")) {
    const cid = strip(key.raw);
    const where = `review.levels."${cid}"`;
    if (!R.characteristics.includes(cid)) {
      ctx.error(key, `${where}: "${cid}" is not a characteristic of the catalogue`, "review.levels");
      continue;
    }
    const reviewed = level(R, ctx, value, where);
    const rating = ratings[cid];
    if (reviewed === null) continue;
    if (!rating || rating.now === undefined) {
      ctx.error(value, `${where}: the city did not assess ${cid}; list only characteristics it rated`, where);
    } else if (reviewed === rating.now) {
      ctx.error(value, `${where}: ${reviewed} is the city's own level; list only levels that differ`, where);
    }
  }
  rf.finish();
}

// The checks of one file: the file name decides what it is, as in a city folder.
export function checkDocument(R, root, fileName, today) {
  const ctx = new Context(fileName, today);
  if (fileName === R.rules.city_file) checkCity(R, ctx, root);
  else checkAssessment(R, ctx, root);
  return ctx.diagnostics;
}

export { Node };
