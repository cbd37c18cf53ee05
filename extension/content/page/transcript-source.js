// Glance: where the transcript comes from. Tries, in order, each bounded by a
// short timeout: (1) the caption body YouTube's own player fetched (captured by
// page-hook.js in the main world; captions are turned on only as long as needed
// and the user's setting is put back), (2) YouTube's transcript panel. Returns
// {transcript: null} when both fail, so main.js asks the service (layer 3).
// Exposes globalThis.GlanceTranscriptSource.read(videoId, {signal, language}).

(() => {
  const { SELECTORS, DATA } = GlanceYouTube;
  const MAX_CAPTURE = 8 * 1024 * 1024; // as page-hook.js keeps
  const PLAYER_LAYER_MS = 9000;
  const PANEL_LAYER_MS = 12000; // the panel's rows stream in; its reader waits for them (transcript-panel.js)
  const REPLY_MS = 1000;
  const CAPTION_WAIT_MS = 5000;
  const OWN_REQUEST_WAIT_MS = 3000; // the player's own caption request, when its captions are on
  const AD_WAIT_MS = 20000; // how long to wait for an ad to end before trying the panel instead
  const KEEP = 10;

  const captures = [];
  const waiting = new Map();
  const captureListeners = new Set();
  let seq = 0;
  const idPrefix = `glance-${Math.random().toString(36).slice(2)}-`;

  // Messages come only from page-hook.js, over the private channel hook-channel.js took at
  // document_start. What they carry is still page data (the page's own player and requests):
  // checked here for shape, and each capture for being YouTube's caption URL for the video.
  function onMessage(msg) {
    try {
      if (typeof msg !== "object" || msg === null) return;
      if (msg.type === "timedtext") addCapture(msg.capture);
      else if (msg.type === "reply" && waiting.has(msg.id)) {
        const done = waiting.get(msg.id);
        waiting.delete(msg.id);
        done(msg.ok ? msg.result : null);
      }
    } catch {}
  }

  function isCaptionUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.origin === location.origin && parsed.pathname === DATA.timedtextPath;
    } catch {
      return false;
    }
  }

  function addCapture(capture) {
    if (typeof capture?.url !== "string" || typeof capture.body !== "string") return;
    if (capture.body.length > MAX_CAPTURE || !isCaptionUrl(capture.url)) return;
    if (captures.some((c) => c.url === capture.url && c.at === capture.at)) return;
    captures.push(capture);
    if (captures.length > KEEP) captures.shift();
    for (const listener of captureListeners) listener(capture);
  }

  GlanceHookChannel.onMessage(onMessage);

  // Ask the page hook; resolves null when it does not answer in time.
  function ask(type, extra = {}, timeoutMs = REPLY_MS) {
    return new Promise((resolve) => {
      const id = idPrefix + ++seq;
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve(null);
      }, timeoutMs);
      waiting.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      GlanceHookChannel.send({ type, id, player: SELECTORS.player, ...extra });
    });
  }

  const { sleep, abortError: aborted } = GlanceWait; // wait.js

  // Resolve with the promise's value, or null after `ms` (the work is left to finish on its own).
  function bounded(promise, ms) {
    let timer;
    return Promise.race([promise, new Promise((resolve) => { timer = setTimeout(() => resolve(null), ms); })]).finally(() => clearTimeout(timer));
  }

  // A captured body for this video and track (never an ad's: its URL names another video).
  function matches(capture, videoId, track) {
    const info = GlanceCaptions.trackFromUrl(capture.url);
    return info?.videoId === videoId && (!track || (info.language === track.language && info.kind === track.kind));
  }

  // Resolve with the first capture (already held or arriving) that `test` accepts, or null.
  function waitForCapture(test, signal, timeoutMs) {
    return new Promise((resolve) => {
      const held = [...captures].reverse().find(test);
      if (held) return resolve(held);
      const finish = (value) => {
        clearTimeout(timer);
        captureListeners.delete(listener);
        resolve(value);
      };
      const listener = (capture) => test(capture) && finish(capture);
      const timer = setTimeout(() => finish(null), timeoutMs);
      captureListeners.add(listener);
      signal?.addEventListener("abort", () => finish(null), { once: true });
    });
  }

  function captionTracks(state, playerResponse, videoId) {
    if (Array.isArray(state?.tracklist) && state.tracklist.length) return state.tracklist;
    const { paths } = DATA;
    const fromResponse = (r) => (r && GlancePageData.dig(r, paths.videoId) === videoId ? GlancePageData.dig(r, paths.captionTracks) : null);
    return fromResponse(playerResponse) || fromResponse(GlancePageData.inlineJson(document, DATA.inlinePlayerResponse)) || [];
  }

  // True when the player's captions are on with this track.
  function showing(state, track) {
    const current = state.on && GlanceCaptions.normalizeTrack(state.track);
    return current?.language === track.language && current.kind === track.kind;
  }

  // Layer 1: the player's own caption body (json3), for the preferred track.
  async function fromPlayer(videoId, { signal, language, state }) {
    if (!state) return null; // no page hook or no player
    if (GlanceYouTube.isAdPlaying()) {
      const until = Date.now() + AD_WAIT_MS;
      while (GlanceYouTube.isAdPlaying() && Date.now() < until) await sleep(250, signal);
      if (GlanceYouTube.isAdPlaying()) return null;
      // What the player showed during the ad was the ad's; read it again for the video.
      const now = await ask("state");
      if (now) state = { ...now, playerResponse: state.playerResponse };
    }
    const tracks = captionTracks(state, state.playerResponse, videoId);
    const track = GlanceCaptions.chooseTrack(tracks, GlanceCaptions.preferredLanguages(language, navigator.languages));
    if (!track) return null; // the video has no captions
    let capture = [...captures].reverse().find((c) => matches(c, videoId, track));
    if (!capture && showing(state, track)) {
      // The player shows this track already, so its own request is on the way (e.g. just after an ad).
      capture = await waitForCapture((c) => matches(c, videoId, track), signal, OWN_REQUEST_WAIT_MS);
    }
    if (!capture) {
      const before = { on: state.on, track: state.track };
      try {
        // The tracklist is only complete once the captions module is loaded.
        const after = await ask("enable", { track: track.raw });
        const better = after?.tracklist?.length && !state.tracklist.length
          ? GlanceCaptions.chooseTrack(after.tracklist, GlanceCaptions.preferredLanguages(language, navigator.languages))
          : null;
        const wanted = better && (better.language !== track.language || better.kind !== track.kind) ? better : track;
        if (wanted !== track) await ask("enable", { track: wanted.raw });
        capture = await waitForCapture((c) => matches(c, videoId, wanted), signal, CAPTION_WAIT_MS);
      } finally {
        await ask("restore", { before });
      }
    }
    if (!capture) return null;
    const segments = GlanceCaptions.parseTimedText(capture.body);
    if (!segments.length) return null;
    const info = GlanceCaptions.trackFromUrl(capture.url);
    return { language: info.language || track.language, kind: info.kind, source: "player", segments };
  }

  // The end of this video's caption track, from any body the player fetched for it (else null).
  function captionTrackEnd(videoId) {
    for (const capture of [...captures].reverse()) {
      if (!matches(capture, videoId, null)) continue;
      try {
        const cues = GlanceCaptions.parseTimedText(capture.body);
        if (cues.length) return Math.max(...cues.map((c) => c.start + c.duration));
      } catch {}
    }
    return null;
  }

  // Layer 2: the transcript panel. A read that stops well before the end of the video is
  // sent marked `partial`, so the service neither stores it nor keeps cards made from it.
  // Its chapter headings become the video's chapters when the page data has none.
  async function fromPanel(videoId, { signal, state, video }) {
    const tracks = captionTracks(state, state?.playerResponse, videoId).map(GlanceCaptions.normalizeTrack).filter(Boolean);
    const duration = video?.duration;
    const expectedEnd = Math.max(duration || 0, captionTrackEnd(videoId) || 0) || null;
    const read = await attempt(
      () => GlanceTranscriptPanel.read(videoId, { signal, tracks, videoDuration: duration, expectedEnd }),
      PANEL_LAYER_MS,
      signal,
    );
    if (!read) return null;
    if (video && !video.chapters?.length && read.chapters.length >= 2) {
      video.chapters = read.chapters.filter((c) => !(duration > 0) || c.start < duration);
    }
    const transcript = { language: read.language, kind: read.kind, source: "panel", segments: read.segments };
    if (read.partial) transcript.partial = true;
    return transcript;
  }

  // Run one layer; any failure (YouTube changed something) means "nothing from here".
  async function attempt(layer, ms, signal) {
    try {
      return await bounded(layer(), ms);
    } catch (error) {
      if (signal?.aborted) throw aborted();
      console.debug("Glance: a transcript source failed:", error);
      return null;
    }
  }

  // The transcript and page metadata for `videoId`. Rejects with AbortError when `signal` aborts.
  async function read(videoId, { signal, language } = {}) {
    if (signal?.aborted) throw aborted();
    await ask("captures", {}, 300).then((held) => (Array.isArray(held) ? held.forEach(addCapture) : null));
    const state = await ask("state", { withResponse: true });
    let video = null;
    try {
      video = GlancePageData.collect(videoId, { playerResponse: state?.playerResponse });
    } catch (error) {
      console.debug("Glance: page metadata failed:", error);
    }
    let transcript = await attempt(() => fromPlayer(videoId, { signal, language, state }), PLAYER_LAYER_MS + AD_WAIT_MS, signal);
    if (!transcript) transcript = await fromPanel(videoId, { signal, state, video });
    if (signal?.aborted) throw aborted();
    return { transcript, video };
  }

  globalThis.GlanceTranscriptSource = { read };
})();
