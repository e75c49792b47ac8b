// The self-assessment form (assess/): the page drawn by macros/render/assess_page.py, made to work.
//
// The form's state is plain text, as a person typed it. Every change writes the file it stands for
// (assess-write.js, the layout of scripts/new-assessment), reads it back with the strict reader
// (assess-yaml.js) and checks it with the validator's rules (assess-check.js): what the form shows
// is what `scripts/validate` would say about the downloaded file. Values from files and from the
// site's data only ever become text (textContent, value): never markup.

import bundle from "./assess-rules.js";
import { readYaml, parseText, STR, INT, NULL } from "./assess-yaml.js";
import { Rules, Context, checkAssessment, checkCity, checkDocument } from "./assess-check.js";
import { assessmentText, changesSince, cityText, keptBlocks, publishedOf, withCorrection } from "./assess-write.js";

const R = new Rules(bundle);
// Drafts are kept per site and per city: every site of one GitHub Pages owner shares one origin, so
// one storage, and a key of its own keeps one site's (and one city's) draft from another's. The site is
// where this script's folder (assets/) sits; each key holds [site, city].
const DRAFT_PREFIX = "mmssc-assess-draft-v2 ";
const OLD_DRAFT_KEY = "mmssc-assess-draft-v1"; // one draft for every site: moved to its own key once
const SITE = new URL("../", import.meta.url).href;
const DAY_MS = 86400000;
const URL_LIMIT = 7000; // GitHub answers 414 above about 8 KB
const form = document.getElementById("assess-app");
const $ = (id) => document.getElementById(id);
const fid = (cid) => `f-c-${cid.replaceAll(".", "-")}`;

function el(name, attrs = {}, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) node.append(child);
  return node;
}

// --- words --------------------------------------------------------------------------------------
// The form's words are the page's, in its language: macros/render/assess_page.py embeds them,
// translated, in script#mmssc-assess-messages (a counted one per CLDR plural category). The
// validator's own messages stay English: they are shown in an element that says so (lang="en").

const M = JSON.parse(document.getElementById("mmssc-assess-messages")?.textContent || "{}");
const LANG = document.documentElement.lang || "en";
const plurals = new Intl.PluralRules(LANG);
const numbers = new Intl.NumberFormat(LANG);
const lists = new Intl.ListFormat(LANG, { style: "long", type: "conjunction" });
// lang="en" where English is shown on a page in another language (on an English page it says nothing)
const EN = /^en(?:-|$)/iu.test(LANG) ? null : "en";

// A message's parts, its {name} placeholders filled: numbers as the language writes them, text as
// text, nodes (a name marked as English) as they are; ready for node.append(...), never markup.
function parts(template, values = {}) {
  const out = [];
  let at = 0;
  for (const m of template.matchAll(/\{([a-z_]+)\}/gu)) {
    if (m.index > at) out.push(template.slice(at, m.index));
    const value = values[m[1]];
    out.push(value === undefined ? m[0] : typeof value === "number" ? numbers.format(value) : value);
    at = m.index + m[0].length;
  }
  if (at < template.length) out.push(template.slice(at));
  return out;
}

const template = (key, n) => {
  const message = M[key] ?? key;
  if (n === undefined || typeof message === "string") return message;
  return message[plurals.select(n)] ?? message.other;
};
const plain = (items) => items.map((p) => (typeof p === "string" ? p : p.textContent)).join("");
// a message as plain text; tn: the form for the count n ({n} filled)
const t = (key, values = {}) => plain(parts(template(key), values));
const tn = (key, n, values = {}) => plain(parts(template(key, n), { n, ...values }));
const english = (text) => (EN ? el("span", { lang: EN, text }) : text);

// A catalogue name in the page's language (levels, characteristics, groups), marked when English.
function nameOf(kind, id, fallback) {
  const entry = M[kind] && M[kind][id];
  if (!entry) return fallback;
  return entry.lang ? el("span", { lang: entry.lang, text: entry.text }) : entry.text;
}

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

// --- state ---------------------------------------------------------------------------------------

function emptyRating() {
  // evidenceKey: write "evidence: []" when there is none (as scripts/new-assessment does), unless an
  // opened file had no evidence line: then none is added, so that the file's data stays the same
  return { mode: "rated", now: "", in_two_years: "", justification: "", not_assessed: "", evidence: [], evidenceKey: true, groups: {} };
}

function emptyState() {
  const characteristics = {};
  for (const cid of R.characteristics) characteristics[cid] = emptyRating();
  return {
    city: "",
    newCity: { slug: "", name: "", country: "", language: "", region: "", population: "", community_type: "", website: "", contact: "", maintainers: "", description: "" },
    date: today(),
    model_version: R.versions[R.versions.length - 1],
    method: "",
    participants: [],
    consolidation: "",
    assessors: "",
    summary: "",
    updated: "",
    characteristics,
    // an opened file's values and the blocks the form cannot edit (assess-write.js publishedOf)
    published: null,
    correcting: true,
    correction_reason: "",
  };
}

let state = emptyState();
let last = null; // { date, ratings: {cid: {now, in_two_years, not_assessed}}, yaml } of the chosen city
let touched = new Set(); // field ids the person has left: "not filled in yet" shows there
let showAll = false; // after Download or Propose: every problem shows
let diagnostics = [];

const HEADER = ["date", "model_version", "method", "consolidation", "assessors", "summary", "updated"];
const CITY = ["slug", "name", "country", "language", "region", "population", "community_type", "website", "contact", "maintainers", "description"];

// --- text of a node (for opening files) -----------------------------------------------------------

function scalarText(node) {
  if (!node || node.kind !== "scalar") return null;
  if (node.tag === NULL) return "";
  if (node.tag === INT) return String(node.value);
  return node.tag === STR ? node.value : node.raw;
}

