// The transcript tab of the panel: every line with its time (and speaker, when known), a
// search box that filters and highlights with a count (each hit shown with the words around
// it, the list's height kept while filtering, a clear button), click a line to seek, the
// current line highlighted as the video plays, auto-scroll that stops when the person
// scrolls. Exposes globalThis.GlanceTranscriptView.

(() => {
  const { h, icon, ICONS } = GlanceDom;
  const F = GlanceFormat;
  const SEARCH_DELAY_MS = 120; // typing settles before the list is searched
  const HIGHLIGHT_FROM = 2; // a single letter filters but marks nothing (it would mark thousands)
  // "Maya Lind: text" -> a speaker turn: 1-4 capitalised words and a colon at the very start.
  const CONTEXT_CHARS = 70; // words shown around a hit from the neighbouring caption lines
  const SENTENCE_END = /[.!?…]["'”’)\]]*$/;
  const SPEAKER_PREFIX = /^(\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \u00a0]\p{Lu}[\p{L}\p{M}'’.-]*){0,3}):\s+(\S[\s\S]*)$/u;

  /** {speaker, text}: the segment's own speaker, else a "Name:" prefix of its text, else null. */
  function splitSpeaker(segment) {
    const text = String(segment.text ?? "");
    if (segment.speaker) return { speaker: String(segment.speaker), text };
    const match = SPEAKER_PREFIX.exec(text);
    return match ? { speaker: match[1], text: match[2] } : { speaker: null, text };
  }

  /** The end of `text` (or its start, `fromEnd` false) cut at a word, at most `max` characters. */
  function clip(text, max, fromEnd) {
    if (text.length <= max) return text;
    const part = fromEnd ? text.slice(-max) : text.slice(0, max);
    return fromEnd ? `…${part.replace(/^\S*\s/, "")}` : `${part.replace(/\s\S*$/, "")}…`;
  }

  /**
   * create({videoId, onHits(starts)}) -> {el, show(segments), showMessage(text), setTime(seconds),
   * search(query), refresh()}; onHits gets the start of every line the search found ([] when cleared).
   */
  function create({ videoId, onHits = () => {} }) {
    let lines = []; // [{start, text, el, textEl}]
    let current = -1;
    let following = true;

    const input = h("input", {
      type: "search",
      class: "tr-input",
      placeholder: "Search transcript",
      "aria-label": "Search the transcript",
      "data-action": "search-transcript",
      autocomplete: "off",
      spellcheck: "false",
    });
    const count = h("span", { class: "tr-count", "aria-live": "polite" });
    const clear = h("button", { type: "button", class: "icon-button tr-clear", "data-action": "clear-search", "aria-label": "Clear the search", title: "Clear", hidden: true }, icon(ICONS.close));
    const status = h("p", { class: "tr-status", text: "Loading transcript…" });
    const list = h("ol", { class: "tr-lines", "aria-label": "Transcript" });
    const follow = h("button", { type: "button", class: "chip tr-follow", hidden: true, text: "Follow the video" });
    const el = h(
      "section",
      { class: "section", "data-section": "transcript", "aria-label": "Transcript" },
      h("div", { class: "tr-search" }, icon(ICONS.search), input, count, clear),
      status,
      list,
      follow,
    );

    let pending = 0; // the debounce timer of the search box
    input.addEventListener("input", () => {
      clear.hidden = !input.value;
      clearTimeout(pending);
      pending = setTimeout(() => search(input.value), SEARCH_DELAY_MS);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && input.value) {
        e.stopPropagation();
        searchFor("");
      } else if (e.key === "Enter") search(input.value);
    });
    clear.addEventListener("click", () => {
      searchFor("");
      input.focus();
    });
    // Auto-scroll stops when the person scrolls the list themselves (wheel, touch, keys,
    // or the scrollbar); our own scrolling and the filter's re-layout do not count.
    const stopFollowing = () => {
      if (!following || !lines.length || input.value.trim()) return;
      following = false;
      follow.hidden = false;
    };
    list.addEventListener("wheel", stopFollowing, { passive: true });
    list.addEventListener("touchmove", stopFollowing, { passive: true });
    list.addEventListener("keydown", (e) => /^(Arrow(Up|Down)|Page(Up|Down)|Home|End| )$/.test(e.key) && stopFollowing());
    list.addEventListener("pointerdown", (e) => e.target === list && stopFollowing()); // the scrollbar
    follow.addEventListener("click", () => {
      following = true;
      follow.hidden = true;
      scrollToCurrent();
    });

    function show(segments) {
      lines = (segments || [])
        .map((s) => {
          const { speaker, text } = splitSpeaker(s);
          return { start: F.start(s.start), speaker, text: F.prose(text) };
        })
        .filter((s) => s.start !== null)
        .sort((a, b) => a.start - b.start);
      list.replaceChildren(
        ...lines.map((line, i) => {
          line.lower = line.text.toLowerCase();
          line.marked = false;
          line.textEl = h("span", { class: "tr-text", text: line.text });
          line.before = h("span", { class: "tr-context", hidden: true });
          line.after = h("span", { class: "tr-context", hidden: true });
          line.el = h(
            "li",
            { class: "tr-line", dataset: { seek: String(line.start), index: String(i) } },
            h("a", { class: "time", href: `/watch?v=${videoId}&t=${Math.floor(line.start)}s`, dataset: { seek: String(line.start) }, text: F.time(line.start) }),
            h("span", { class: "tr-body" }, line.before, line.speaker ? [h("span", { class: "tr-speaker", text: `${line.speaker}:` }), " "] : null, line.textEl, line.after),
          );
          return line.el;
        }),
      );
      status.hidden = lines.length > 0;
      if (!lines.length) status.textContent = "This transcript is empty.";
      current = -1;
      if (input.value) search(input.value);
    }

    function showMessage(text) {
      lines = [];
      list.replaceChildren();
      status.textContent = text;
      status.hidden = false;
    }

    function search(query) {
      clearTimeout(pending);
      const needle = query.trim().toLowerCase();
      const marking = needle.length >= HIGHLIGHT_FROM;
      let hits = 0;
      let shown = 0;
      const starts = [];
      // While filtering, the list keeps the height it had: the panel does not jump as results shrink.
      if (needle && !list.style.height && list.clientHeight) list.style.height = `${list.getBoundingClientRect().height}px`;
      else if (!needle) list.style.height = "";
      lines.forEach((line, i) => {
        const found = needle ? occurrences(line.lower, needle) : [];
        if (marking && found.length) mark(line, found, needle.length);
        else if (line.marked) unmark(line);
        line.el.hidden = Boolean(needle) && found.length === 0;
        setContext(i, Boolean(needle) && found.length > 0);
        hits += found.length;
        if (found.length) starts.push(line.start);
        if (!line.el.hidden) shown += 1;
      });
      clear.hidden = !input.value;
      onHits(starts);
      el.toggleAttribute("data-searching", Boolean(needle));
      count.textContent = countText(needle, hits, shown);
      if (needle) list.scrollTop = 0; // show the first match, not wherever the list was
      else scrollToCurrent();
    }

    function countText(needle, hits, shown) {
      if (!needle) return "";
      if (!hits) return "No matches";
      const found = `${hits} ${hits === 1 ? "match" : "matches"} in ${shown} ${shown === 1 ? "line" : "lines"}`;
      return needle.length < HIGHLIGHT_FROM ? `${found}; type one more letter to highlight` : found;
    }

    /** A hit's line shows the end of the sentence before it and the rest of its own sentence. */
    function setContext(i, on) {
      const line = lines[i];
      const prev = lines[i - 1];
      const next = lines[i + 1];
      const before = on && prev && !SENTENCE_END.test(prev.text) ? `${clip(prev.text, CONTEXT_CHARS, true)} ` : "";
      const after = on && next && !SENTENCE_END.test(line.text) ? ` ${clip(next.text, CONTEXT_CHARS, false)}` : "";
      line.before.textContent = before;
      line.before.hidden = !before;
      line.after.textContent = after;
      line.after.hidden = !after;
    }

    /** Where needle starts in text, left to right, without overlaps. */
    function occurrences(text, needle) {
      const at = [];
      for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) at.push(i);
      return at;
    }

    /** Put <mark>s around the matches at `starts` (built from text nodes, never HTML). */
    function mark(line, starts, length) {
      const parts = [];
      let from = 0;
      for (const at of starts) {
        parts.push(line.text.slice(from, at), h("mark", { text: line.text.slice(at, at + length) }));
        from = at + length;
      }
      parts.push(line.text.slice(from));
      line.textEl.replaceChildren(...parts.filter((p) => p !== ""));
      line.marked = true;
    }

    function unmark(line) {
      line.textEl.textContent = line.text;
      line.marked = false;
    }

    function setTime(seconds) {
      const index = lineAt(seconds);
      if (index === current) return;
      lines[current]?.el.classList.remove("is-current");
      lines[current]?.el.removeAttribute("aria-current");
      current = index;
      lines[current]?.el.classList.add("is-current");
      lines[current]?.el.setAttribute("aria-current", "true");
      scrollToCurrent();
    }

    /** Index of the last line starting at or before `seconds` (binary search), or -1. */
    function lineAt(seconds) {
      let lo = 0;
      let hi = lines.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (lines[mid].start <= seconds) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found;
    }

    function scrollToCurrent() {
      const line = lines[current];
      if (!following || !line || input.value.trim() || !list.clientHeight) return;
      const top = Math.max(0, line.el.offsetTop - list.clientHeight / 3);
      list.scrollTop = top;
    }

    /** Fill the search box and filter at once (a topic chip does this). */
    function searchFor(query) {
      input.value = query;
      search(query);
    }

    return { el, show, showMessage, setTime, search: searchFor, refresh: scrollToCurrent };
  }

  globalThis.GlanceTranscriptView = { create };
})();
