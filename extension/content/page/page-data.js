// Glance: metadata of the video now playing (title, channel, published,
// duration, description, chapters), and the description-chapters parser.
// Sources, best first: the live player's response (handed in by the caller),
// the page's inline data, the DOM. Inline data describes the FIRST video the tab
// loaded, so every source is checked against the video id before it is trusted.
// Selectors, data paths and the ad check come from GlanceYouTube (youtube.js, loaded first).
// Exposes globalThis.GlancePageData.

(() => {
  const { SELECTORS, DATA } = GlanceYouTube;
  const { paths } = DATA;

  // obj[path[0]][path[1]]..., or undefined.
  function dig(obj, path) {
    let cur = obj;
    for (const key of path || []) {
      if (cur == null || typeof cur !== "object") return undefined;
      cur = cur[key];
    }
    return cur;
  }

  // "1:02:03" -> 3723, "4:05" -> 245; null when it is not a timestamp.
  function parseClock(text) {
    const m = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})$/.exec(String(text).trim());
    if (!m || Number(m[3]) > 59 || (m[1] !== undefined && Number(m[2]) > 59)) return null;
    return Number(m[1] || 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  }

  const CLOCK = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}`;
  // A chapter line: the timestamp at the start ("0:00 Intro", "[0:00] Intro",
  // "1. 00:00 - Intro", "0:00-1:30 Intro") or at the end ("Intro - 0:00").
  const LEAD = new RegExp(String.raw`^(?:[-*•▶►>]|\d{1,2}[.)])?\s*[([]?(${CLOCK})[)\]]?(?:\s*[-–—]\s*${CLOCK}[)\]]?)?(?=\s|$|[-–—:|])(.*)$`);
  const TRAIL = new RegExp(String.raw`^(.*?\S)\s*[-–—:|(\[]?\s*(${CLOCK})[)\]]?$`);
  const EDGES = /^[\s\-–—:|•·.,)\]]+|[\s\-–—:|•·(\[]+$/g;

  // The creator's chapters in a description, the way YouTube accepts them: the
  // first at 0:00, times rising, at least three. Lines whose time does not rise
  // (a second list, a stray "at 12:30") are skipped; times past the end of the
  // video (when it is known) are dropped. Returns [] when there are none.
  function parseDescriptionChapters(description, duration) {
    const chapters = [];
    for (const rawLine of String(description || "").split(/\r\n|\r|\n/)) {
      const line = rawLine.replace(/[\u200b\u00a0]/g, " ").trim();
      if (!line || /https?:\/\//i.test(line)) continue;
      let clock = null;
      let title = "";
      const lead = LEAD.exec(line);
      if (lead) {
        clock = lead[1];
        title = lead[2];
      } else {
        const trail = TRAIL.exec(line);
        if (trail) [clock, title] = [trail[2], trail[1]];
      }
      const start = clock === null ? null : parseClock(clock);
      title = title.replace(EDGES, "").trim();
      if (start === null || !title) continue;
      if (!chapters.length && start !== 0) continue;
      if (chapters.length && start <= chapters[chapters.length - 1].start) continue;
      if (duration > 0 && start >= duration) continue;
      chapters.push({ start, title });
    }
    return chapters.length >= 3 ? chapters : [];
  }

  // "2018-08-02T06:00:08-07:00" -> "2018-08-02" (the date as the creator's page shows it).
  function isoDate(value) {
    const m = /^(\d{4}-\d{2}-\d{2})/.exec(String(value || ""));
    return m ? m[1] : null;
  }

  const text = (value) => (typeof value === "string" && value.trim() ? value.trim() : null);
  const int = (value) => (Number.isFinite(Number(value)) && Number(value) > 0 ? Math.round(Number(value)) : null);

  // Metadata from a player response (live or inline), or null if it is about another video.
  function fromPlayerResponse(response, videoId) {
    if (!response || dig(response, paths.videoId) !== videoId) return null;
    const duration = int(dig(response, paths.lengthSeconds));
    const description = typeof dig(response, paths.description) === "string" ? dig(response, paths.description) : null;
    return {
      title: text(dig(response, paths.title)),
      channel: text(dig(response, paths.channel)),
      published: isoDate(dig(response, paths.publishDate)),
      duration,
      description,
      chapters: parseDescriptionChapters(description, duration),
    };
  }

  // YouTube's own creator chapters from ytInitialData-style data, if it is about this video.
  function chaptersFromInitialData(data, videoId) {
    if (!data || dig(data, paths.initialDataVideoId) !== videoId) return [];
    const markers = dig(data, paths.markersMap);
    const entry = Array.isArray(markers) ? markers.find((m) => m?.key === paths.creatorChaptersKey) : null;
    const list = entry ? dig(entry, paths.markersChapters) : null;
    if (!Array.isArray(list)) return [];
    return list
      .map((c) => {
        const r = dig(c, paths.chapterRenderer) || {};
        const title = text(dig(r, paths.chapterTitle));
        const ms = Number(dig(r, paths.chapterStartMs));
        return title && Number.isFinite(ms) ? { start: Math.round(ms) / 1000, title } : null;
      })
      .filter(Boolean);
  }

  // A JSON object assigned in an inline script ("var ytInitialData = {...};").
  function inlineJson(doc, marker) {
    for (const script of doc.querySelectorAll(SELECTORS.inlineScripts)) {
      const body = script.textContent;
      const at = body.indexOf(marker);
      if (at < 0) continue;
      const start = at + marker.length + (/^\s*/.exec(body.slice(at + marker.length, at + marker.length + 20)) || [""])[0].length;
      const end = body[start] === "{" ? objectEnd(body, start) : -1;
      if (end < 0) continue;
      try {
        return JSON.parse(body.slice(start, end + 1));
      } catch {
        continue;
      }
    }
    return null;
  }

  // Index of the "}" that closes the object opening at `start` (strings respected).
  function objectEnd(body, start) {
    let depth = 0;
    let inString = false;
    for (let i = start; i >= 0 && i < body.length; i++) {
      const ch = body[i];
      if (inString) {
        if (ch === "\\") i++;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === "{") depth++;
      else if (ch === "}" && --depth === 0) return i;
    }
    return -1;
  }

  // Metadata from the rendered page, when the watch page shows this video.
  function fromDom(doc, videoId) {
    const shown = GlanceYouTube.shownVideoId(doc);
    if (shown && shown !== videoId) return null;
    const first = (selectors) => {
      for (const sel of selectors) {
        const el = doc.querySelector(sel);
        const value = el && (el.getAttribute("content") || el.textContent);
        if (text(value)) return value.trim();
      }
      return null;
    };
    const video = doc.querySelector(SELECTORS.video);
    const duration = video && !GlanceYouTube.isAdPlaying(doc) && Number.isFinite(video.duration) ? int(video.duration) : null;
    const description = first(SELECTORS.description);
    return {
      title: first(SELECTORS.title),
      channel: first(SELECTORS.channel),
      published: isoDate(first(SELECTORS.published)),
      duration,
      description,
      chapters: parseDescriptionChapters(description, duration),
    };
  }

  // Everything known about `videoId`: live player response, else inline data, else DOM.
  // Missing fields are null; chapters prefer YouTube's own creator-chapter data.
  function collect(videoId, { playerResponse = null, doc = document } = {}) {
    let video = fromPlayerResponse(playerResponse, videoId);
    if (!video) video = fromPlayerResponse(inlineJson(doc, DATA.inlinePlayerResponse), videoId);
    const dom = fromDom(doc, videoId);
    if (!video) video = dom;
    if (!video) return null;
    if (dom) for (const key of Object.keys(video)) if (video[key] == null && dom[key] != null) video[key] = dom[key];
    const own = chaptersFromInitialData(inlineJson(doc, DATA.inlineInitialData), videoId);
    if (own.length) video.chapters = own.filter((c) => !(video.duration > 0) || c.start < video.duration);
    return video;
  }

  globalThis.GlancePageData = { collect, dig, parseDescriptionChapters, parseClock, chaptersFromInitialData, inlineJson };
})();