// The form's state from an opened assessment document; what the form cannot hold is listed.
function stateFromAssessment(root) {
  const s = emptyState();
  s.city = state.city;
  s.newCity = state.newCity;
  const dropped = [];
  const get = (node, key) => (node && node.kind === "map" ? node.value.get(key) : undefined);
  for (const key of HEADER) {
    const node = get(root, key);
    if (node === undefined) {
      if (key === "date" || key === "model_version") s[key] = "";
      continue;
    }
    const value = scalarText(node);
    if (value === null) dropped.push(key);
    else s[key] = value.startsWith("TODO") && key !== "date" ? "" : value;
  }
  if (s.method && !R.methods.includes(s.method)) dropped.push("method");
  const participants = get(root, "participants");
  if (participants && participants.kind === "seq") {
    for (const item of participants.value) {
      const gid = scalarText(item);
      if (gid && R.groups.includes(gid.trim()) && !s.participants.includes(gid.trim())) s.participants.push(gid.trim());
      else dropped.push("participants");
    }
  }
  const chars = get(root, "characteristics");
  if (chars && chars.kind === "map") {
    for (const [keyNode, value] of chars.items()) {
      const cid = keyNode.raw.trim();
      if (!R.characteristics.includes(cid)) {
        dropped.push(`characteristics."${cid}"`);
        continue;
      }
      const c = s.characteristics[cid];
      if (value.kind !== "map") continue;
      if (value.value.has("not_assessed")) {
        c.mode = "not_assessed";
        c.not_assessed = scalarText(value.value.get("not_assessed")) ?? "";
      }
      for (const key of ["now", "in_two_years"]) {
        const text = scalarText(value.value.get(key));
        if (text !== null) c[key] = /^[1-5]$/u.test(text) ? text : "";
      }
      const why = scalarText(value.value.get("justification"));
      if (why !== null && !/^\s*TODO(?![A-Za-z0-9_])/u.test(why)) c.justification = why;
      const evidence = value.value.get("evidence");
      c.evidenceKey = evidence !== undefined;
      if (evidence && evidence.kind === "seq") {
        for (const item of evidence.value) {
          if (item.kind !== "map") continue;
          c.evidence.push({
            title: scalarText(item.value.get("title")) ?? "",
            url: scalarText(item.value.get("url")) ?? "",
            date: scalarText(item.value.get("date")) ?? "",
          });
        }
      }
      const groups = value.value.get("groups");
      if (groups && groups.kind === "map") {
        for (const [gk, gv] of groups.items()) {
          const gid = gk.raw.trim();
          if (!R.groups.includes(gid) || gv.kind !== "map") {
            dropped.push(`characteristics."${cid}".groups`);
            continue;
          }
          const now = scalarText(gv.value.get("now")) ?? "";
          const later = scalarText(gv.value.get("in_two_years")) ?? "";
          c.groups[gid] = { now: /^[1-5]$/u.test(now) ? now : "", in_two_years: /^[1-5]$/u.test(later) ? later : "" };
        }
      }
    }
  }
  return { state: s, dropped: [...new Set(dropped)] };
}

function cityFromDocument(root) {
  const city = {};
  for (const key of CITY) city[key] = "";
  if (root.kind !== "map") return city;
  for (const key of CITY) {
    if (key === "slug") continue; // the city's folder name: not a key of city.yaml, typed in the form
    const node = root.value.get(key);
    if (!node) continue;
    if (key === "maintainers" && node.kind === "seq") city.maintainers = node.value.map((n) => scalarText(n) ?? "").join(", ");
    else city[key] = scalarText(node) ?? "";
  }
  return city;
}

// --- state <-> page --------------------------------------------------------------------------------

function readPage() {
  if (citiesReady) state.city = $("f-city").value; // until the cities are listed, the draft's city stands
  state.correcting = $("f-correcting").checked;
  state.correction_reason = $("f-correction_reason").value;
  for (const key of HEADER) state[key] = $(`f-${key}`).value;
  state.participants = R.groups.filter((gid) => $(`f-participants-${gid}`).checked);
  for (const key of CITY) state.newCity[key] = $(`f-city-${key}`)?.value ?? state.newCity[key]; // a page without a control keeps the value
  for (const cid of R.characteristics) {
    const c = state.characteristics[cid];
    const id = fid(cid);
    c.mode = $(`${id}-mode-na`).checked ? "not_assessed" : "rated";
    c.now = $(`${id}-now`).value;
    c.in_two_years = $(`${id}-in_two_years`).value;
    c.justification = $(`${id}-justification`).value;
    c.not_assessed = $(`${id}-not_assessed`).value;
    c.evidence.forEach((e, i) => {
      for (const key of ["title", "url", "date"]) e[key] = $(`${id}-e${i + 1}-${key}`).value;
    });
    for (const gid of Object.keys(c.groups)) {
      const now = $(`${id}-g-${gid}-now`);
      if (!now) continue;
      c.groups[gid] = { now: now.value, in_two_years: $(`${id}-g-${gid}-in_two_years`).value };
    }
  }
}

function writePage() {
  $("assess-correction").hidden = !state.published;
  $("f-correcting").checked = state.correcting;
  $("f-correction_reason").value = state.correction_reason;
  $("f-city").value = [...$("f-city").options].some((o) => o.value === state.city) ? state.city : "";
  for (const key of HEADER) $(`f-${key}`).value = state[key];
  for (const gid of R.groups) $(`f-participants-${gid}`).checked = state.participants.includes(gid);
  for (const key of CITY) if ($(`f-city-${key}`)) $(`f-city-${key}`).value = state.newCity[key];
  for (const cid of R.characteristics) {
    const c = state.characteristics[cid];
    const id = fid(cid);
    $(`${id}-mode-rated`).checked = c.mode !== "not_assessed";
    $(`${id}-mode-na`).checked = c.mode === "not_assessed";
    $(`${id}-now`).value = c.now;
    $(`${id}-in_two_years`).value = c.in_two_years;
    $(`${id}-justification`).value = c.justification;
    $(`${id}-not_assessed`).value = c.not_assessed;
    drawEvidence(cid);
  }
  drawStructure();
}

