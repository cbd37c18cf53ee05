// The summary cards as panel sections: what it's about, ideas (with copy), quotes (with
// copy), topics, chapters. Pure rendering of the cards JSON with textContent; the panel
// (panel.js) places the sections and owns the copy feedback. Exposes globalThis.GlanceCardsView.

(() => {
  const { h, icon, ICONS } = GlanceDom;
  const F = GlanceFormat;

  /**
   * render(cards, {videoId, title, copy(button, text, done), onTopic(topic)})
   * -> {sections: [section elements, in order], chapterLinks: [{start, el}]}
   */
  function render(cards, { videoId, title, copy, onTopic }) {
    const link = (seconds) => `/watch?v=${videoId}&t=${Math.floor(seconds)}s`;
    const timeLink = (seconds) => {
      const s = F.start(seconds);
      return s === null ? null : h("a", { class: "time", href: link(s), dataset: { seek: String(s) }, "aria-label": `Play from ${F.time(s)}`, text: F.time(s) });
    };
    const copyButton = (action, aria, text, done) => {
      const b = button(action, "Copy", aria, ICONS.copy, () => copy(b, text(), done), "quiet");
      return b;
    };

    function about(a) {
      if (!a || (!a.headline && !a.points?.length)) return null;
      return section("about", "What it's really about",
        a.headline ? h("p", { class: "headline", text: F.prose(a.headline) }) : null,
        a.points?.length ? h("ol", { class: "points" }, a.points.map((p) => h("li", { text: F.prose(p) }))) : null);
    }

    function ideas(list) {
      if (!list?.length) return null;
      return section("ideas", "Ideas worth remembering",
        h("ol", { class: "ideas" }, list.map((idea) =>
          h("li", { class: "idea", "data-idea": "" },
            h("div", { class: "idea-head" }, h("strong", { text: F.prose(idea.title) }), timeLink(idea.start),
              copyButton("copy-idea", "Copy idea", () => F.ideaCitation(idea, { videoId, title }), "Idea copied")),
            idea.detail ? h("p", { text: F.prose(idea.detail) }) : null))));
    }

    function quotes(list) {
      if (!list?.length) return null;
      return section("quotes", "Words worth saving",
        list.map((q) => h("figure", { class: "quote", "data-quote": "" },
          h("blockquote", { text: F.prose(q.text) }),
          h("figcaption", null, q.speaker ? h("span", { class: "speaker", text: q.speaker }) : null, timeLink(q.start),
            h("span", { class: "spacer" }),
            copyButton("copy-quote", "Copy quote", () => F.quoteCitation(q, { videoId, title, channel: cards.video?.channel }), "Quote copied")))));
    }

    function topics(list) {
      if (!list?.length) return null;
      return section("topics", "Topics",
        h("ul", { class: "chips" }, list.map((t) => h("li", null, h("button", {
          type: "button", class: "chip", "data-action": "search-topic", title: "Find in the transcript", text: t,
          onclick: () => onTopic(t),
        })))));
    }

    const chapterLinks = [];
    function chapters(list) {
      const items = (list || []).filter((c) => F.start(c.start) !== null);
      if (!items.length) return null;
      for (const c of items) {
        const start = F.start(c.start);
        chapterLinks.push({ start, el: h("a", { class: "chapter", href: link(start), dataset: { seek: String(start) } },
          h("span", { class: "time", text: F.time(start) }), h("span", { text: c.title || "Untitled" })) });
      }
      return section("chapters", "Chapters", h("ol", { class: "chapters" }, chapterLinks.map((c) => h("li", null, c.el))));
    }

    const sections = [about(cards.about), ideas(cards.ideas), quotes(cards.quotes), topics(cards.topics), chapters(cards.chapters)].filter(Boolean);
    return { sections, chapterLinks };
  }

  function section(name, title, ...children) {
    return h("section", { class: "section", "data-section": name, "aria-label": title }, h("h3", { text: title }), children);
  }

  /** A labelled button with an icon; `kind` is "", "primary" or "quiet". */
  function button(action, label, aria, iconPath, onClick, kind = "") {
    const b = h("button", { type: "button", class: `button ${kind}`.trim(), "data-action": action, "aria-label": aria, title: aria }, icon(iconPath), h("span", { class: "label", text: label }));
    b.addEventListener("click", onClick);
    return b;
  }

  globalThis.GlanceCardsView = { render, button };
})();
