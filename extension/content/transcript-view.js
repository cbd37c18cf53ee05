// The transcript tab of the panel: every line with its time, a search box that filters
// and highlights with a count, click a line to seek, the current line highlighted as the
// video plays, auto-scroll that stops when the person scrolls. Exposes GlanceTranscriptView.

(() => {
  const { h, icon, ICONS } = GlanceDom;
  const F = GlanceFormat;

  /** create({videoId}) -> {el, show(segments), showMessage(text), setTime(seconds), search(query), refresh()} */
  function create({ videoId }) {
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
    const status = h("p", { class: "tr-status", text: "Loading transcript…" });
    const list = h("ol", { class: "tr-lines", "aria-label": "Transcript" });
    const follow = h("button", { type: "button", class: "chip tr-follow", hidden: true, text: "Follow the video" });
    const el = h(
      "section",
      { class: "section", "data-section": "transcript", "aria-label": "Transcript" },
      h("div", { class: "tr-search" }, icon(ICONS.search), input, count),
      status,
      list,
      follow,
    );

    input.addEventListener("input", () => search(input.value));
    input.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && input.value) {
        e.stopPropagation();
        input.value = "";
        search("");
      }
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
        .map((s) => ({ start: F.start(s.start), text: String(s.text ?? ""), speaker: s.speaker || null }))
        .filter((s) => s.start !== null)
        .sort((a, b) => a.start - b.start);
      list.replaceChildren(
        ...lines.map((line, i) => {
          line.textEl = h("span", { class: "tr-text", text: line.text });
          line.el = h(
            "li",
            { class: "tr-line", dataset: { seek: String(line.start), index: String(i) } },
            h("a", { class: "time", href: `/watch?v=${videoId}&t=${Math.floor(line.start)}s`, dataset: { seek: String(line.start) }, text: F.time(line.start) }),
            line.speaker ? h("span", { class: "tr-speaker", text: `${line.speaker}:` }) : null,
            line.textEl,
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
      const needle = query.trim().toLowerCase();
      let hits = 0;
      let shown = 0;
      for (const line of lines) {
        const found = needle ? highlight(line, needle) : (line.textEl.textContent = line.text, 0);
        line.el.hidden = Boolean(needle) && found === 0;
        hits += found;
        if (!line.el.hidden) shown += 1;
      }
      el.toggleAttribute("data-searching", Boolean(needle));
      count.textContent = needle ? (hits ? `${hits} ${hits === 1 ? "match" : "matches"} in ${shown} ${shown === 1 ? "line" : "lines"}` : "No matches") : "";
      if (needle) list.scrollTop = 0; // show the first match, not wherever the list was
      else scrollToCurrent();
    }

    /** Put <mark>s around each match in the line (built from text nodes); return the match count. */
    function highlight(line, needle) {
      const lower = line.text.toLowerCase();
      const parts = [];
      let from = 0;
      let at = lower.indexOf(needle);
      while (at !== -1) {
        parts.push(line.text.slice(from, at), h("mark", { text: line.text.slice(at, at + needle.length) }));
        from = at + needle.length;
        at = lower.indexOf(needle, from);
      }
      if (parts.length) {
        parts.push(line.text.slice(from));
        line.textEl.replaceChildren(...parts.filter((p) => p !== ""));
      } else {
        line.textEl.textContent = line.text;
      }
      return parts.length ? (parts.length - 1) / 2 : 0;
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

    /** Fill the search box and filter (a topic chip does this). */
    function searchFor(query) {
      input.value = query;
      search(query);
    }

    return { el, show, showMessage, setTime, search: searchFor, refresh: scrollToCurrent };
  }

  globalThis.GlanceTranscriptView = { create };
})();