const levelOptions = (empty) => [
  el("option", { value: "", text: empty }),
  ...Object.entries(R.levels).map(([n, fallback]) => {
    const name = nameOf("levels", n, fallback);
    return el("option", { value: n, lang: typeof name === "string" ? null : "en", text: `${n} ${plain([name])}` });
  }),
];

function fieldBox(id, label, control, hint = null) {
  control.id = id;
  control.setAttribute("aria-describedby", hint ? `${id}-hint ${id}-error` : `${id}-error`);
  return el(
    "div",
    { className: "assess-field" },
    el("label", { for: id }, ...[label].flat()),
    ...(hint ? [el("p", { id: `${id}-hint`, className: "assess-hint", text: hint })] : []),
    control,
    el("p", { id: `${id}-error`, className: "assess-error", hidden: true }),
  );
}

function drawEvidence(cid) {
  const c = state.characteristics[cid];
  const id = fid(cid);
  const box = $(id).querySelector(".assess-evidence-rows");
  box.replaceChildren();
  c.evidence.forEach((e, i) => {
    const n = i + 1;
    const row = el(
      "fieldset",
      { className: "assess-evidence-row" },
      el("legend", { text: t("evidence", { n }) }),
      fieldBox(`${id}-e${n}-title`, t("evidence_title"), el("input", { type: "text" })),
      fieldBox(`${id}-e${n}-url`, t("evidence_url"), el("input", { type: "text", inputmode: "url", spellcheck: "false" }), "https://…"),
      fieldBox(`${id}-e${n}-date`, t("evidence_date"), el("input", { type: "text", inputmode: "numeric" }), t("date_hint")),
      el("button", { type: "button", className: "md-button assess-remove-evidence", "data-index": i, text: t("remove_evidence", { n }) }),
    );
    box.append(row);
    $(`${id}-e${n}-title`).value = e.title;
    $(`${id}-e${n}-url`).value = e.url;
    $(`${id}-e${n}-date`).value = e.date;
  });
}

// What depends on the method and participants: consolidation, groups' rows, not assessed / median.
function drawStructure() {
  const takesGroups = R.groupMethods.includes(state.method);
  form.querySelector(".assess-consolidation").hidden = !takesGroups;
  $("f-city-new").hidden = state.city !== "__new__";
  const propose = $("assess-propose-city");
  if (propose) propose.hidden = state.city !== "__new__";
  const median = takesGroups && state.consolidation === "median";
  for (const cid of R.characteristics) {
    const c = state.characteristics[cid];
    const box = $(fid(cid));
    box.querySelector(".assess-rated").hidden = c.mode === "not_assessed";
    box.querySelector(".assess-not-assessed").hidden = c.mode !== "not_assessed";
    const groupsBox = box.querySelector(".assess-groups");
    groupsBox.hidden = !takesGroups || c.mode === "not_assessed";
    const wanted = [...new Set([...state.participants, ...Object.keys(c.groups)])].filter((g) => R.groups.includes(g));
    const rows = groupsBox.querySelector(".assess-groups-rows");
    const have = [...rows.children].map((r) => r.dataset.group).join(" ");
    if (takesGroups && have !== wanted.join(" ")) {
      rows.replaceChildren();
      for (const gid of wanted) {
        const view = c.groups[gid] || { now: "", in_two_years: "" };
        c.groups[gid] = view;
        const name = () => nameOf("groups", gid, R.rules.stakeholder_groups[gid]);
        const id = `${fid(cid)}-g-${gid}`;
        const row = el(
          "div",
          { className: "assess-group-row", "data-group": gid },
          el("p", { className: "assess-group-name", id: `${id}-name` }, name()),
          fieldBox(`${id}-now`, parts(template("group_now"), { group: name() }), el("select", {}, ...levelOptions("—"))),
          fieldBox(`${id}-in_two_years`, parts(template("group_in_two_years"), { group: name() }), el("select", {}, ...levelOptions("—"))),
        );
        rows.append(row);
        $(`${id}-now`).value = view.now;
        $(`${id}-in_two_years`).value = view.in_two_years;
      }
    }
    const note = box.querySelector(".assess-median");
    const views = Object.values(c.groups).filter((g) => /^[1-5]$/u.test(g.now) && /^[1-5]$/u.test(g.in_two_years));
    note.hidden = !median;
    if (median) {
      const med = (k) => {
        const v = views.map((g) => Number(g[k])).sort((a, b) => a - b);
        return v.length ? v[Math.floor((v.length - 1) / 2)] : "—";
      };
      note.textContent = t("median", { now: med("now"), later: med("in_two_years") });
    }
  }
}

// --- checking ------------------------------------------------------------------------------------

const PLACEHOLDER_MESSAGE = /: not filled in yet|: missing required field|not filled in yet:/u;

// The form field (element id) a diagnostic's field path points at.
function targetOf(field) {
  if (!field) return null;
  if (/^(corrections|withdrawn|review)\b/u.test(field)) return "f-correction_reason";
  if (field.startsWith("city:")) {
    const key = field.slice(5).replace(/\[\d+\]$/u, "");
    return $(`f-city-${key}`) ? `f-city-${key}` : "f-city-slug";
  }
  const m = /^characteristics\."([^"]+)"(?:\.(.*))?$/u.exec(field);
  if (m) {
    const [, cid, rest] = m;
    const id = fid(cid);
    if (!$(id)) return "characteristics";
    if (!rest) return id;
    let r;
    if ((r = /^evidence\[(\d+)\](?:\.(title|url|date))?$/u.exec(rest))) return `${id}-e${r[1]}-${r[2] || "title"}`;
    if ((r = /^groups\.([^.]+)(?:\.(now|in_two_years))?$/u.exec(rest))) return `${id}-g-${r[1]}-${r[2] || "now"}`;
    if (["now", "in_two_years", "justification", "not_assessed", "evidence", "groups"].includes(rest)) {
      return `${id}-${rest}`;
    }
    return id;
  }
  const key = field.replace(/\[\d+\]$/u, "");
  if (key === "participants") return "f-participants";
  return $(`f-${key}`) ? `f-${key}` : null;
}

