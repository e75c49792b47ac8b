// The files the self-assessment form writes, in the layout of scripts/new-assessment
// (macros/commands/scaffold.py: its comment lines come through assess-rules.js): the
// yaml-language-server line, the header, then every characteristic in catalogue order. Values are
// written plain when YAML reads them back as the same text, double-quoted otherwise.

import { resolvePlain, STR } from "./assess-yaml.js";
import { leaves, pathText, plainValue, valueText } from "./assess-check.js";

const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`\s]/u;
// words YAML 1.1 tools read as yes/no or empty: quoted, so that every tool reads them as text
const OLD_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE|null|Null|NULL|~)$/u;
const ESCAPE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\ufffe\uffff\ufdd0-\ufdef]/gu;
const NEEDS_ESCAPE = new RegExp(ESCAPE.source, "u");

function needsQuotes(value) {
  if (value === "" || value !== value.trim()) return true;
  if (INDICATOR.test(value) || OLD_WORDS.test(value)) return true;
  if (/^[0-9+.]/u.test(value)) return !/^\d{4}-\d{2}-\d{2}$/u.test(value); // numbers stay numbers; dates plain
  if (/: |:$| #|[\n\r\t]/u.test(value)) return true;
  if (NEEDS_ESCAPE.test(value)) return true;
  return resolvePlain(value)[0] !== STR;
}

// YAML's escapes: \u takes exactly 4 hex digits, so a code point above U+FFFF (a tag character such
// as U+E0041) needs \U and 8 (as \u it would be read as U+E004 followed by "1").
function escapeCharacter(c) {
  const code = c.codePointAt(0);
  return code > 0xffff ? "\\U" + code.toString(16).padStart(8, "0") : "\\u" + code.toString(16).padStart(4, "0");
}

// A text value as YAML, read back as exactly ``value``.
export function scalar(value, flow = false) {
  if (!needsQuotes(value) && !(flow && /[,[\]{}]/u.test(value))) return value;
  const escaped = value
    .replace(/\\/gu, "\\\\")
    .replace(/"/gu, '\\"')
    .replace(/\n/gu, "\\n")
    .replace(/\t/gu, "\\t")
    .replace(/\r/gu, "\\r")
    .replace(ESCAPE, escapeCharacter);
  return `"${escaped}"`;
}

const isLevel = (v) => /^[1-5]$/u.test(v);
const level = (v) => (isLevel(v) ? v : v === "" ? "null" : scalar(v));
const filled = (v) => typeof v === "string" && v.trim() !== "";

// The assessment file for the form's state; ``lines`` (optional) receives, for each line, the
// form field it came from.
export function assessmentText(R, state, lines = []) {
  const fmt = R.rules.format.assessment_preamble;
  const out = [];
  const push = (text, field = null) => {
    out.push(text);
    lines.push(field);
  };
  fmt.top.forEach((l) => push(l));
  push(`date: ${filled(state.date) ? scalar(state.date) : "null"}`, "date");
  push(`model_version: ${filled(state.model_version) ? scalar(state.model_version) : "null"}`, "model_version");
  fmt.method.forEach((l) => push(l));
  push(`method: ${filled(state.method) ? scalar(state.method) : "null"}`, "method");
  fmt.participants.forEach((l) => push(l));
  push(`participants: [${state.participants.map((v) => scalar(v, true)).join(", ")}]`, "participants");
  fmt.groups.forEach((l) => push(l));
  if (filled(state.consolidation)) push(`consolidation: ${scalar(state.consolidation)}`, "consolidation");
  if (filled(state.assessors)) push(`assessors: ${scalar(state.assessors)}`, "assessors");
  if (filled(state.summary)) push(`summary: ${scalar(state.summary)}`, "summary");
  if (filled(state.updated)) push(`updated: ${scalar(state.updated)}`, "updated");
  fmt.characteristics.forEach((l) => push(l));
  push("characteristics:", "characteristics");
  const median = R.groupMethods.includes(state.method) && state.consolidation === "median";
  const takesGroups = R.groupMethods.includes(state.method);
  for (const cid of R.characteristics) {
    const c = state.characteristics[cid];
    const path = `characteristics."${cid}"`;
    push("");
    push(`  # ${cid} ${R.rules.characteristics[cid]}`);
    push(`  "${cid}":`, path);
    if (c.mode === "not_assessed") {
      push(`    not_assessed: ${filled(c.not_assessed) ? scalar(c.not_assessed) : "TODO"}`, `${path}.not_assessed`);
      continue;
    }
    if (!(median && c.now === "")) push(`    now: ${level(c.now)}`, `${path}.now`);
    if (!(median && c.in_two_years === "")) push(`    in_two_years: ${level(c.in_two_years)}`, `${path}.in_two_years`);
    push(`    justification: ${filled(c.justification) ? scalar(c.justification) : "TODO"}`, `${path}.justification`);
    if (!c.evidence.length) {
      if (c.evidenceKey !== false) push("    evidence: []", `${path}.evidence`);
    }
    else {
      push("    evidence:", `${path}.evidence`);
      c.evidence.forEach((e, i) => {
        const epath = `${path}.evidence[${i + 1}]`;
        push(`      - title: ${filled(e.title) ? scalar(e.title) : "null"}`, `${epath}.title`);
        push(`        url: ${filled(e.url) ? scalar(e.url) : "null"}`, `${epath}.url`);
        if (filled(e.date)) push(`        date: ${scalar(e.date)}`, `${epath}.date`);
      });
    }
    const views = Object.entries(c.groups).filter(([, g]) => g.now !== "" || g.in_two_years !== "");
    if (takesGroups && views.length) {
      push("    groups:", `${path}.groups`);
      for (const [gid, g] of views) {
        push(`      ${scalar(gid)}: {now: ${level(g.now)}, in_two_years: ${level(g.in_two_years)}}`, `${path}.groups.${gid}`);
      }
    }
  }
  return out.join("\n") + "\n";
}

