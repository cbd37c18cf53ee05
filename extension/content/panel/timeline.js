// The timeline strip under the panel header: the video's length as a bar split into
// chapters, marks where ideas (above) and quotes (below) sit, ticks where a transcript
// search found something, and the playback position moving along it. Under the bar one
// reserved line shows the start and end times and a legend; while the pointer is on the
// strip that same line shows what is there, so the hover text never covers the cards.
// A click seeks. Exposes globalThis.GlanceTimeline.

(() => {
  const { h } = GlanceDom;
  const F = GlanceFormat;

  /**
   * create({duration, chapters, ideas, quotes, onSeek}) -> {el, setTime(seconds), setHits(starts)}
   * duration is the video's length in seconds (> 0).
   */
  function create({ duration, chapters, ideas, quotes, onSeek }) {
    const pct = (t) => `${Math.min(100, Math.max(0, (t / duration) * 100))}%`;
    const parts = chapterParts(chapters, duration);

    const segments = parts.map((part) =>
      h("div", { class: "tl-seg", style: { left: pct(part.start), width: pct(part.end - part.start) } }, h("div", { class: "tl-fill" })),
    );
    const hits = h("div", { class: "tl-hits", "aria-hidden": "true" });
    const cursor = h("div", { class: "tl-cursor" });
    const track = h(
      "div",
      {
        class: "tl-track",
        role: "slider",
        tabindex: "0",
        "aria-label": "Video timeline",
        "aria-valuemin": "0",
        "aria-valuemax": String(Math.round(duration)),
      },
      segments,
      hits,
      cursor,
    );

    const marks = [
      ...(ideas || []).map((idea, i) => ({ kind: "idea", label: `Idea ${i + 1}: ${idea.title}`, start: F.start(idea.start) })),
      ...(quotes || []).map((q) => ({ kind: "quote", label: `Quote: “${q.text}”`, start: F.start(q.start) })),
    ].filter((m) => m.start !== null && m.start <= duration);
    // Ideas sit above the bar, quotes below it, so marks at the same moment stay apart.
    const markRow = (kind) =>
      h(
        "div",
        { class: `tl-marks tl-marks-${kind}` },
        marks
          .filter((m) => m.kind === kind)
          .map((m) =>
            h("a", {
              class: `tl-mark tl-${m.kind}`,
              href: "#",
              dataset: { seek: String(m.start), tip: `${F.time(m.start)} · ${m.label}` },
              "aria-label": `${m.label}, at ${F.time(m.start)}`,
              style: { left: pct(m.start) },
            }),
          ),
      );
    const rows = [markRow("idea"), markRow("quote")];
    const has = (kind) => marks.some((m) => m.kind === kind);
    const hitKey = h("span", { class: "tl-legend-item", hidden: true }, h("i", { class: "tl-key tl-key-hit" }), h("span"));
    const legend = h(
      "span",
      { class: "tl-legend" },
      has("idea") ? h("span", { class: "tl-legend-item" }, h("i", { class: "tl-key tl-key-idea" }), "Ideas") : null,
      has("quote") ? h("span", { class: "tl-legend-item" }, h("i", { class: "tl-key tl-key-quote" }), "Quotes") : null,
      hitKey,
    );
    const tip = h("span", { class: "tl-tip", role: "tooltip", hidden: true });
    const info = h("div", { class: "tl-info" },
      h("span", { class: "tl-time", text: "0:00" }), legend, h("span", { class: "tl-time", text: F.time(duration) }), tip);
    const el = h("div", { class: "timeline", "data-part": "timeline" }, rows[0], track, rows[1], info);

    // Hover: the chapter and time under the pointer, or the mark's own label, in the info line.
    const showTip = (text) => {
      tip.textContent = text;
      tip.hidden = false;
      info.classList.add("is-tip");
    };
    const hideTip = () => {
      tip.hidden = true;
      info.classList.remove("is-tip");
    };
    const timeAt = (clientX) => {
      const box = track.getBoundingClientRect();
      return Math.min(duration, Math.max(0, ((clientX - box.left) / box.width) * duration));
    };
    track.addEventListener("mousemove", (e) => {
      const t = timeAt(e.clientX);
      const part = parts.find((p) => t >= p.start && t < p.end);
      showTip([F.time(t), part?.title].filter(Boolean).join(" · "));
    });
    for (const row of rows) {
      row.addEventListener("mouseover", (e) => {
        const mark = e.target.closest(".tl-mark");
        if (mark) showTip(mark.dataset.tip);
      });
    }
    el.addEventListener("mouseleave", hideTip);

    track.addEventListener("click", (e) => onSeek(timeAt(e.clientX)));
    let now = 0;
    track.addEventListener("keydown", (e) => {
      const steps = { ArrowLeft: -5, ArrowRight: 5, ArrowDown: -5, ArrowUp: 5, PageDown: -60, PageUp: 60 };
      let t = null;
      if (e.key in steps) t = now + steps[e.key];
      else if (e.key === "Home") t = 0;
      else if (e.key === "End") t = duration - 1;
      if (t === null) return;
      e.preventDefault();
      onSeek(Math.min(duration, Math.max(0, t)));
    });

    function setTime(seconds) {
      now = Math.max(0, Number(seconds) || 0);
      cursor.style.left = pct(now);
      parts.forEach((part, i) => {
        const done = (now - part.start) / (part.end - part.start);
        segments[i].firstChild.style.width = `${Math.min(1, Math.max(0, done)) * 100}%`;
      });
      const part = parts.find((p) => now >= p.start && now < p.end);
      track.setAttribute("aria-valuenow", String(Math.round(now)));
      track.setAttribute("aria-valuetext", [`${F.time(now)} of ${F.time(duration)}`, part?.title].filter(Boolean).join(", "));
    }

    /** Ticks where the transcript search found something ([] clears them). */
    function setHits(starts) {
      const inside = [...new Set((starts || []).filter((s) => s >= 0 && s <= duration).map((s) => Math.round(s)))];
      hits.replaceChildren(...inside.map((s) => h("i", { class: "tl-hit", style: { left: pct(s) } })));
      hitKey.hidden = inside.length === 0;
      hitKey.lastChild.textContent = `${(starts || []).length} found`;
    }

    setTime(0);
    return { el, setTime, setHits };
  }

  /** Chapters as [{start, end, title}] covering 0..duration; one untitled part without chapters. */
  function chapterParts(chapters, duration) {
    const sorted = (chapters || [])
      .map((c) => ({ start: F.start(c.start), title: c.title }))
      .filter((c) => c.start !== null && c.start < duration)
      .sort((a, b) => a.start - b.start);
    if (!sorted.length || sorted[0].start > 0) sorted.unshift({ start: 0, title: null });
    return sorted.map((c, i) => ({ ...c, end: i + 1 < sorted.length ? sorted[i + 1].start : duration }));
  }

  globalThis.GlanceTimeline = { create };
})();