function slugProblem(name) {
  const [lo, hi] = R.rules.slug.length;
  if (!new RegExp(`^${R.rules.slug.pattern}$`, "u").test(name)) {
    return "only lowercase letters a-z, digits and single hyphens between them are allowed";
  }
  if (name.length < lo || name.length > hi) return `it must be ${lo} to ${hi} characters long`;
  return null;
}

// The assessment file the form stands for: an opened file keeps its withdrawn and review blocks and its
// corrections, and a change to it adds a corrections entry with the earlier values (scripts/correct's).
function assessmentFile() {
  const text = assessmentText(R, state);
  const opened = state.published;
  if (!opened) return text;
  const body = text + keptBlocks(opened);
  if (!state.correcting) return withCorrection(body, opened, [], "", today());
  const parsed = parseText(body, { maxDepth: R.rules.max_depth });
  const changes = parsed.root ? changesSince(opened, parsed.root) : [];
  return withCorrection(body, opened, changes, state.correction_reason, today());
}

function runChecks() {
  const text = assessmentFile();
  const name = /^\d{4}-\d{2}-\d{2}$/u.test(state.date.trim()) ? `${state.date.trim()}.yaml` : "assessment.yaml";
  const out = [];
  const parsed = parseText(text, { maxDepth: R.rules.max_depth });
  for (const e of parsed.errors) out.push({ severity: "error", ...e, field: null });
  if (parsed.root) {
    const ctx = new Context(name, today());
    checkAssessment(R, ctx, parsed.root);
    out.push(...ctx.diagnostics);
  }
  if (state.city === "__new__") {
    const problem = slugProblem(state.newCity.slug.trim());
    if (problem) {
      out.push({ severity: "error", line: 0, col: 0, field: "city:slug", message: `city folder name "${state.newCity.slug.trim()}" is not allowed: ${problem}` });
    }
    const cityParsed = parseText(cityText(R, state.newCity), { maxDepth: R.rules.max_depth });
    if (cityParsed.root) {
      const ctx = new Context(R.rules.city_file, today());
      checkCity(R, ctx, cityParsed.root);
      for (const d of ctx.diagnostics) out.push({ ...d, field: d.field ? `city:${d.field}` : "city:name" });
    }
  } else if (!state.city) {
    out.push({ severity: "error", line: 0, col: 0, field: "city", message: t("choose_city"), own: true });
  }
  diagnostics = out;
  return out;
}

// "Error: …" / "Check: …": the validator's message in English, the form's own in the page's language.
const problemParts = (d) =>
  parts(template(d.severity === "error" ? "error" : "check"), { message: d.own ? d.message : english(d.message) });

function showChecks() {
  const out = runChecks();
  const byTarget = new Map();
  for (const d of out) {
    const target = d.field === "city" ? "f-city" : targetOf(d.field);
    d.target = target && $(target) ? target : null;
    const quiet = PLACEHOLDER_MESSAGE.test(d.message) && !showAll && !(d.target && touched.has(d.target));
    d.shown = !quiet;
    if (d.target && d.shown) {
      if (!byTarget.has(d.target)) byTarget.set(d.target, []);
      byTarget.get(d.target).push(d);
    }
  }
  for (const slot of form.querySelectorAll(".assess-error")) {
    const id = slot.id.replace(/-error$/u, "");
    const found = byTarget.get(id) || [];
    const control = $(id);
    slot.replaceChildren(...found.map((d) => el("span", { className: `assess-${d.severity}` }, ...problemParts(d))));
    slot.hidden = !found.length;
    if (control && control.matches("input, select, textarea, fieldset")) {
      if (found.some((d) => d.severity === "error")) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
  }
  const errors = out.filter((d) => d.severity === "error");
  const shownErrors = errors.filter((d) => d.shown);
  const warnings = out.filter((d) => d.severity === "warning");
  const list = $("assess-problems");
  const listed = [...shownErrors, ...warnings];
  const signature = JSON.stringify(listed.map((d) => [d.severity, d.message, d.target]));
  if (list.dataset.signature !== signature) {
    // rebuilt only when it changes: a click on a link must not find it replaced under the pointer
    list.dataset.signature = signature;
    list.replaceChildren(
      ...listed.map((d) => (d.target ? el("li", {}, el("a", { href: `#${d.target}` }, ...problemParts(d))) : el("li", {}, ...problemParts(d)))),
    );
  }
  $("assess-summary").hidden = !shownErrors.length && !warnings.length;
  // progress: a characteristic is done when it is answered and nothing is wrong with it
  let done = 0;
  for (const cid of R.characteristics) {
    const prefix = `characteristics."${cid}"`;
    if (!errors.some((d) => d.field && (d.field === prefix || d.field.startsWith(prefix + ".")))) done++;
  }
  const problems = errors.filter((d) => !PLACEHOLDER_MESSAGE.test(d.message)).length;
  const unfilled = errors.length - problems;
  $("assess-progress").textContent = t(errors.length ? (unfilled ? "progress_unfilled" : "progress") : "progress_ready", {
    done: tn("done", done, { total: R.characteristics.length }),
    problems: tn("problems", problems),
    unfilled: tn("unfilled", unfilled),
  });
  drawPreview();
}

// --- preview -------------------------------------------------------------------------------------

function drawPreview() {
  const median = R.groupMethods.includes(state.method) && state.consolidation === "median";
  const levelOf = (c, key) => {
    if (c.mode === "not_assessed") return null;
    if (median && c[key] === "") {
      const v = Object.values(c.groups).map((g) => g[key]).filter((x) => /^[1-5]$/u.test(x)).map(Number).sort((a, b) => a - b);
      return v.length ? v[Math.floor((v.length - 1) / 2)] : null;
    }
    return /^[1-5]$/u.test(c[key]) ? Number(c[key]) : null;
  };
  const cell = (value, label) => {
    const td = el("td", { className: value ? `assess-cell mmssc-band-${value}` : "assess-cell" });
    if (value) td.append(`${value} `, nameOf("levels", String(value), R.levels[value]));
    else td.textContent = label;
    return td;
  };
  const head = [t("preview_characteristic"), t("preview_now"), t("preview_in_two_years")];
  if (last) head.push(t("preview_last", { date: last.date }), t("preview_change"), t("preview_promise", { date: last.date }));
  const rows = R.characteristics.map((cid) => {
    const c = state.characteristics[cid];
    const now = levelOf(c, "now");
    const later = levelOf(c, "in_two_years");
    const tr = el("tr", {}, el("th", { scope: "row" }, `${cid} `, nameOf("characteristics", cid, R.rules.characteristics[cid])));
    const none = c.mode === "not_assessed" ? t("not_assessed") : "—";
    tr.append(cell(now, none), cell(later, none));
    if (last) {
      const before = last.ratings[cid];
      const was = before && !before.not_assessed ? before.now : null;
      tr.append(el("td", { text: was ? `${was} → ${before.in_two_years}` : t("not_assessed") }));
      tr.append(el("td", { text: was && now ? (now > was ? tn("up", now - was) : now < was ? tn("down", was - now) : t("same")) : "—" }));
      const promise = was ? before.in_two_years : null;
      tr.append(el("td", { text: promise && now ? t(now >= promise ? "promise_kept" : "promise_not_kept", { level: promise }) : "—" }));
    }
    return tr;
  });
  const table = el(
    "table",
    { className: "assess-preview-table" },
    el("caption", { text: t("preview_caption") }),
    el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, ...rows),
  );
  $("assess-preview").replaceChildren(table);
}

