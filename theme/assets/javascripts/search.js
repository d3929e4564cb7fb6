// The site search, in Vietnamese, over Pagefind's JavaScript API.
//
// Loaded only by the search page (theme/bantin/search.html). Pagefind's index is written by
// the build (builder/outputs/search.py) into pagefind/ beside this site. Pagefind folds tone
// and vowel marks itself; đ is indexed as d + U+0335 and d as d + U+0332 (marks it folds
// away too, builder/content/search_text.py), and the query is spelled the same way, so
// "dai hoi" finds "Đại hội" and "dại" is not "đại". A query downloads only the index chunks
// of its words, never the whole index.
//
// Result order, in four groups (Pagefind's ranking inside each):
//   1. pages with every word exactly as typed, diacritics included, side by side;
//   2. pages with every word exactly as typed;
//   3. pages with the words side by side in any spelling ("bình đẳng giới" for "binh dang
//      gioi");
//   4. the other pages with all the words.
// Groups 1 and 2 exist only when the query has diacritics. "Side by side" is read from the
// positions Pagefind returns with each result (no extra download): the longest run of
// consecutive matched positions covers every word of the query.
//
// On a large site the older entries are in archive indexes (data-archive on the form: their
// URLs, space-separated; the plugin's search_recent option): they are merged in when the
// reader asks ("Tìm cả trong ... bài cũ hơn") or when the newest entries have no match, so a
// first search stays small.

const PAGE_SIZE = 10;      // results shown per "Xem thêm" step
// How the index spells d and đ (builder/content/search_text.py, index_spelling).
const SPELLING = { đ: "d\u0335", Đ: "D\u0335", ð: "d\u0335", Ð: "D\u0335", d: "d\u0332", D: "D\u0332" };
const EXCERPT_WORDS = 30;  // words in an excerpt
const DEBOUNCE_MS = 300;   // wait while the reader is typing

// The site root: this file is assets/javascripts/search.js under it.
const ROOT = new URL("../../", import.meta.url);

/**
 * Fold text as builder/content/search_text.py does: lower case, NFD, no combining marks,
 * đ -> d. ("Đại hội" -> "dai hoi"; an NFD query folds like its NFC form.)
 * Python case-folds where the browser lower-cases: they differ only for letters that are
 * not Vietnamese (ß, ligatures).
 */
export function fold(text) {
  return text.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "").replace(/[đð]/g, "d");
}

/** Spell ``text`` as the index does: NFC, đ as d + U+0335, d as d + U+0332. */
export function indexSpelling(text) {
  return text.normalize("NFC").replace(/[dDđĐðÐ]/g, (c) => SPELLING[c]);
}

/** Undo indexSpelling for display. */
const readable = (text) =>
  text.replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ").replace(/([dD])\u0332/g, "$1");

