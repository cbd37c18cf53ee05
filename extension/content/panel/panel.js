// The panel: a shadow root holding a compact top bar (the views' tabs, copy all, close),
// one line of facts, the timeline strip and the views (the summary cards, the transcript, Ask),
// in one of the states loading / ready / empty / error. The page shows the video's title
// already, so the panel names it only for screen readers. It renders the cards JSON with
// textContent only and never looks at YouTube's DOM (main.js does). Views are a list
// (VIEWS): another tab is one more entry and its element. Exposes globalThis.GlancePanel.

(() => {
  // Closed: page scripts get null from host.shadowRoot, so they cannot read the cards shown
  // (YouTube's page may carry third-party scripts). The browser tests' copy of the extension
  // opens it (tests/e2e/conftest.py), since Playwright's locators only see into open roots.
  const SHADOW_MODE = "closed";
  const { h, append, icon, ICONS } = GlanceDom;
  const F = GlanceFormat;
  const TOAST_MS = 1600;
  // The panel's views, in tab order.
  const VIEWS = [
    { name: "summary", label: "Summary" },
    { name: "transcript", label: "Transcript" },
    { name: "ask", label: "Ask" },
  ];

  /** el.replaceChildren(...children) without the null/false ones (they would show as "null"). */
  const fill = (el, ...children) => {
    el.replaceChildren();
    return append(el, children);
  };

  /**
   * create({videoId, dark, onSeek(seconds), onRetry(), onClose(), onOpenSettings(), markdown(cards) -> reply promise})
   * -> {host, root, shown (a promise: styled and visible), loading(step), ready(cards, {duration, pageTitle, partialEnd}), error(err, context),
   *     transcript(segments), transcriptMessage(text), setTime(seconds), setTheme(dark), setPlacement(p),
   *     replaceCards(cards), statusSlot}
   */
  function create({ videoId, dark, onSeek, onRetry, onClose, onOpenSettings, markdown }) {
    const host = h("div", { id: "glance-panel", "data-state": "loading", "data-video-id": videoId, "data-theme": dark ? "dark" : "light" });
    const root = host.attachShadow({ mode: SHADOW_MODE });
    let cards = null;
    let pageTitle = null;
    let timeline = null;
    let chapterLinks = [];
    let readyOptions = {};
    let lastTime = null;

    const style = h("link", { rel: "stylesheet", href: chrome.runtime.getURL("content/panel/panel.css") });
    const shell = h("div", { class: "panel", role: "complementary", "aria-label": "Glance summary", hidden: true });
    // The panel shows once its styles are in (never unstyled); `shown` resolves then.
    const shown = new Promise((resolve) => {
      const show = () => resolve((shell.hidden = false));
      style.addEventListener("load", show);
      style.addEventListener("error", show);
    });
    root.append(style, shell);

    const copyAll = GlanceCardsView.button("copy-markdown", "Copy all", "Copy the summary as Markdown", ICONS.copy, () =>
      copy(copyAll, keptMarkdown(), "Summary copied as Markdown"),
    );
    copyAll.hidden = true;
    const close = h("button", { type: "button", class: "icon-button", "data-action": "close", "aria-label": "Close Glance", title: "Close Glance" }, icon(ICONS.close));
    close.addEventListener("click", onClose);
    // Copy feedback sits in the bar, so it never covers a card.
    const toast = h("span", { class: "toast", role: "status", "aria-live": "polite" });
    const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": "Glance views" });
    // The name shows while there are no tabs (loading, errors), so the bar is never blank.
    const brand = h("span", { class: "brand", text: "Glance" });
    const bar = h("div", { class: "bar" }, tabs, brand, h("span", { class: "spacer" }), toast, copyAll, close);
    const head = h("header", { class: "head" });
    const strip = h("div", { class: "strip" });
    const transcriptView = GlanceTranscriptView.create({ videoId, onHits: (starts) => timeline?.setHits(starts) });
    const askView = GlanceAskView.create({ videoId });
    const views = {
      summary: h("div", { class: "view", id: "glance-summary", role: "tabpanel", "data-view": "summary" }),
      transcript: h("div", { class: "view", id: "glance-transcript", role: "tabpanel", "data-view": "transcript" }, transcriptView.el),
      ask: h("div", { class: "view", id: "glance-ask", role: "tabpanel", "data-view": "ask" }, askView.el),
    };
    const summary = views.summary;
    // Filled by summary-status.js: the card-set switch, the "being written" line, the More menu.
    const statusSlot = h("div", { class: "summary-status", "data-status": "idle", hidden: true });
    shell.append(bar, head, strip, ...VIEWS.map((v) => views[v.name]));

    const tabButtons = VIEWS.map((v) =>
      h("button", { type: "button", role: "tab", class: "tab", "data-tab": v.name, "aria-controls": `glance-${v.name}`, text: v.label }),
    );
    tabs.append(...tabButtons);
    tabs.addEventListener("click", (e) => e.target.closest("[role=tab]") && selectTab(e.target.closest("[role=tab]").dataset.tab));
    tabs.addEventListener("keydown", (e) => {
      const step = { ArrowLeft: -1, ArrowRight: 1 }[e.key];
      if (!step) return;
      const at = tabButtons.findIndex((b) => b.getAttribute("aria-selected") === "true");
      const next = tabButtons[(at + step + tabButtons.length) % tabButtons.length];
      selectTab(next.dataset.tab);
      next.focus();
    });
    function selectTab(name) {
      for (const b of tabButtons) {
        b.setAttribute("aria-selected", String(b.dataset.tab === name));
        b.tabIndex = b.dataset.tab === name ? 0 : -1;
      }
      for (const v of VIEWS) views[v.name].hidden = v.name !== name;
      shell.dataset.tab = name;
      if (name === "transcript") transcriptView.refresh();
      if (name === "ask") askView.focus();
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

    /** One line of facts: channel · date · length · who speaks. The title is for screen readers. */
    function header(video) {
      const title = video.title || pageTitle || "This video";
      const who = F.people(video.people);
      const facts = [video.channel, F.date(video.published), video.duration ? F.duration(video.duration) : null, who ? `With ${who}` : null].filter(Boolean);
      fill(head,
        h("h2", { class: "title", title, text: title }),
        facts.length ? h("p", { class: "facts", title: facts.join(" · "), text: facts.join(" · ") }) : null);
    }

    function loading(step) {
      setState("loading");
      host.dataset.step = step;
      tabs.hidden = true;
      fill(head, h("div", { class: "sk sk-facts" }));
      fill(summary,
        h("p", { class: "step", role: "status" }, h("span", { class: "dot" }), step),
        ...[0, 1, 2].map(() => h("div", { class: "sk-card" }, h("div", { class: "sk sk-line" }), h("div", { class: "sk sk-line short" }))));
      selectTab("summary");
    }

    function ready(data, opts) {
      cards = data;
      readyOptions = opts;
      pageTitle = opts.pageTitle || null;
      delete host.dataset.step;
      header(data.video || {});
      const duration = Number(opts.duration) || 0;
      timeline = duration > 0 ? GlanceTimeline.create({ duration, chapters: data.chapters, ideas: data.ideas, quotes: data.quotes, onSeek }) : null;
      fill(strip, timeline ? timeline.el : null);
      const rendered = GlanceCardsView.render(data, {
        videoId,
        title: data.video?.title || pageTitle,
        copy,
        onTopic: (topic) => {
          selectTab("transcript");
          transcriptView.search(topic);
        },
      });
      chapterLinks = rendered.chapterLinks;
      const sections = rendered.sections;
      fill(summary, statusSlot, partialNote(data, duration, opts.partialEnd), ...sections, provenance(data.meta));
      tabs.hidden = false;
      copyAll.hidden = sections.length === 0;
      if (!sections.length) {
        fill(summary, h("div", { class: "notice" }, h("p", { class: "notice-title", text: "Nothing to summarize yet" }), h("p", { text: "Glance found too little in this video's transcript to make cards. The transcript is still here." })));
        setState("empty");
      } else {
        setState("ready");
        keepMarkdown();
      }
    }

    /** err: {code, message, ...}; context: see GlanceMessages.forError (e.g. noPageCaptions). */
    function error(err, context) {
      const m = GlanceMessages.forError(err, context);
      delete host.dataset.step;
      setState("error", err.code);
      tabs.hidden = true;
      if (!cards) head.replaceChildren();
      const actions = h("div", { class: "actions" });
      if (!m.noRetry) actions.append(GlanceCardsView.button("retry", "Retry", "Try again", ICONS.retry, onRetry, "primary"));
      if (m.settings) actions.append(GlanceCardsView.button("open-settings", "Settings", "Open Glance settings", ICONS.settings, onOpenSettings));
      const paragraph = (parts) => h("p", null, parts.map((part) => (typeof part === "string" ? part : h("code", { text: part.code }))).flatMap((n, i) => (i ? [" ", n] : [n])));
      fill(summary,
        h("div", { class: "notice", role: "alert" },
          h("p", { class: "notice-title", text: m.title }),
          m.paragraphs.map(paragraph),
          actions));
      selectTab("summary");
    }

    /** Cards made from part of the transcript say so: how far it reaches, and that nothing was kept. */
    function partialNote(data, duration, end) {
      if (!data.meta?.partial) return null;
      const reach = end > 0 && duration > 0 ? ` It stops at ${F.time(end)} of ${F.time(duration)}.` : "";
      return h("p", { class: "note", role: "note", "data-note": "partial",
        text: `Made from part of the transcript: YouTube did not load the rest.${reach} Nothing was saved; Glance reads the transcript again the next time you open this video.` });
    }

    /** One quiet line on where the cards come from, so people can judge them. */
    function provenance(meta) {
      const text = F.provenance(meta);
      return text ? h("p", { class: "provenance", text }) : null;
    }

    /** The cards as Markdown, written by the server (the one Markdown writer); the page's title
     * stands in for one the cards lack. Rejects with the server's reason when it cannot. */
    async function markdownText() {
      const video = { ...(cards.video || {}), title: cards.video?.title || pageTitle || null };
      const reply = await markdown({ ...cards, video });
      if (reply?.ok) return reply.data.markdown;
      const reason = GlanceMessages.forError(reply?.error || {}).title;
      throw Object.assign(new Error(reason), { toast: `Copying failed: ${reason}.` });
    }

    // The Markdown of the cards shown, asked for as soon as they show: Copy all then works
    // even when the service stops answering before the click. {promise, text once written}.
    let kept = null;
    function keepMarkdown() {
      const asked = { promise: markdownText() };
      asked.promise.then((text) => (asked.text = text), () => (asked.failed = true));
      kept = asked;
    }

    /** The kept text; else the pending request; else (it failed) a new one, asked at the click. */
    function keptMarkdown() {
      if (kept?.text !== undefined) return kept.text;
      if (!kept || kept.failed) keepMarkdown();
      return kept.promise;
    }

    let toastTimer = 0;
    /** Copy `text`, a string or a promise of one: a promise goes into the clipboard item itself,
     * so the click still allows writing to the clipboard when the text arrives later. */
    async function copy(buttonEl, text, done) {
      const label = buttonEl.querySelector(".label");
      const before = buttonEl.dataset.label || label.textContent;
      buttonEl.dataset.label = before;
      try {
        if (typeof text === "string") await navigator.clipboard.writeText(text);
        else await navigator.clipboard.write([new ClipboardItem({ "text/plain": text.then((t) => new Blob([t], { type: "text/plain" })) })]);
        label.textContent = "Copied";
        buttonEl.classList.add("is-done");
        toast.textContent = done;
      } catch {
        // The clipboard's own error hides why a promised text failed: ask the promise.
        const cause = typeof text === "string" ? null : await text.then(() => null, (err) => err);
        label.textContent = "Copy failed";
        toast.textContent = cause?.toast || "Copying failed: the page did not allow the clipboard.";
      }
      clearTimeout(toastTimer);
      toastTimer = setTimeout(() => (toast.textContent = ""), TOAST_MS);
      setTimeout(() => {
        label.textContent = before;
        buttonEl.classList.remove("is-done");
      }, TOAST_MS);
    }

    /** Other cards for the same video (the model's arrived): in place, keeping the tab and the scroll. */
    function replaceCards(data) {
      const scrolled = summary.scrollTop;
      ready(data, { ...readyOptions, duration: Number(data.video?.duration) || readyOptions.duration });
      summary.scrollTop = scrolled;
      if (lastTime !== null) setTime(lastTime);
    }

    function setTime(seconds) {
      lastTime = seconds;
      timeline?.setTime(seconds);
      transcriptView.setTime(seconds);
      let currentChapter = null;
      for (const c of chapterLinks) if (c.start <= seconds) currentChapter = c;
      for (const c of chapterLinks) c.el.classList.toggle("is-current", c === currentChapter);
    }

    return {
      host,
      root, // the closed shadow root: only Glance's own scripts hold it
      shown,
      loading,
      ready,
      error,
      transcript: (segments) => transcriptView.show(segments),
      transcriptMessage: (text) => transcriptView.showMessage(text),
      setTime,
      setTheme: (isDark) => (host.dataset.theme = isDark ? "dark" : "light"),
      setPlacement: (placement) => (host.dataset.placement = placement),
      replaceCards,
      statusSlot,
    };
  }

  globalThis.GlancePanel = { create };
})();