// --- last time -----------------------------------------------------------------------------------

// The cities to choose from are data/cities/index.json (a slug, a name and a country per city),
// fetched once; choosing one fetches that city's own file, data/cities/<slug>.json, and nothing else.
// the folder-name pattern of the validator (layout.py), delivered in the generated rules
const SLUG = new RegExp(`^${R.rules.slug.pattern}$`, "u");
let citiesReady = false;
const cityFiles = new Map();

async function loadCities() {
  const select = $("f-city");
  const countries = new Map([...$("f-city-country").options].map((o) => [o.value, o.textContent]));
  try {
    const response = await fetch(form.dataset.cities, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const index = await response.json();
    const fields = Array.isArray(index.fields) ? index.fields : [];
    const [slugAt, nameAt, countryAt] = ["slug", "name", "country"].map((f) => fields.indexOf(f));
    const options = [];
    for (const row of Array.isArray(index.cities) ? index.cities : []) {
      if (!Array.isArray(row) || !SLUG.test(String(row[slugAt]))) continue;
      const country = String(row[countryAt]);
      options.push(el("option", { value: String(row[slugAt]), text: `${String(row[nameAt])} (${countries.get(country) ?? country})` }));
    }
    select.querySelector("option[value='__new__']").before(...options);
  } catch {
    $("assess-last-status").textContent = t("last_unavailable");
  }
  citiesReady = true;
}

async function cityData(slug) {
  if (!cityFiles.has(slug)) {
    // beside the index: data/cities/<slug>.json
    const url = new URL(`${slug}.json`, new URL(form.dataset.cities, location.href));
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    cityFiles.set(slug, (await response.json()).city);
  }
  return cityFiles.get(slug);
}

async function loadLastTime(slug) {
  last = null;
  for (const box of form.querySelectorAll(".assess-last")) {
    box.hidden = true;
    box.replaceChildren();
  }
  const status = $("assess-last-status");
  status.textContent = "";
  if (!slug || slug === "__new__" || !SLUG.test(slug)) return;
  let city;
  try {
    city = await cityData(slug);
  } catch {
    status.textContent = t("last_unavailable");
    return;
  }
  if (state.city !== slug) return; // another city was chosen meanwhile
  const assessments = city && Array.isArray(city.assessments) ? [...city.assessments] : [];
  if (!assessments.length) {
    status.textContent = t("last_none");
    return;
  }
  assessments.sort((a, b) => String(a.date).localeCompare(String(b.date)));
  const latest = assessments[assessments.length - 1];
  const ratings = {};
  for (const r of latest.ratings || []) ratings[r.characteristic_id] = r;
  last = { date: String(latest.date), ratings, yaml: latest.yaml || {} };
  status.textContent = t("last_shown", { city: String(city.name), date: last.date });
  for (const cid of R.characteristics) {
    const r = ratings[cid];
    const box = $(fid(cid)).querySelector(".assess-last");
    const said = !r
      ? t("last_missing", { date: last.date })
      : r.not_assessed
        ? t("last_not_assessed", { date: last.date })
        : t("last_levels", { date: last.date, now: r.now, later: r.in_two_years });
    const copy = el("button", { type: "button", className: "md-button assess-copy-last", "data-cid": cid, text: t("copy_last", { cid }) });
    box.replaceChildren(el("p", { text: said }), copy);
    box.hidden = false;
  }
  drawPreview();
}

function copyLast(cid) {
  if (!last) return;
  const chars = last.yaml && last.yaml.characteristics ? last.yaml.characteristics : {};
  const source = chars[cid];
  if (!source || typeof source !== "object") return;
  const c = emptyRating();
  const text = (v) => (v === null || v === undefined ? "" : String(v));
  if ("not_assessed" in source) {
    c.mode = "not_assessed";
    c.not_assessed = text(source.not_assessed);
  } else {
    c.now = /^[1-5]$/u.test(text(source.now)) ? text(source.now) : "";
    c.in_two_years = /^[1-5]$/u.test(text(source.in_two_years)) ? text(source.in_two_years) : "";
    c.justification = text(source.justification);
    if (Array.isArray(source.evidence)) {
      c.evidence = source.evidence.filter((e) => e && typeof e === "object").map((e) => ({ title: text(e.title), url: text(e.url), date: text(e.date) }));
    }
    if (source.groups && typeof source.groups === "object") {
      for (const [gid, g] of Object.entries(source.groups)) {
        if (R.groups.includes(gid) && g && typeof g === "object") c.groups[gid] = { now: text(g.now), in_two_years: text(g.in_two_years) };
      }
    }
  }
  state.characteristics[cid] = c;
  writePage();
  changed();
  $(`${fid(cid)}-mode-rated`).focus();
}

// --- drafts --------------------------------------------------------------------------------------

let saveTimer = null;
let checkTimer = null;

function changed({ now = false } = {}) {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveDraft, 300);
  clearTimeout(checkTimer);
  if (now) showChecks();
  else checkTimer = setTimeout(showChecks, 200);
}

