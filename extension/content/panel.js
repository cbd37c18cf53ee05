// The panel: a shadow root holding the header, timeline, the summary cards and the
// transcript tab, in one of the states loading / ready / empty / error. It renders the
// cards JSON with textContent only and never looks at YouTube's DOM (main.js does).
// Exposes globalThis.GlancePanel.

(() => {
  // Closed: page scripts get null from host.shadowRoot, so they cannot read the cards shown
  // (YouTube's page may carry third-party scripts). The browser tests' copy of the extension
  // opens it (tests/e2e/conftest.py), since Playwright's locators only see into open roots.
  const SHADOW_MODE = "closed";
  const { h, icon, ICONS } = GlanceDom;
  const F = GlanceFormat;

  /**
   * create({videoId, dark, onSeek(seconds), onRetry(), onClose(), onOpenSettings()})
   * -> {host, loading(step), ready(cards, {duration, pageTitle}), empty(cards), error(err, context),
   *     transcript(segments), transcriptMessage(text), setTime(seconds), setTheme(dark), setPlacement(p)}
   */
  function create({ videoId, dark, onSeek, onRetry, onClose, onOpenSettings }) {
    const host = h("div", { id: "glance-panel", "data-state": "loading", "data-video-id": videoId, "data-theme": dark ? "dark" : "light" });
    const root = host.attachShadow({ mode: SHADOW_MODE });
    let cards = null;
    let pageTitle = null;
    let timeline = null;
    let chapterLinks = [];

    const style = h("link", { rel: "stylesheet", href: chrome.runtime.getURL("content/panel.css") });
    const shell = h("div", { class: "panel", role: "complementary", "aria-label": "Glance summary", hidden: true });
    style.addEventListener("load", () => (shell.hidden = false));
    style.addEventListener("error", () => (shell.hidden = false));
    root.append(style, shell);

    const copyAll = button("copy-markdown", "Copy all", "Copy the summary as Markdown", ICONS.copy, () =>
      copy(copyAll, F.markdown(cards, { videoId, title: pageTitle }), "Summary copied as Markdown"),
    );
    copyAll.hidden = true;
    const close = h("button", { type: "button", class: "icon-button", "data-action": "close", "aria-label": "Close Glance", title: "Close" }, icon(ICONS.close));
    close.addEventListener("click", onClose);
    const head = h("header", { class: "head" });
    const bar = h("div", { class: "bar" }, h("span", { class: "brand", text: "Glance" }), h("span", { class: "spacer" }), copyAll, close);
    const strip = h("div", { class: "strip" });
    const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": "Glance views" });
    const summary = h("div", { class: "view", id: "glance-summary", role: "tabpanel", "data-view": "summary" });
    const transcriptView = GlanceTranscriptView.create({ videoId });
    const transcriptPane = h("div", { class: "view", id: "glance-transcript", role: "tabpanel", "data-view": "transcript", hidden: true }, transcriptView.el);
    const toast = h("div", { class: "toast", role: "status", "aria-live": "polite" });
    shell.append(bar, head, strip, tabs, summary, transcriptPane, toast);

    const tabButtons = ["summary", "transcript"].map((name) =>
      h("button", { type: "button", role: "tab", class: "tab", "data-tab": name, "aria-controls": `glance-${name}`, text: name === "summary" ? "Summary" : "Transcript" }),
    );
    tabs.append(...tabButtons);
    tabs.addEventListener("click", (e) => e.target.closest("[role=tab]") && selectTab(e.target.closest("[role=tab]").dataset.tab));
    tabs.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
      const next = tabButtons.find((b) => b.getAttribute("aria-selected") !== "true");
      selectTab(next.dataset.tab);
      next.focus();
    });
    function selectTab(name) {
      for (const b of tabButtons) {
        b.setAttribute("aria-selected", String(b.dataset.tab === name));
        b.tabIndex = b.dataset.tab === name ? 0 : -1;
      }
      summary.hidden = name !== "summary";
      transcriptPane.hidden = name !== "transcript";
      if (name === "transcript") transcriptView.refresh();
    }
    selectTab("summary");

    // Every [data-seek] seeks the video; modified clicks on real links open them as links.
    root.addEventListener("click", (e) => {
      const target = e.target.closest("[data-seek]");
      if (!target) return;
      if (target.tagName === "A" && target.getAttribute("href") !== "#" && (e.ctrlKey || e.metaKey || e.shiftKey || e.button === 1)) return;
      e.preventDefault();
      onSeek(Number(target.dataset.seek));
    });

    function setState(state, code) {
      host.dataset.state = state;
      if (code) host.dataset.error = code;
      else delete host.dataset.error;
    }

    function header(video) {
      const facts = [video.channel, F.date(video.published), video.duration ? F.duration(video.duration) : null].filter(Boolean);
      const who = F.people(video.people);
      // filtered: the DOM's replaceChildren shows a null child as the text "null"
      head.replaceChildren(...[
        h("h2", { class: "title", title: video.title || pageTitle || null, text: video.title || pageTitle || "This video" }),
        facts.length ? h("p", { class: "facts", text: facts.join(" · ") }) : null,
        who ? h("p", { class: "people", text: `With ${who}` }) : null,
      ].filter(Boolean));
    }

    function loading(step) {
      setState("loading");
      host.dataset.step = step;
      tabs.hidden = true;
      head.replaceChildren(h("div", { class: "sk sk-title" }), h("div", { class: "sk sk-facts" }));
      summary.replaceChildren(
        h("p", { class: "step", role: "status" }, h("span", { class: "dot" }), step),
        ...[0, 1, 2].map(() => h("div", { class: "sk-card" }, h("div", { class: "sk sk-line" }), h("div", { class: "sk sk-line short" }))),
      );
      selectTab("summary");
    }

    function ready(data, opts) {
      cards = data;
      pageTitle = opts.pageTitle || null;
      delete host.dataset.step;
      header(data.video || {});
      const duration = Number(opts.duration) || 0;
      timeline = duration > 0 ? GlanceTimeline.create({ duration, chapters: data.chapters, ideas: data.ideas, quotes: data.quotes, onSeek }) : null;
      strip.replaceChildren(timeline ? timeline.el : "");
      const sections = [about(data.about), ideas(data.ideas), quotes(data.quotes), topics(data.topics), chapters(data.chapters)].filter(Boolean);
      summary.replaceChildren(...sections, provenance(data.meta));
      tabs.hidden = false;
      copyAll.hidden = sections.length === 0;
      if (!sections.length) {
        summary.replaceChildren(h("div", { class: "notice" }, h("p", { class: "notice-title", text: "Nothing to summarize yet" }), h("p", { text: "Glance found too little in this video's transcript to make cards. The transcript is still here." })));
        setState("empty");
      } else setState("ready");
    }

    /** err: {code, message, ...}; context: see GlanceMessages.forError (e.g. noPageCaptions). */
    function error(err, context) {
      const m = GlanceMessages.forError(err, context);
      delete host.dataset.step;
      setState("error", err.code);
      tabs.hidden = true;
      if (!cards) head.replaceChildren();
      const actions = h("div", { class: "actions" });
      if (!m.noRetry) actions.append(button("retry", "Retry", "Try again", ICONS.retry, onRetry, "primary"));
      if (m.settings) actions.append(button("open-settings", "Settings", "Open Glance settings", ICONS.settings, onOpenSettings));
      summary.replaceChildren(
        h("div", { class: "notice", role: "alert" },
          h("p", { class: "notice-title", text: m.title }),
          h("p", null, m.body.map((part) => (typeof part === "string" ? part : h("code", { text: part.code }))).flatMap((n, i) => (i ? [" ", n] : [n]))),
          actions),
      );
      selectTab("summary");
    }

    /** One quiet line on where the cards come from, so people can judge them. */
    function provenance(meta) {
      const text = F.provenance(meta);
      return text ? h("p", { class: "provenance", text }) : null;
    }

    function about(a) {
      if (!a || (!a.headline && !a.points?.length)) return null;
      return section("about", "What it's really about",
        a.headline ? h("p", { class: "headline", text: a.headline }) : null,
        a.points?.length ? h("ol", { class: "points" }, a.points.map((p) => h("li", { text: p }))) : null);
    }

    function ideas(list) {
      if (!list?.length) return null;
      return section("ideas", "Ideas worth remembering",
        h("ol", { class: "ideas" }, list.map((idea) =>
          h("li", { class: "idea" },
            h("div", { class: "idea-head" }, h("strong", { text: idea.title }), timeLink(idea.start)),
            idea.detail ? h("p", { text: idea.detail }) : null))));
    }

    function quotes(list) {
      if (!list?.length) return null;
      return section("quotes", "Words worth saving",
        list.map((q) => {
          const copyButton = button("copy-quote", "Copy", "Copy quote", ICONS.copy, () =>
            copy(copyButton, F.quoteCitation(q, { videoId, title: cards.video?.title || pageTitle }), "Quote copied"), "quiet");
          return h("figure", { class: "quote", "data-quote": "" },
            h("blockquote", { text: q.text }),
            h("figcaption", null, q.speaker ? h("span", { class: "speaker", text: q.speaker }) : null, timeLink(q.start), h("span", { class: "spacer" }), copyButton));
        }));
    }

    function topics(list) {
      if (!list?.length) return null;
      return section("topics", "Topics",
        h("ul", { class: "chips" }, list.map((t) => h("li", null, h("button", {
          type: "button", class: "chip", "data-action": "search-topic", title: "Find in the transcript", text: t,
          onclick: () => { selectTab("transcript"); transcriptView.search(t); },
        })))));
    }

    function chapters(list) {
      const items = (list || []).filter((c) => F.start(c.start) !== null);
      if (!items.length) return null;
      chapterLinks = items.map((c) => ({ start: F.start(c.start), el: h("a", { class: "chapter", href: link(c.start), dataset: { seek: String(F.start(c.start)) } }, h("span", { class: "time", text: F.time(c.start) }), h("span", { text: c.title })) }));
      return section("chapters", "Chapters", h("ol", { class: "chapters" }, chapterLinks.map((c) => h("li", null, c.el))));
    }

    function section(name, title, ...children) {
      return h("section", { class: "section", "data-section": name, "aria-label": title }, h("h3", { text: title }), children);
    }

    const link = (seconds) => `/watch?v=${videoId}&t=${Math.floor(seconds)}s`;
    function timeLink(seconds) {
      const s = F.start(seconds);
      return s === null ? null : h("a", { class: "time", href: link(s), dataset: { seek: String(s) }, "aria-label": `Play from ${F.time(s)}`, text: F.time(s) });
    }

    function button(action, label, aria, iconPath, onClick, kind = "") {
      const b = h("button", { type: "button", class: `button ${kind}`.trim(), "data-action": action, "aria-label": aria, title: aria }, icon(iconPath), h("span", { class: "label", text: label }));
      b.addEventListener("click", onClick);
      return b;
    }

    async function copy(buttonEl, text, done) {
      const label = buttonEl.querySelector(".label");
      const before = label.textContent;
      try {
        await navigator.clipboard.writeText(text);
        label.textContent = "Copied";
        buttonEl.classList.add("is-done");
        toast.textContent = done;
      } catch {
        label.textContent = "Copy failed";
        toast.textContent = "Copying failed: the page did not allow the clipboard.";
      }
      setTimeout(() => {
        label.textContent = before;
        buttonEl.classList.remove("is-done");
        toast.textContent = "";
      }, 1600);
    }

    function setTime(seconds) {
      timeline?.setTime(seconds);
      transcriptView.setTime(seconds);
      let currentChapter = null;
      for (const c of chapterLinks) if (c.start <= seconds) currentChapter = c;
      for (const c of chapterLinks) c.el.classList.toggle("is-current", c === currentChapter);
    }

    return {
      host,
      loading,
      ready,
      empty: ready,
      error,
      transcript: (segments) => transcriptView.show(segments),
      transcriptMessage: (text) => transcriptView.showMessage(text),
      setTime,
      setTheme: (isDark) => (host.dataset.theme = isDark ? "dark" : "light"),
      setPlacement: (placement) => (host.dataset.placement = placement),
    };
  }

  globalThis.GlancePanel = { create };
})();
