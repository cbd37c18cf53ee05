// A fake "Show transcript" panel for the transcript-source tests, in YouTube's
// older markup (ytd-transcript-segment-renderer) or its 2026 markup
// (transcript-segment-view-model), as FAKE.panel.markup says. The button sits in
// the description; the segments arrive in two batches after a short delay.
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

  const modern = cfg.markup === "new";
  const panel = make("ytd-engagement-panel-section-list-renderer", {
    "target-id": modern ? "PAmodern_transcript_view" : "engagement-panel-searchable-transcript",
    visibility: "ENGAGEMENT_PANEL_VISIBILITY_HIDDEN",
  });
  const header = make("div", { id: "header" });
  const close = make("div", { id: "visibility-button" });
  const closeButton = make("button", { "aria-label": "Close transcript" }, "×");
  close.append(closeButton);
  header.append(make("span", {}, "Transcript"), close);
  const list = make("div", { id: "segments-container" });
  panel.append(header, list);
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

  const row = ([time, text]) => {
    if (modern) {
      const seg = make("transcript-segment-view-model", { class: "ytwTranscriptSegmentViewModelHost" });
      seg.append(make("div", { class: "ytwTranscriptSegmentViewModelTimestamp" }, time),
        make("span", { class: "ytwTranscriptSegmentViewModelTimestampA11yLabel" }, "a spoken time label"),
        make("span", { class: "ytAttributedStringHost", role: "text" }, text));
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

  button.addEventListener("click", () => {
    window.fakePanelLog.push("open");
    panel.setAttribute("visibility", "ENGAGEMENT_PANEL_VISIBILITY_EXPANDED");
    window.scrollTo(0, 400); // YouTube scrolls to the panel
    if (list.childElementCount) return;
    const half = Math.ceil(cfg.segments.length / 2);
    setTimeout(() => list.append(...cfg.segments.slice(0, half).map(row)), 150);
    setTimeout(() => list.append(...cfg.segments.slice(half).map(row)), 350);
  });
  closeButton.addEventListener("click", () => {
    window.fakePanelLog.push("close");
    panel.setAttribute("visibility", "ENGAGEMENT_PANEL_VISIBILITY_HIDDEN");
  });
})();
