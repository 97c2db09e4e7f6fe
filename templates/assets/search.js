// The only script on the site: static search with Pagefind, so no server is needed.
// Results are built with DOM nodes, never innerHTML, because indexed text comes from feeds.
// This script runs only when the site is served, so the "needs to be served" note can go.
document.getElementById("search-needs-server")?.remove();
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const statusLine = document.getElementById("search-status");
const list = document.getElementById("search-results");
const bundleUrl = new URL(form.dataset.bundle, document.baseURI).href;
const MAX_RESULTS = 20;
let engine = null;
let latest = "";

async function loadEngine() {
  if (!engine) {
    engine = await import(bundleUrl);
    await engine.options({ excerptLength: 30 });
    await engine.init();
  }
  return engine;
}

// Pagefind excerpts are HTML with <mark> around matches: keep the text and the marks, drop anything else.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  const nodes = [];
  for (const node of parsed.body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function resultItem(data) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = (data.meta && data.meta.title) || data.url;
  const heading = document.createElement("h2");
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(data.excerpt || ""));
  item.append(heading, excerpt);
  return item;
}

async function run(query) {
  latest = query;
  list.replaceChildren();
  if (!query.trim()) {
    statusLine.textContent = "";
    return;
  }
  statusLine.textContent = "Searching…";
  let found;
  try {
    const pagefind = await loadEngine();
    const search = await pagefind.search(query);
    const data = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    found = { total: search.results.length, data };
  } catch (error) {
    statusLine.textContent = "Search could not load. It needs the site served over HTTP with its search index.";
    return;
  }
  if (query !== latest) return;            // a newer query was typed while this one ran
  list.replaceChildren(...found.data.map(resultItem));
  const shown = found.total > MAX_RESULTS ? ` (showing the first ${MAX_RESULTS})` : "";
  statusLine.textContent = found.total === 1 ? `1 result for “${query}”.` : `${found.total} results for “${query}”${shown}.`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set("q", input.value);
  history.replaceState(null, "", url);
  run(input.value);
});

let pending = 0;
input.addEventListener("input", () => {
  clearTimeout(pending);
  pending = setTimeout(() => run(input.value), 250);
});

const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
