// Glance: reading YouTube's own "Show transcript" panel (layer 2). Opens the
// panel if the user has not, waits until its rows stop arriving (they stream in
// batches after the panel appears; scrolling the list to its end may load more),
// reads them in any of the three 2026 panel variants, then closes the panel again
// and puts the scroll position and focus back. The result says whether it covers
// the video (`partial`), so a transcript that stops early is never sent as whole.
// Selectors come from GlanceYouTube.SELECTORS.transcriptPanel (youtube.js); waiting from
// GlanceWait (wait.js). Exposes globalThis.GlanceTranscriptPanel.

(() => {
  // YouTube's batches arrive up to ~1 s apart; peers poll 150-250 ms for up to 8 s.
  const POLL_MS = 150;
  const QUIET_MS = 1500; // no new row for this long: the list has stopped growing
  const SCROLL_TRIES = 3; // scroll to the end this often when the rows stop short of the end

  const PANEL = GlanceYouTube.SELECTORS.transcriptPanel;
  const firstMatch = (root, selectors) => {
    for (const sel of selectors) {
      const el = root.querySelector(sel);
      if (el) return el;
    }
    return null;
  };
  const isOpen = (container) => container.getAttribute(PANEL.visibilityAttribute) === PANEL.expanded;

  // [{container, markup, rows}] for every transcript panel that has rows; open ones first.
  function panelsWithSegments(doc) {
    const found = [];
    for (const sel of PANEL.containers) {
      for (const container of doc.querySelectorAll(sel)) {
        for (const markup of PANEL.markups) {
          const rows = container.querySelectorAll(markup.segment);
          if (rows.length) found.push({ container, markup, rows });
        }
      }
    }
    return found.sort((a, b) => Number(isOpen(b.container)) - Number(isOpen(a.container)));
  }

  const cleanText = (text) => String(text || "").replace(/\s+/g, " ").trim();

  // The text a sighted reader sees: screen-reader-only labels ("1 minute, 43 seconds") left out.
  function visibleText(el) {
    if (!el) return "";
    const hidden = PANEL.screenReaderOnly.join(", ");
    let out = "";
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) out += child.nodeValue;
        else if (child.nodeType === 1 && !child.matches(hidden)) walk(child);
        out += child.nodeType === 1 ? " " : "";
      }
    };
    walk(el);
    return cleanText(out);
  }

  // "1 minute, 43 seconds" (English) for 103: a label that slipped into the text anyway.
  function spokenTime(seconds) {
    const parts = [];
    const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    const unit = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
    if (h) parts.push(unit(h, "hour"));
    if (m) parts.push(unit(m, "minute"));
    if (s || !parts.length) parts.push(unit(s, "second"));
    return parts.join(", ");
  }

  // The row's text element: the first match that is not inside its timestamp.
  function textOf(row, markup, timeEl) {
    for (const el of row.querySelectorAll(markup.text)) {
      if (!timeEl?.contains(el)) return visibleText(el);
    }
    return "";
  }

  // Segments ({start, duration, text}) and chapter headings ({start, title}) in list order.
  function readRows(rows, markup, videoDuration) {
    const cues = [];
    const headings = [];
    let pendingHeading = null;
    const list = rows.length ? rows[0].parentNode : null;
    const items = list && markup.heading
      ? [...(rows[0].closest(PANEL.containers.join(", ")) || list).querySelectorAll(`${markup.segment}, ${markup.heading}`)]
      : [...rows];
    for (const item of items) {
      if (markup.heading && item.matches(markup.heading)) {
        const title = visibleText(firstMatch(item, markup.headingText || []) || item);
        if (title) pendingHeading = title;
        continue;
      }
      const timeEl = item.querySelector(markup.time);
      const clock = /(\d{1,2}:)?\d{1,2}:\d{2}/.exec(visibleText(timeEl));
      const start = clock ? GlancePageData.parseClock(clock[0]) : null;
      let text = textOf(item, markup, timeEl);
      const spoken = start === null ? "" : spokenTime(start);
      if (spoken && text.toLowerCase().startsWith(spoken)) text = cleanText(text.slice(spoken.length));
      if (start === null || !text) continue;
      if (pendingHeading) headings.push({ start, title: pendingHeading });
      pendingHeading = null;
      cues.push({ start, text });
    }
    const segments = cues.map((cue, i) => {
      const next = cues[i + 1];
      const end = next ? next.start : videoDuration > cue.start ? Math.min(videoDuration, cue.start + 10) : cue.start;
      return { start: cue.start, duration: Math.max(0, end - cue.start), text: cue.text };
    });
    return { segments, headings };
  }

  // How far a transcript may stop before the end of the video and still be whole:
  // closing music and credits, at most 5 minutes. The service uses the same rule.
  const slack = (expectedEnd) => Math.min(300, Math.max(30, 0.2 * expectedEnd));

  /** True when the segments reach (nearly) to expectedEnd, or when that end is unknown. */
  function covers(segments, expectedEnd) {
    if (!(expectedEnd > 0)) return true;
    const last = segments[segments.length - 1];
    const end = last ? last.start + Math.max(last.duration || 0, 10) : 0;
    return end >= expectedEnd - slack(expectedEnd);
  }

  // The track named in the panel's language menu: kind from "(auto-generated)",
  // language by matching the menu label to the player's track names.
  function trackOf(container, tracks) {
    const label = firstMatch(container, PANEL.languageLabel) || firstMatch(container.ownerDocument, PANEL.languageLabel);
    const name = label ? cleanText(label.textContent) : "";
    if (!name) return { kind: null, language: tracks.length === 1 ? tracks[0].language : null };
    const kind = PANEL.generatedLabel.test(name) ? "generated" : "manual";
    const match = tracks.find((t) => t.name && cleanText(t.name) === name) || tracks.find((t) => t.name && name.startsWith(cleanText(t.name)) && t.kind === kind);
    return { kind, language: match ? match.language : null };
  }

  // The nearest scrollable box around the rows (the panel's list), or null.
  function scroller(row, container) {
    for (let el = row.parentElement; el && el !== container.parentElement; el = el.parentElement) {
      if (el.scrollHeight > el.clientHeight + 1) return el;
    }
    return null;
  }

  // Scroll the list to its end, as a reader would, so YouTube renders the rows it holds
  // back. False when the list does not scroll (everything is in view already).
  function scrollToEnd(found, scrolled) {
    const last = found.rows[found.rows.length - 1];
    const box = scroller(last, found.container);
    if (!box) return false;
    if (!scrolled.has(box)) scrolled.set(box, box.scrollTop);
    box.scrollTop = box.scrollHeight;
    box.dispatchEvent(new Event("scroll"));
    return true;
  }

  // Wait (bounded) until the rows stop arriving: a quiet period with no new row. Then scroll
  // the list to its end once and wait again (the slack of covers() could hide a missing end),
  // and again, up to SCROLL_TRIES, while the rows stop short of `expectedEnd`.
  async function waitForSegments(doc, signal, timeoutMs, expectedEnd, scrolled) {
    const until = Date.now() + timeoutMs;
    let last = 0;
    let changedAt = Date.now();
    let scrolls = 0;
    while (Date.now() < until) {
      const best = panelsWithSegments(doc)[0];
      const count = best ? best.rows.length : 0;
      if (count !== last) {
        last = count;
        changedAt = Date.now();
      } else if (count > 0 && Date.now() - changedAt >= QUIET_MS) {
        const whole = covers(readRows(best.rows, best.markup, expectedEnd).segments, expectedEnd);
        if ((whole && scrolls > 0) || scrolls >= SCROLL_TRIES) return best;
        if (!scrollToEnd(best, scrolled) && whole) return best;
        scrolls += 1;
        changedAt = Date.now();
      }
      await GlanceWait.sleep(POLL_MS, signal);
    }
    return last > 0 ? panelsWithSegments(doc)[0] : null;
  }

  function close(doc, containers) {
    for (const container of containers) {
      if (!isOpen(container)) continue;
      const button = firstMatch(container, PANEL.closeButtons);
      button?.click();
      if (isOpen(container)) container.setAttribute(PANEL.visibilityAttribute, PANEL.hidden);
    }
  }

  // Read the transcript panel for `videoId`, or null. `tracks` are normalized caption
  // tracks (for the language); `videoDuration` bounds the last segment; the transcript
  // must reach `expectedEnd` (the video's length, or its caption track's) to count as whole.
  // Returns {language, kind, source, segments, chapters, partial}.
  async function read(videoId, { signal, timeoutMs = 10000, doc = document, tracks = [], videoDuration = null, expectedEnd = null } = {}) {
    const showsVideo = () => [null, videoId].includes(GlanceYouTube.shownVideoId(doc));
    if (!showsVideo()) return null;
    const end = expectedEnd || videoDuration;
    const openBefore = new Set();
    for (const sel of PANEL.containers) for (const c of doc.querySelectorAll(sel)) if (isOpen(c)) openBefore.add(c);
    const view = doc.defaultView;
    const scroll = [view.scrollX, view.scrollY];
    const focused = doc.activeElement;
    const scrolled = new Map(); // lists we scrolled -> where they were (a panel the person had open)
    let result = null;
    try {
      if (!panelsWithSegments(doc).some((p) => isOpen(p.container))) {
        const button = firstMatch(doc, PANEL.openButtons);
        if (!button) return null;
        button.click();
      }
      const found = await waitForSegments(doc, signal, timeoutMs, end, scrolled);
      const read = found && showsVideo() ? readRows(found.rows, found.markup, videoDuration) : { segments: [], headings: [] };
      if (read.segments.length) {
        result = { ...trackOf(found.container, tracks), source: "panel", segments: read.segments,
          chapters: read.headings, partial: !covers(read.segments, end) };
      }
    } finally {
      const openedByUs = [];
      for (const sel of PANEL.containers) for (const c of doc.querySelectorAll(sel)) if (!openBefore.has(c)) openedByUs.push(c);
      close(doc, openedByUs);
      for (const [box, top] of scrolled) box.scrollTop = top;
      if (view.scrollX !== scroll[0] || view.scrollY !== scroll[1]) view.scrollTo(scroll[0], scroll[1]);
      if (focused && focused !== doc.activeElement && typeof focused.focus === "function") focused.focus({ preventScroll: true });
    }
    return result;
  }

  globalThis.GlanceTranscriptPanel = { read };
})();
