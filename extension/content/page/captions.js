// Glance: caption bodies and caption tracks. Parses the timedtext bodies that
// YouTube's player fetches (json3 first; srv3 / legacy XML as a fallback) into
// {start, duration, text} segments, reads what a timedtext URL says about its
// track, and picks the track to read. Pure functions, no DOM queries, no chrome.*:
// a plain script that also loads into a blank page for the unit tests.
// Exposes globalThis.GlanceCaptions.

(() => {
  const NAMED_ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

  // "&amp;#39;" stays "&#39;" (one level of decoding, like the player does).
  function decodeEntities(text) {
    return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
      if (name[0] === "#") {
        const hex = name[1] === "x" || name[1] === "X";
        const code = parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      const known = NAMED_ENTITIES[name.toLowerCase()];
      return known === undefined ? whole : known;
    });
  }

  // One caption line as a person would read it: no line breaks, single spaces.
  function cleanText(text) {
    return decodeEntities(String(text)).replace(/[\s\u200b]+/g, " ").trim();
  }

  const seconds = (ms) => Math.round(Number(ms)) / 1000;

  // Auto-generated ("asr") tracks show two rolling lines, so each cue stays on
  // screen until the next one ends: cut every cue at the start of the next one.
  // Cues with the same start and the same text (repeats) are dropped.
  function tidy(cues) {
    cues.sort((a, b) => a.start - b.start);
    const out = [];
    for (const cue of cues) {
      const last = out[out.length - 1];
      if (last?.start === cue.start && last.text === cue.text) continue;
      out.push(cue);
    }
    return out.map((cue, i) => {
      const next = out[i + 1];
      let duration = cue.duration;
      if (next?.start > cue.start && (duration == null || cue.start + duration > next.start)) {
        duration = next.start - cue.start;
      }
      return { start: round3(cue.start), duration: round3(Math.max(0, duration || 0)), text: cue.text };
    });
  }

  const round3 = (x) => Math.round(x * 1000) / 1000;

  // json3: {"events": [{"tStartMs", "dDurationMs", "segs": [{"utf8"}]}]}.
  // Window/style events have no "segs"; asr tracks add "\n"-only append events.
  function parseJson3(body) {
    const data = typeof body === "string" ? JSON.parse(body) : body;
    const events = Array.isArray(data?.events) ? data.events : null;
    if (!events) throw new Error("not a json3 caption body");
    const cues = [];
    for (const event of events) {
      if (!Array.isArray(event?.segs)) continue;
      // A missing tStartMs is 0 (protobuf leaves out zero values); null or junk is skipped.
      const startMs = event.tStartMs === undefined ? 0 : event.tStartMs !== null ? Number(event.tStartMs) : NaN;
      if (!Number.isFinite(startMs)) continue;
      const text = cleanText(event.segs.map((seg) => (typeof seg?.utf8 === "string" ? seg.utf8 : "")).join(""));
      if (!text) continue;
      const dur = Number(event.dDurationMs);
      cues.push({ start: seconds(startMs), duration: Number.isFinite(dur) ? seconds(dur) : null, text });
    }
    return tidy(cues);
  }

  // srv3 (<p t="ms" d="ms">) and legacy (<text start="s" dur="s">) XML; needs DOMParser.
  function parseXml(body) {
    const doc = new DOMParser().parseFromString(body, "text/xml");
    if (doc.getElementsByTagName("parsererror").length) throw new Error("caption XML does not parse");
    const cues = [];
    for (const p of doc.getElementsByTagName("p")) {
      cues.push({ start: seconds(p.getAttribute("t") || 0), duration: p.hasAttribute("d") ? seconds(p.getAttribute("d")) : null, text: cleanText(stripTags(p.textContent)) });
    }
    for (const t of doc.getElementsByTagName("text")) {
      const dur = parseFloat(t.getAttribute("dur"));
      cues.push({ start: parseFloat(t.getAttribute("start")) || 0, duration: Number.isFinite(dur) ? dur : null, text: cleanText(stripTags(t.textContent)) });
    }
    return tidy(cues.filter((cue) => cue.text));
  }

  const stripTags = (text) => text.replace(/<\/?[a-z][^<>]*>/gi, "");

  // Any timedtext body the player may get; throws when it is none of them.
  function parseTimedText(body) {
    const text = String(body || "").trim();
    if (!text) throw new Error("empty caption body");
    return text[0] === "{" ? parseJson3(text) : parseXml(text);
  }

  // What a timedtext URL says: the video, the language and the kind of track.
  function trackFromUrl(url) {
    let params;
    try {
      params = new URL(url, "https://www.youtube.com/").searchParams;
    } catch {
      return null;
    }
    const translated = params.get("tlang");
    return {
      videoId: params.get("v") || null,
      language: translated || params.get("lang") || null,
      kind: translated || params.get("kind") === "asr" ? "generated" : "manual",
    };
  }

  // One shape for tracks from the player's tracklist ({languageCode, kind,
  // vss_id, languageName}) and from the player response ({languageCode, kind,
  // vssId, name: {simpleText | runs}}). `raw` is kept to hand back to the player.
  function normalizeTrack(raw) {
    if (!raw || typeof raw !== "object" || typeof raw.languageCode !== "string" || !raw.languageCode) return null;
    const vss = String(raw.vssId || raw.vss_id || "");
    const name = raw.languageName || raw.name?.simpleText || (raw.name?.runs || []).map((r) => r.text).join("") || "";
    return { language: raw.languageCode, kind: raw.kind === "asr" || vss.startsWith("a.") ? "generated" : "manual", name: String(name), raw };
  }

  // The languages to try, best first: the setting, then the browser's languages,
  // each followed by its base language ("en-GB" then "en").
  function preferredLanguages(setting, browserLanguages) {
    const out = [];
    for (const code of [setting, ...(browserLanguages || [])]) {
      if (!code || typeof code !== "string") continue;
      for (const c of [code, code.split("-")[0]]) if (!out.includes(c.toLowerCase())) out.push(c.toLowerCase());
    }
    return out;
  }

  // Choose a track for the first preferred language that has one, in this order:
  // manual with the exact code, manual in the same base language ("en-GB" for
  // "en"), auto-generated exact, auto-generated related; else the first manual
  // track, else the first track. Returns a normalized track or null.
  function chooseTrack(rawTracks, preferred) {
    const tracks = (rawTracks || []).map(normalizeTrack).filter(Boolean);
    if (!tracks.length) return null;
    const byKind = (list) => list.find((t) => t.kind === "manual") || list[0];
    const base = (code) => code.toLowerCase().split("-")[0];
    for (const code of preferred || []) {
      const exact = tracks.filter((t) => t.language.toLowerCase() === code);
      const related = tracks.filter((t) => base(t.language) === base(code));
      const pick = exact.find((t) => t.kind === "manual") || related.find((t) => t.kind === "manual") || exact[0] || related[0];
      if (pick) return pick;
    }
    return byKind(tracks);
  }

  globalThis.GlanceCaptions = { parseJson3, parseTimedText, trackFromUrl, normalizeTrack, preferredLanguages, chooseTrack };
})();
