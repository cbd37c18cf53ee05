// Text formats: times, dates, links to a moment, the quote citation and the provenance line.
// Pure functions of the cards JSON; no DOM. (The Markdown of Copy all is the server's: one writer,
// server/markdown.py.) Exposes globalThis.GlanceFormat.

(() => {
  /** 75 -> "1:15", 3723 -> "1:02:03". */
  function time(seconds) {
    const total = Math.max(0, Math.floor(Number(seconds) || 0));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, "0");
    return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
  }

  /** 5848 -> "1 h 37 min", 754 -> "12 min", 40 -> "40 s". */
  function duration(seconds) {
    const total = Math.round(Number(seconds) || 0);
    if (total < 60) return `${total} s`;
    const minutes = Math.round(total / 60);
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h ? `${h} h ${m} min` : `${m} min`;
  }

  /** "2020-05-08" -> "May 8, 2020" (in the browser's language); other text is kept. */
  function date(text) {
    if (!text) return null;
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
    if (!match) return String(text);
    const when = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
    return when.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  }

  /** The short link to a moment: https://youtu.be/ID?t=SECONDS. */
  function momentUrl(videoId, seconds) {
    return `https://youtu.be/${videoId}?t=${Math.max(0, Math.floor(Number(seconds) || 0))}`;
  }

  /** A finite start time in seconds, or null. */
  function start(value) {
    const n = Number(value);
    return value !== null && value !== "" && Number.isFinite(n) && n >= 0 ? n : null;
  }

  /** "Lex Fridman (host), Ilya Sutskever (guest)". */
  function people(list) {
    return (list || [])
      .filter((p) => p?.name)
      .map((p) => (p.role ? `${p.name} (${p.role})` : p.name))
      .join(", ");
  }

  /** Who a quote is from: its speaker when known, else "via" the channel that published it (the
   * channel did not necessarily say it); null when neither is known. */
  function attribution(quote, channel) {
    if (quote.speaker) return quote.speaker;
    return channel ? `via ${channel}` : null;
  }

  /** `"text" — Speaker, “Title” (https://youtu.be/ID?t=SECONDS)`: the title reads as a title, not as
   * a person; without a speaker the channel stands in ("via Channel"); unknown parts are left out. */
  function quoteCitation(quote, { videoId, title, channel }) {
    const source = [attribution(quote, channel), title ? `“${title}”` : null].filter(Boolean).join(", ");
    const link = momentUrl(videoId, quote.start);
    return `"${quote.text}"${source ? ` — ${source}` : ""} (${link})`;
  }

  /** `Idea title: detail — Title (https://youtu.be/ID?t=SECONDS)`, like a quote's citation. */
  function ideaCitation(idea, { videoId, title }) {
    const body = [idea.title, idea.detail].filter(Boolean).join(": ");
    const at = start(idea.start);
    return `${body}${title ? ` — “${title}”` : ""}${at !== null ? ` (${momentUrl(videoId, at)})` : ""}`;
  }

  /** Display typography only (copies keep the text as it is): captions' "--" becomes a dash. */
  function prose(text) {
    return String(text ?? "").replace(/\s*(?:--+|\u2014)\s*/g, " — ").trim();
  }

  /**
   * One sentence on where the cards come from, from cards.meta; never the server's
   * internal names. Cards a fallback wrote (meta.fallback) say so, with the server's
   * one-sentence meta.fallback_reason when it gives one. null without a meta.
   */
  function provenance(meta) {
    if (!meta) return null;
    const captions = { manual: "the creator's captions", generated: "YouTube's automatic captions" }[meta.transcript] || "the video's captions";
    const summarizer = String(meta.summarizer || "");
    if (meta.origin === "curated") return `Curated summary from ${captions}.`;
    if (meta.fallback === true) {
      const reason = typeof meta.fallback_reason === "string" ? meta.fallback_reason.trim() : "";
      if (reason) return `${reason} Summarized on your computer from ${captions} instead.`;
      return `The language model was unavailable; summarized on your computer from ${captions} instead.`;
    }
    if (/^llm\b/i.test(summarizer)) return `Written by ${meta.model ? String(meta.model) : "a language model"} from ${captions}.`;
    if (/^extractive\b/i.test(summarizer)) return `Summarized on your computer from ${captions}.`;
    return `Summarized from ${captions}.`;
  }

  globalThis.GlanceFormat = { time, duration, date, start, people, quoteCitation, ideaCitation, prose, provenance };
})();