let draftInUse = null; // the key the form's draft was last saved under (it follows the city chosen)

function draftKey(city) {
  return DRAFT_PREFIX + JSON.stringify([SITE, city]);
}

function draftCity() {
  return state.city === "__new__" ? `__new__/${state.newCity.slug.trim()}` : state.city;
}

function saveDraft() {
  const key = draftKey(draftCity());
  try {
    if (draftInUse && draftInUse !== key) localStorage.removeItem(draftInUse);
    localStorage.setItem(key, JSON.stringify({ saved: new Date().toISOString(), state }));
    draftInUse = key;
  } catch {
    /* storage full or disabled: the form still works, without drafts */
  }
}

// This site's drafts: [{ key, city, saved (ms, NaN if unknown), draft }], newest first.
function siteDrafts() {
  const out = [];
  let keys = [];
  try {
    keys = Object.keys(localStorage).filter((k) => k.startsWith(DRAFT_PREFIX));
  } catch {
    return out;
  }
  for (const key of keys) {
    let where;
    let draft;
    try {
      where = JSON.parse(key.slice(DRAFT_PREFIX.length));
      draft = JSON.parse(localStorage.getItem(key) || "null");
    } catch {
      continue;
    }
    if (!Array.isArray(where) || where[0] !== SITE || typeof where[1] !== "string") continue;
    const saved = draft && typeof draft.saved === "string" ? Date.parse(draft.saved) : NaN;
    out.push({ key, city: where[1], saved, draft });
  }
  return out.sort((a, b) => (b.saved || 0) - (a.saved || 0));
}

// The draft of version 1 (one key for every site): kept as this site's draft of its city, then removed.
function moveOldDraft() {
  try {
    const old = JSON.parse(localStorage.getItem(OLD_DRAFT_KEY) || "null");
    localStorage.removeItem(OLD_DRAFT_KEY);
    if (!old || typeof old !== "object" || !old.state || typeof old.state !== "object") return;
    const city = typeof old.state.city === "string" ? old.state.city : "";
    if (!localStorage.getItem(draftKey(city))) localStorage.setItem(draftKey(city), JSON.stringify(old));
  } catch {
    /* unreadable: nothing to keep */
  }
}

// The draft to start from: the city's, when the page was opened for one (?city=), else the newest.
function restoreDraft(city) {
  moveOldDraft();
  const drafts = siteDrafts();
  const found = city ? drafts.find((d) => d.city === city) : drafts[0];
  if (!found) return null;
  const restored = draftState(found.draft);
  if (restored) draftInUse = found.key;
  return restored && { ...restored, savedMs: found.saved };
}

// How long ago, in the page's language ("3 days ago", "il y a 3 jours").
function age(ms) {
  const seconds = Math.max(0, (Date.now() - ms) / 1000);
  const format = new Intl.RelativeTimeFormat(LANG, { numeric: "auto" });
  for (const [unit, size] of [["year", 31557600], ["month", 2629800], ["day", 86400], ["hour", 3600], ["minute", 60]]) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return format.format(0, "minute");
}

// Discard this site's drafts saved more than ``days`` ago (or at an unknown time); how many went.
function discardOlderDrafts(days) {
  const cutoff = Date.now() - days * DAY_MS;
  let gone = 0;
  for (const d of siteDrafts()) {
    if (Number.isNaN(d.saved) || d.saved < cutoff) {
      localStorage.removeItem(d.key);
      if (d.key === draftInUse) {
        draftInUse = null;
        clearTimeout(saveTimer); // a save already on its way would bring the discarded draft back
      }
      gone++;
    }
  }
  return gone;
}