/** The query as the reader meant it: NFC, single spaces, no stray quote marks. */
export function clean(text) {
  let query = text.normalize("NFC").replace(/[“”„]/g, '"').replace(/\s+/g, " ").trim();
  if ((query.match(/"/g) || []).length % 2) query = query.replace(/"/g, "");
  return query;
}

let module = null;
const engines = {};  // Pagefind instances: "main", and "exact" (exact diacritics) when needed
let archive = null;  // the archive indexes' URLs once the reader has added them
let results = [];
let shown = 0;
let generation = 0;

/** Pagefind's module, without its web worker. */
async function pagefindModule() {
  if (!module) {
    // Pagefind would start a web worker (12 KB more to download): the search is small work,
    // so it runs on the page. Pagefind checks for Worker once, when its module loads.
    const worker = window.Worker;
    try {
      window.Worker = undefined;
      module = await import(new URL("pagefind/pagefind.js", ROOT).href);
    } finally {
      window.Worker = worker;
    }
  }
  return module;
}

// The chunk hint (builder/outputs/search.py) only sizes index chunks: it must not rank.
const OPTIONS = { baseUrl: ROOT.pathname, ranking: { metaWeights: { hint: 0 } } };

const merged = new WeakSet();  // instances that have the archive index already

/** Merge the archive indexes into ``instance`` once. */
async function withArchive(instance, name) {
  if (archive && !merged.has(instance)) {
    merged.add(instance);
    for (const url of archive) {
      await instance.mergeIndex(url, name === "exact" ? { ...OPTIONS, exactDiacritics: true } : OPTIONS);
    }
  }
  return instance;
}

/** The Pagefind instance ``name`` ("main" or "exact"), with the archive if it was added. */
async function engine(name) {
  if (!engines[name]) {
    engines[name] = (async () => {
      const instance = (await pagefindModule()).createInstance({ basePath: new URL("pagefind/", ROOT).pathname });
      await instance.options(name === "exact" ? { ...OPTIONS, exactDiacritics: true } : OPTIONS);
      return instance;
    })();
  }
  return withArchive(await engines[name], name);
}

/** Add the archive indexes (older entries) to every instance and to later ones. */
async function addArchive(urls) {
  archive = archive || urls;
  await Promise.all(Object.entries(engines).map(async ([name, pending]) => withArchive(await pending, name)));
}

const load = () => engine("main");

/** The words of a query, folded, without quote marks. */
const words = (query) => fold(query).replace(/"/g, " ").split(" ").filter(Boolean);

/** The longest run of consecutive positions in ``positions``. */
export function longestRun(positions) {
  let best = 0;
  let run = 0;
  let previous = -2;
  for (const at of [...new Set(positions)].sort((a, b) => a - b)) {
    run = at === previous + 1 ? run + 1 : 1;
    previous = at;
    best = Math.max(best, run);
  }
  return best;
}

/**
 * All pages matching ``query``, best first (see the top of this file): Pagefind result
 * objects ({id, score, words, data()}). Words in quote marks must stand side by side.
 */
export async function search(query) {
  const pf = await load();
  const q = clean(query);
  const terms = words(q);
  if (!terms.length) return [];
  const typed = q.replace(/"/g, " ").replace(/\s+/g, " ").trim();
  const text = indexSpelling(typed);
  const all = (await pf.search(text)).results;
  let exact = new Set();
  if (fold(typed) !== typed.toLowerCase()) {
    // Typed with diacritics: which pages have every word exactly so (same index chunks).
    exact = new Set((await (await engine("exact")).search(text)).results.map((r) => r.id));
  }
  const quoted = (q.match(/"[^"]*"/g) || []).map((part) => words(part).length);
  const needed = quoted.length ? Math.max(...quoted) : terms.length;
  const group = (r) => {
    const adjacent = terms.length > 1 && longestRun(r.words) >= Math.min(needed, terms.length);
    return (exact.has(r.id) ? 0 : 2) + (adjacent ? 0 : 1);
  };
  const ranked = all.map((r, i) => ({ r, i, g: group(r) }));
  const kept = quoted.length ? ranked.filter(({ g }) => g % 2 === 0) : ranked;
  return kept.sort((a, b) => a.g - b.g || a.i - b.i).map(({ r }) => r);
}

const escapeHtml = (text) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/**
 * The excerpt of a result as HTML, the matched words in <mark>: the place, after the title,
 * where the most different words of the query (then the most matches) come together.
 */
export function excerpt(data, query) {
  const all = data.content.split(/[\r\n\s]+/g); // as Pagefind splits it for its locations
  const terms = words(query || "");
  const which = (at) => terms.findIndex((t) => fold(all[at]).replace(/^\W+/u, "").startsWith(t));
  const hits = new Map();
  for (const { location, balanced_score: score } of data.weighted_locations) {
    hits.set(location, (hits.get(location) || 0) + (score || 1));
  }
  const titleWords = (data.meta.title || "").split(/\s+/).filter(Boolean).length;
  let start = Math.min(titleWords, Math.max(0, all.length - EXCERPT_WORDS));
  let best = -1;
  for (const at of hits.keys()) {
    if (at < titleWords) continue; // the title is shown above the excerpt
    const from = Math.max(titleWords, at - 5);
    const found = new Set();
    let sum = 0;
    for (const [other, score] of hits) {
      if (other >= from && other < from + EXCERPT_WORDS) {
        sum += score;
        found.add(which(other));
      }
    }
    const value = found.size * 1e9 + sum;
    if (value > best) [best, start] = [value, from];
  }
  const end = Math.min(all.length, start + EXCERPT_WORDS);
  const body = all.slice(start, end)
    .map((word) => escapeHtml(readable(word)))
    .map((word, i) => (hits.has(start + i) ? `<mark>${word}</mark>` : word))
    .join(" ");
  return (start > titleWords ? "… " : "") + body + (end < all.length ? " …" : "");
}

function card(data, query) {
  const item = document.createElement("li");
  item.className = "bt-card";
  const heading = document.createElement("h2");
  heading.className = "bt-card__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = readable(data.meta.title || data.url);
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "bt-card__meta";
  meta.textContent = [data.meta.section, data.meta.date].filter(Boolean).join(" · ");
  const summary = document.createElement("p");
  summary.className = "bt-card__summary";
  summary.innerHTML = excerpt(data, query);
  item.append(heading, meta, summary);
  return item;
}

async function showMore(elements, mine) {
  const batch = results.slice(shown, shown + PAGE_SIZE);
  const data = await Promise.all(batch.map((r) => r.data()));
  if (mine !== generation) return;
  shown += batch.length;
  elements.list.append(...data.map((d) => card(d, elements.query)));
  elements.more.hidden = shown >= results.length;
}

async function run(elements, query) {
  const mine = ++generation;
  const q = clean(query);
  elements.query = q;
  const url = new URL(location.href);
  if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  elements.list.replaceChildren();
  elements.more.hidden = true;
  elements.archive.hidden = true;
  if (!q) {
    elements.status.textContent = "";
    return;
  }
  elements.status.textContent = "Đang tìm…";
  try {
    let found = await search(q);
    const older = elements.form.dataset.archive;
    if (!found.length && older && !archive) {
      await addArchive(archiveUrls(older)); // nothing recent: look further back
      found = await search(q);
    }
    if (mine !== generation) return;
    results = found;
    shown = 0;
    await showMore(elements, mine);
    if (mine !== generation) return;
    const where = older && !archive ? ` trong ${elements.form.dataset.mainCount} bài mới nhất` : "";
    // Announced (role=status) once the first results are on the page.
    elements.status.textContent = found.length
      ? `Tìm thấy ${found.length} kết quả cho “${q}”${where}.`
      : `Không tìm thấy kết quả nào cho “${q}”. Thử gõ ít từ hơn hoặc kiểm tra lại chính tả.`;
    elements.archive.hidden = !where;
  } catch (error) {
    if (mine !== generation) return;
    elements.status.textContent = "Chưa tải được bộ tìm kiếm. Mời bạn kiểm tra kết nối mạng rồi thử lại.";
    throw error;
  }
}

/** The absolute URLs of the archive indexes named by the form's data-archive. */
const archiveUrls = (names) => names.split(" ").filter(Boolean).map((name) => new URL(name, location.href).href);

function start() {
  const form = document.querySelector("[data-bt-search]");
  if (!form) return;
  const elements = {
    input: form.querySelector("input[name=q]"),
    status: document.getElementById("bt-search-status"),
    list: document.getElementById("bt-search-results"),
    more: document.getElementById("bt-search-more"),
    archive: document.getElementById("bt-search-archive"),
    form,
  };
  let timer = 0;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(elements, elements.input.value);
  });
  elements.input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(elements, elements.input.value), DEBOUNCE_MS);
  });
  elements.input.addEventListener("focus", () => load().catch(() => {}), { once: true });
  elements.more.addEventListener("click", () => showMore(elements, generation));
  elements.archive.addEventListener("click", async () => {
    elements.archive.hidden = true;
    await addArchive(archiveUrls(form.dataset.archive));
    await run(elements, elements.input.value);
  });
  const query = new URLSearchParams(location.search).get("q") || "";
  elements.input.value = query;
  if (query) run(elements, query);
  else elements.input.focus();
}

start();
