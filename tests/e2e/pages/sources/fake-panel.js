// A fake "Show transcript" panel for the transcript-source tests, behaving like
// YouTube's: the panel opens empty and its rows stream in afterwards, in batches
// with delays between them (FAKE.panel.batches: [[rows, delayMs], ...]); the last
// FAKE.panel.onScroll rows come only once the list is scrolled to its end; chapter
// headings sit between rows; rows of the 2026 markups carry hidden screen-reader
// time labels ("1 minute, 2 seconds") that are part of their textContent.
// FAKE.panel.markup: "old" (engagement-panel-searchable-transcript), "new"
// (PAmodern_transcript_view) or "macro" (no target id, ytd-macro-markers-list-renderer).
// FAKE.panel.segments: [time, text] rows, or a string for a chapter heading.
(() => {
  const cfg = (window.FAKE || {}).panel;
  if (!cfg) return;
  const make = (tag, attrs = {}, text) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    return el;
  };
  const section = make("ytd-video-description-transcript-section-renderer");
  const button = make("button", { "aria-label": "Show transcript" }, "Show transcript");
  section.append(button);
  document.querySelector("ytd-watch-metadata").append(section);

  const modern = cfg.markup !== "old";
  const panel = make("ytd-engagement-panel-section-list-renderer", { visibility: "ENGAGEMENT_PANEL_VISIBILITY_HIDDEN" });
  if (cfg.markup !== "macro") panel.setAttribute("target-id", modern ? "PAmodern_transcript_view" : "engagement-panel-searchable-transcript");
  const header = make("div", { id: "header" });
  const close = make("div", { id: "visibility-button" });
  const closeButton = make("button", { "aria-label": "Close transcript" }, "×");
  close.append(closeButton);
  header.append(make("span", {}, "Transcript"), close);
  // The rows live in a scrolling box, as on YouTube.
  const list = make("div", { id: "segments-container", style: "height: 240px; overflow-y: auto" });
  if (cfg.markup === "macro") {
    const markers = make("ytd-macro-markers-list-renderer");
    markers.append(list);
    panel.append(header, markers);
  } else {
    panel.append(header, list);
  }
  if (!modern && cfg.label) {
    const footer = make("ytd-transcript-footer-renderer");
    const menu = make("yt-dropdown-menu");
    const paper = make("tp-yt-paper-button");
    paper.append(make("div", { id: "label-text" }, cfg.label));
    menu.append(paper);
    footer.append(menu);
    panel.append(footer);
  }
  document.getElementById("panels").append(panel);
  window.fakePanelLog = [];

  const HIDDEN = "position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0)";
  const spoken = (time) => {
    const [s, m = 0, h = 0] = time.split(":").map(Number).reverse();
    const unit = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
    return [h && unit(h, "hour"), m && unit(m, "minute"), (s || !(h || m)) && unit(s, "second")].filter(Boolean).join(", ");
  };

  const heading = (title) => {
    if (!modern) {
      const el = make("ytd-transcript-section-header-renderer");
      el.append(make("div", { id: "title" }, title));
      return el;
    }
    const el = make("timeline-chapter-view-model");
    const h3 = make("h3");
    h3.append(make("span", { class: "yt-core-attributed-string" }, title));
    el.append(h3);
    return el;
  };

  const row = (entry) => {
    if (typeof entry === "string") return heading(entry);
    const [time, text] = entry;
    if (modern) {
      const seg = make("transcript-segment-view-model", { class: "ytwTranscriptSegmentViewModelHost" });
      const stamp = make("div", { class: "ytwTranscriptSegmentViewModelTimestamp" }, time);
      stamp.append(make("span", { class: "ytwTranscriptSegmentViewModelTimestampA11yLabel", style: HIDDEN }, spoken(time)));
      seg.append(stamp, make("span", { class: "yt-core-attributed-string ytAttributedStringHost", role: "text" }, text));
      return seg;
    }
    const seg = make("ytd-transcript-segment-renderer");
    const inner = make("div", { class: "segment" });
    const offset = make("div", { class: "segment-start-offset" });
    offset.append(make("div", { class: "segment-timestamp" }, time));
    inner.append(offset, make("yt-formatted-string", { class: "segment-text" }, text));
    seg.append(inner);
    return seg;
  };

  const entries = cfg.segments;
  const held = cfg.onScroll ? entries.slice(entries.length - cfg.onScroll) : [];
  const streamed = cfg.onScroll ? entries.slice(0, entries.length - cfg.onScroll) : entries;
  // By default a third of the rows at a time, 0.7 s apart (what a long video does on YouTube).
  const third = Math.ceil(streamed.length / 3);
  const plan = cfg.batches || [[third, 200], [2 * third, 900], [streamed.length, 1600]];

  button.addEventListener("click", () => {
    window.fakePanelLog.push("open");
    panel.setAttribute("visibility", "ENGAGEMENT_PANEL_VISIBILITY_EXPANDED");
    window.scrollTo(0, 400); // YouTube scrolls to the panel
    if (list.childElementCount) return;
    let from = 0;
    for (const [until, delay] of plan) {
      const batch = streamed.slice(from, until);
      from = until;
      setTimeout(() => list.append(...batch.map(row)), delay);
    }
  });
  list.addEventListener("scroll", () => {
    if (!held.length || list.scrollTop + list.clientHeight < list.scrollHeight - 2) return;
    window.fakePanelLog.push("scrolled to the end");
    const more = held.splice(0);
    setTimeout(() => list.append(...more.map(row)), 300);
  });
  closeButton.addEventListener("click", () => {
    window.fakePanelLog.push("close");
    panel.setAttribute("visibility", "ENGAGEMENT_PANEL_VISIBILITY_HIDDEN");
  });
})();