// A draft is data too (another script, an old version): read it field by field, as text.
function draftState(draft) {
  if (!draft || typeof draft !== "object" || !draft.state || typeof draft.state !== "object") return null;
  const d = draft.state;
  const s = emptyState();
  const str = (v) => (typeof v === "string" ? v : "");
  s.city = str(d.city);
  for (const key of HEADER) s[key] = str(d[key]);
  s.participants = Array.isArray(d.participants) ? d.participants.filter((g) => R.groups.includes(g)) : [];
  for (const key of CITY) s.newCity[key] = str(d.newCity && d.newCity[key]);
  for (const cid of R.characteristics) {
    const c = d.characteristics && d.characteristics[cid];
    if (!c || typeof c !== "object") continue;
    const t = s.characteristics[cid];
    t.mode = c.mode === "not_assessed" ? "not_assessed" : "rated";
    t.evidenceKey = c.evidenceKey !== false;
    for (const key of ["now", "in_two_years", "justification", "not_assessed"]) t[key] = str(c[key]);
    t.evidence = Array.isArray(c.evidence) ? c.evidence.filter((e) => e && typeof e === "object").map((e) => ({ title: str(e.title), url: str(e.url), date: str(e.date) })) : [];
    if (c.groups && typeof c.groups === "object") {
      for (const gid of R.groups) if (c.groups[gid]) t.groups[gid] = { now: str(c.groups[gid].now), in_two_years: str(c.groups[gid].in_two_years) };
    }
  }
  const p = d.published;
  const okValues = p && Array.isArray(p.values) && p.values.every((v) => Array.isArray(v) && Array.isArray(v[0]) && v[0].every((k) => typeof k === "string"));
  if (okValues && p.blocks && typeof p.blocks === "object" && Number.isInteger(p.indent)) {
    const blocks = {};
    for (const key of ["corrections", "withdrawn", "review"]) if (typeof p.blocks[key] === "string") blocks[key] = p.blocks[key];
    s.published = { values: p.values.map(([path, value]) => [path, value ?? null]), blocks, indent: Math.max(0, Math.min(p.indent, 8)) };
  }
  s.correcting = d.correcting !== false;
  s.correction_reason = str(d.correction_reason);
  return { state: s, saved: str(draft.saved) };
}

// --- files ---------------------------------------------------------------------------------------

function fileStatus(...parts) {
  $("assess-file-status").replaceChildren(...parts.map((p) => (typeof p === "string" ? el("p", { text: p }) : p)));
}

