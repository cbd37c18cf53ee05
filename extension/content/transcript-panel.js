// Glance: reading YouTube's own "Show transcript" panel (layer 2). Opens the
// panel if the user has not, waits until its segments stop arriving, reads them
// (the older ytd-transcript-segment-renderer markup and the 2026
// transcript-segment-view-model markup), then closes it again and puts the
// scroll position and focus back. Selectors come from GlanceYouTube.SOURCES.panel (youtube.js);
// waiting from GlanceWait (wait.js).
"use strict";

var GlanceTranscriptPanel = (() => {
  const POLL_MS = 100;
  const STABLE_POLLS = 3;

  const cfg = () => GlanceYouTube.SOURCES.panel;
  const firstMatch = (root, selectors) => {
    for (const sel of selectors) {
      const el = root.querySelector(sel);
      if (el) return el;
    }
    return null;
  };
  const isOpen = (container) => container.getAttribute(cfg().visibilityAttribute) === cfg().expanded;

  // [{container, markup, rows}] for every transcript panel that has segments.
  function panelsWithSegments(doc) {
    const found = [];
    for (const sel of cfg().containers) {
      for (const container of doc.querySelectorAll(sel)) {
        for (const markup of cfg().markups) {
          const rows = container.querySelectorAll(markup.segment);
          if (rows.length) found.push({ container, markup, rows });
        }
      }
    }
    return found.sort((a, b) => Number(isOpen(b.container)) - Number(isOpen(a.container)));
  }

  const cleanText = (text) => String(text || "").replace(/\s+/g, " ").trim();

  // Segments with start from the row's timestamp and duration up to the next row.
  function readRows(rows, markup, videoDuration) {
    const cues = [];
    for (const row of rows) {
      const timeEl = row.querySelector(markup.time);
      const textEl = row.querySelector(markup.text);
      const start = timeEl ? GlancePageData.parseClock(cleanText(timeEl.textContent)) : null;
      const text = textEl ? cleanText(textEl.textContent) : "";
      if (start !== null && text) cues.push({ start, text });
    }
    return cues.map((cue, i) => {
      const next = cues[i + 1];
      const end = next ? next.start : videoDuration > cue.start ? Math.min(videoDuration, cue.start + 10) : cue.start;
      return { start: cue.start, duration: Math.max(0, end - cue.start), text: cue.text };
    });
  }

  // The track named in the panel's language menu: kind from "(auto-generated)",
  // language by matching the menu label to the player's track names.
  function trackOf(container, tracks) {
    const label = firstMatch(container, cfg().languageLabel) || firstMatch(container.ownerDocument, cfg().languageLabel);
    const name = label ? cleanText(label.textContent) : "";
    if (!name) return { kind: null, language: tracks.length === 1 ? tracks[0].language : null };
    const kind = cfg().generatedLabel.test(name) ? "generated" : "manual";
    const match = tracks.find((t) => t.name && cleanText(t.name) === name) || tracks.find((t) => t.name && name.startsWith(cleanText(t.name)) && t.kind === kind);
    return { kind, language: match ? match.language : null };
  }

  // Wait (bounded) until some panel's segment count is non-zero and steady.
  async function waitForSegments(doc, signal, timeoutMs) {
    const until = Date.now() + timeoutMs;
    let last = -1;
    let steady = 0;
    while (Date.now() < until) {
      const best = panelsWithSegments(doc)[0];
      const count = best ? best.rows.length : 0;
      steady = count > 0 && count === last ? steady + 1 : 0;
      last = count;
      if (steady >= STABLE_POLLS) return best;
      await GlanceWait.sleep(POLL_MS, signal);
    }
    return last > 0 ? panelsWithSegments(doc)[0] : null;
  }

  function close(doc, containers) {
    for (const container of containers) {
      if (!isOpen(container)) continue;
      const button = firstMatch(container, cfg().closeButtons);
      if (button) button.click();
      if (isOpen(container)) container.setAttribute(cfg().visibilityAttribute, cfg().hidden);
    }
  }

  // Read the transcript panel for `videoId`, or null. `tracks` are normalized
  // caption tracks (for the language), `videoDuration` bounds the last segment.
  async function read(videoId, { signal, timeoutMs = 6000, doc = document, tracks = [], videoDuration = null } = {}) {
    const flexy = doc.querySelector(GlanceYouTube.SOURCES.dom.watchFlexy);
    const showsVideo = () => !flexy || !flexy.getAttribute("video-id") || flexy.getAttribute("video-id") === videoId;
    if (!showsVideo()) return null;
    const openBefore = new Set();
    for (const sel of cfg().containers) for (const c of doc.querySelectorAll(sel)) if (isOpen(c)) openBefore.add(c);
    const view = doc.defaultView;
    const scroll = [view.scrollX, view.scrollY];
    const focused = doc.activeElement;
    let result = null;
    try {
      if (!panelsWithSegments(doc).some((p) => isOpen(p.container))) {
        const button = firstMatch(doc, cfg().openButtons);
        if (!button) return null;
        button.click();
      }
      const found = await waitForSegments(doc, signal, timeoutMs);
      const segments = found && showsVideo() ? readRows(found.rows, found.markup, videoDuration) : [];
      if (segments.length) result = { ...trackOf(found.container, tracks), source: "panel", segments };
    } finally {
      const openedByUs = [];
      for (const sel of cfg().containers) for (const c of doc.querySelectorAll(sel)) if (!openBefore.has(c)) openedByUs.push(c);
      close(doc, openedByUs);
      if (view.scrollX !== scroll[0] || view.scrollY !== scroll[1]) view.scrollTo(scroll[0], scroll[1]);
      if (focused && focused !== doc.activeElement && typeof focused.focus === "function") focused.focus({ preventScroll: true });
    }
    return result && { language: result.language, kind: result.kind, source: "panel", segments: result.segments };
  }

  return { read, readRows };
})();