export function cityText(R, city, lines = []) {
  const template = R.rules.format.city_template.split("\n");
  const out = [];
  const push = (text, field = null) => {
    out.push(text);
    lines.push(field);
  };
  push(template[0]);
  push(template[1]);
  const field = (key, value, required) => {
    if (filled(value)) push(`${key}: ${value}`, `city:${key}`);
    else if (required) push(`${key}: null`, `city:${key}`);
  };
  field("name", filled(city.name) ? scalar(city.name) : "", true);
  field("country", filled(city.country) ? scalar(city.country) : "", true);
  field("language", filled(city.language) ? scalar(city.language) : "", false);
  field("region", filled(city.region) ? scalar(city.region) : "", false);
  const population = city.population.trim();
  field("population", /^[1-9][0-9]*$/u.test(population) ? population : population ? scalar(population) : "", true);
  field("community_type", filled(city.community_type) ? scalar(city.community_type) : "", true);
  field("website", filled(city.website) ? scalar(city.website) : "", false);
  field("contact", filled(city.contact) ? scalar(city.contact) : "", false);
  const people = city.maintainers
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  push(`maintainers: [${people.map((v) => scalar(v, true)).join(", ")}]`, "city:maintainers");
  field("description", filled(city.description) ? scalar(city.description) : "", false);
  return out.join("\n") + "\n";
}

// --- a published assessment, corrected (scripts/correct's rules: macros/commands/correct.py) --------


const KEPT = ["withdrawn", "review"]; // written back as they were in the opened file
const tracked = (root) => leaves(root).filter(([path]) => path.length && path[0] !== "corrections");

// What the form keeps of an opened assessment to write its correction: every field's value, and the
// text of its corrections, withdrawn and review blocks (the form has no fields for them).
export function publishedOf(root, text) {
  const lines = text.replace(/\r\n?/gu, "\n").split("\n");
  const keys = root && root.kind === "map" ? [...root.items()].map(([k]) => k) : [];
  const blocks = {};
  let indent = 2;
  for (const [i, key] of keys.entries()) {
    if (key.raw !== "corrections" && !KEPT.includes(key.raw)) continue;
    let end = i + 1 < keys.length ? keys[i + 1].line - 1 : lines.length;
    while (end > key.line && (!lines[end - 1].trim() || lines[end - 1].trimStart().startsWith("#"))) end--;
    blocks[key.raw] = lines.slice(key.line - 1, end).join("\n");
    if (key.raw === "corrections") {
      const items = root.value.get("corrections");
      if (items.kind === "seq" && items.value.length) indent = Math.max(items.value[0].col - 3, 0);
    }
  }
  return { values: tracked(root).map(([path, node]) => [path, plainValue(node)]), blocks, indent };
}

// The fields whose value differs from the published one: [path, value before] (null: absent before).
export function changesSince(published, root) {
  const before = new Map(published.values.map(([path, value]) => [JSON.stringify(path), [path, value]]));
  const after = new Map(tracked(root).map(([path, node]) => [JSON.stringify(path), [path, plainValue(node)]]));
  const out = [];
  for (const [key, [path, value]] of after) {
    const old = before.has(key) ? before.get(key)[1] : null;
    if (JSON.stringify(old) !== JSON.stringify(value)) out.push([path, old]);
  }
  for (const [key, [path, old]] of before) if (!after.has(key) && old !== null) out.push([path, old]);
  return out;
}

function nestedLines(changes, indent) {
  const tree = new Map();
  for (const [path, old] of changes) {
    let node = tree;
    for (const key of path.slice(0, -1)) {
      if (!node.has(key)) node.set(key, new Map());
      node = node.get(key);
    }
    node.set(path[path.length - 1], old);
  }
  const out = [];
  const walk = (node, depth) => {
    for (const [key, value] of node) {
      const name = pathText([key]);
      if (value instanceof Map) {
        out.push(`${" ".repeat(depth)}${name}:`);
        walk(value, depth + 2);
      } else out.push(`${" ".repeat(depth)}${name}: ${valueText(value)}`);
    }
  };
  walk(tree, indent);
  return out;
}

// The opened file's blocks the form cannot edit (withdrawn, review), to add after the form's text.
export function keptBlocks(published) {
  return KEPT.filter((k) => published.blocks[k]).map((k) => published.blocks[k] + "\n").join("");
}

// ``body`` (the form's text with the kept blocks) with the opened file's corrections and, when a field
// changed, a new entry recording its earlier value, dated ``day``, with ``reason`` ("TODO" when none).
export function withCorrection(body, published, changes, reason, day) {
  const out = [body.replace(/\n*$/u, "\n")];
  const pad = " ".repeat(published.indent);
  if (published.blocks.corrections) out.push(published.blocks.corrections + "\n");
  else if (changes.length) out.push("corrections:\n");
  if (changes.length) {
    const why = reason.trim() ? scalar(reason.trim()) : "TODO";
    out.push(
      [`${pad}- date: ${day}`, `${pad}  reason: ${why}`, `${pad}  previous:`, ...nestedLines(changes, published.indent + 4)].join("\n") + "\n",
    );
  }
  return out.join("");
}