async function openFile(file) {
  const name = file.name;
  if (file.size > R.rules.max_file_bytes) {
    // refused before a byte is read (the validator's limit and words): a huge file never reaches memory
    const { errors } = readYaml({ length: file.size }, { maxBytes: R.rules.max_file_bytes, maxDepth: R.rules.max_depth });
    fileStatus(t("not_opened", { name }), el("ul", {}, ...errors.map((e) => el("li", { lang: EN, text: `${name}:${e.line}:${e.col}: error: ${e.message}` }))));
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { root, errors } = readYaml(bytes, { maxBytes: R.rules.max_file_bytes, maxDepth: R.rules.max_depth });
  if (!root || errors.length) {
    fileStatus(
      t("not_opened", { name }),
      el("ul", {}, ...errors.map((e) => el("li", { lang: EN, text: `${name}:${e.line}:${e.col}: error: ${e.message}` }))),
    );
    return;
  }
  const isCity = name === R.rules.city_file || (root.kind === "map" && !root.value.has("characteristics") && root.value.has("name"));
  const problems = checkDocument(R, root, isCity ? R.rules.city_file : name, today()).filter((d) => d.severity === "error");
  if (isCity) {
    state.city = "__new__";
    state.newCity = cityFromDocument(root);
  } else {
    const opened = stateFromAssessment(root);
    state = opened.state;
    state.published = publishedOf(root, new TextDecoder("utf-8").decode(bytes));
    if (opened.dropped.length) problems.push({ line: 0, col: 0, message: t("not_kept", { fields: opened.dropped.join(", ") }), own: true });
  }
  writePage();
  showAll = true;
  changed({ now: true });
  const item = (d) => el("li", { lang: d.own ? null : EN, text: d.line ? `${name}:${d.line}:${d.col}: ${d.message}` : d.message });
  fileStatus(
    problems.length ? tn("opened_problems", problems.length, { name }) : t("opened", { name }),
    ...(problems.length ? [el("ul", {}, ...problems.map(item))] : []),
  );
}

function download(name, text) {
  const blob = new Blob([text], { type: "text/yaml;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function files() {
  readPage();
  const date = state.date.trim() || "undated";
  const out = [[`${date}.yaml`, assessmentFile()]];
  if (state.city === "__new__") out.push([R.rules.city_file, cityText(R, state.newCity)]);
  return out;
}

// After Download or Propose every problem shows; the number of errors left.
function errorsAfterWrite() {
  showAll = true;
  showChecks();
  return diagnostics.filter((d) => d.severity === "error").length;
}

function slugOf() {
  return state.city === "__new__" ? state.newCity.slug.trim() : state.city;
}

function githubUrl(path, text) {
  const base = form.dataset.repository.replace(/\/+$/u, "");
  const branch = encodeURIComponent(form.dataset.branch || "main");
  const empty = `${base}/new/${branch}?filename=${encodeURIComponent(path)}`;
  const full = `${empty}&value=${encodeURIComponent(text)}`;
  return { empty, full };
}

// Why Propose must not open GitHub yet (null when it may): the form's checks, then the path's parts,
// each by the validator's own rules (assess-rules.js): a file name of the assessment_file pattern,
// a city folder of the slug pattern, so no typed date or opened file can make another path.
function proposeProblem(assessmentName) {
  const errors = errorsAfterWrite();
  if (errors) return tn("propose_errors", errors);
  if (!new RegExp(`^(?:${R.rules.assessment_file})$`, "u").test(assessmentName)) return t("propose_bad_date");
  if (slugProblem(slugOf())) return t("propose_bad_city");
  return null;
}

async function propose(which) {
  const [assessment, city] = files();
  const problem = proposeProblem(assessment[0]);
  if (problem) {
    fileStatus(problem);
    return;
  }
  const [name, text] = which === "city" ? city : assessment;
  const path = `assessments/${slugOf()}/${name}`;
  const { empty, full } = githubUrl(path, text);
  let message;
  if (full.length <= URL_LIMIT) {
    form.dataset.lastProposal = full;
    window.open(full, "_blank", "noopener");
    message = t("proposed", { path });
  } else {
    form.dataset.lastProposal = empty;
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      copied = false;
    }
    window.open(empty, "_blank", "noopener");
    message = t(copied ? "proposed_copied" : "proposed_not_copied", { path });
  }
  fileStatus(message, t("checks_pass"));
}

// --- events --------------------------------------------------------------------------------------

// Inside another site's frame, a click meant for that site could land on Propose or Discard
// (clickjacking; frame-ancestors cannot be set from a <meta>): the form then stays hidden.
function framed() {
  try {
    return window.top !== window.self;
  } catch {
    return true;
  }
}

function init() {
  if (framed()) {
    form.before(el("p", { className: "assess-framed", text: t("framed", { url: location.href.split("#")[0] }) }));
    return;
  }
  form.hidden = false;
  const params = new URLSearchParams(location.search);
  const wanted = params.get("city");
  // the cities' list arrives later (loadCities): a draft is looked up by the slug asked for
  const restored = restoreDraft(wanted && SLUG.test(wanted) ? wanted : null);
  if (restored) {
    state = restored.state;
    const saved = restored.saved.slice(0, 16).replace("T", " ");
    fileStatus(
      !restored.saved ? t("restored") : Number.isNaN(restored.savedMs) ? t("restored_at", { saved }) : t("restored_age", { saved, age: age(restored.savedMs) }),
    );
  }
  writePage();
  showChecks();
  loadCities().then(() => {
    const listed = (slug) => [...$("f-city").options].some((o) => o.value === slug);
    if (wanted && !state.city && listed(wanted)) state.city = wanted;
    if (!listed(state.city)) state.city = "";
    $("f-city").value = state.city;
    drawStructure();
    showChecks();
    if (state.city && state.city !== "__new__") loadLastTime(state.city);
    form.dataset.citiesListed = "true"; // for the tests: the list is complete and the form's city is set
  });

  // the drafts' own controls ("discard drafts older than") are not part of the assessment: no edit, no save
  const drafts = (event) => event.target.closest(".assess-draft-ages") !== null;
  form.addEventListener("input", (event) => {
    if (drafts(event)) return;
    readPage();
    changed();
  });
  form.addEventListener("change", (event) => {
    if (drafts(event)) return;
    readPage();
    const id = event.target.id || "";
    if (event.target.matches("select, input[type=checkbox], input[type=radio]")) touched.add(id.replace(/-mode-(rated|na)$/u, ""));
    drawStructure();
    if (id === "f-city") loadLastTime(state.city);
    changed({ now: true });
  });
  form.addEventListener("focusout", (event) => {
    if (event.target.id) touched.add(event.target.id);
    if (event.target.matches("input[type=text], textarea")) changed({ now: true });
  });
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const box = button.closest(".assess-characteristic");
    if (button.classList.contains("assess-add-evidence") && box) {
      readPage();
      const cid = box.dataset.cid;
      state.characteristics[cid].evidence.push({ title: "", url: "", date: "" });
      drawEvidence(cid);
      changed({ now: true });
      $(`${fid(cid)}-e${state.characteristics[cid].evidence.length}-title`).focus();
    } else if (button.classList.contains("assess-remove-evidence") && box) {
      readPage();
      const cid = box.dataset.cid;
      state.characteristics[cid].evidence.splice(Number(button.dataset.index), 1);
      drawEvidence(cid);
      changed({ now: true });
      box.querySelector(".assess-add-evidence").focus();
    } else if (button.classList.contains("assess-copy-last")) {
      copyLast(button.dataset.cid);
    }
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  $("assess-problems").addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (!link) return;
    event.preventDefault();
    const target = $(link.getAttribute("href").slice(1));
    if (!target) return;
    const focusable = target.matches("input, select, textarea, button") ? target : target.querySelector("input, select, textarea, button");
    (focusable || target).focus();
    (focusable || target).scrollIntoView({ block: "center" });
  });
  $("assess-open").addEventListener("change", (event) => {
    const file = event.target.files && event.target.files[0];
    if (file) openFile(file).finally(() => (event.target.value = ""));
  });
  $("assess-download").addEventListener("click", () => {
    const out = files();
    for (const [name, text] of out) download(name, text);
    const names = lists.format(out.map(([n]) => n));
    const errors = errorsAfterWrite();
    fileStatus(errors ? tn("downloaded_problems", errors, { files: names }) : t("downloaded", { files: names }));
  });
  $("assess-discard-older").addEventListener("click", () => {
    const gone = discardOlderDrafts(Number($("assess-draft-age").value));
    fileStatus(gone ? tn("drafts_discarded", gone) : t("drafts_none_older"));
  });
  $("assess-discard").addEventListener("click", () => {
    try {
      localStorage.removeItem(draftInUse || draftKey(draftCity()));
    } catch {
      /* storage disabled: nothing was kept */
    }
    draftInUse = null;
    state = emptyState();
    last = null;
    touched = new Set();
    showAll = false;
    writePage();
    loadLastTime("");
    showChecks();
    fileStatus(t("discarded"));
  });
  const proposeButton = $("assess-propose");
  if (proposeButton) proposeButton.addEventListener("click", () => propose("assessment"));
  const proposeCity = $("assess-propose-city");
  if (proposeCity) proposeCity.addEventListener("click", () => propose("city"));
}

// for the tests: the same checks over a file's bytes, and the files the form would write
window.MMSSCAssess = {
  check(bytes, name) {
    const { root, errors } = readYaml(bytes, { maxBytes: R.rules.max_file_bytes, maxDepth: R.rules.max_depth });
    const out = errors.map((e) => ({ severity: "error", field: null, ...e }));
    if (root) out.push(...checkDocument(R, root, name, today()));
    return out;
  },
  files: () => files(),
  diagnostics: () => diagnostics.map(({ severity, message, field, target, shown }) => ({ severity, message, field, target, shown })),
};

init();
