// Entry point of the content script: one panel for the video on screen. Per video it
// aborts the previous video's work, mounts a fresh panel, and walks the flow: stored
// cards -> transcript read from the page and POSTed -> server fetch; then the transcript
// tab. Replies for an older video are dropped. Opened by the toolbar button or settings.
// It joins the two halves: content/page/ reads YouTube (GlanceYouTube, GlanceTranscriptSource),
// content/panel/ draws the sidebar (GlancePanel, GlanceSummaryStatus). Exposes nothing.

(() => {
  const YT = GlanceYouTube;
  const QUICK_MS = 5_000 + 2_000; // the worker's own timeouts plus a margin for its start-up
  const TRANSCRIPT_MS = 15_000 + 2_000;
  const GENERATE_MS = 45_000 + 2_000; // a YouTube fetch and the offline summary: an LLM's cards never hold this up
  const PAGE_READ_MS = 45_000; // a bound over the page reader's own per-source limits (transcript-source.js)
  const MASTHEAD_PX = 64; // YouTube's fixed top bar (56 px) and a little air: what scrolling leaves uncovered

  let session = null; // {videoId, controller, panel}
  let open = false; // the person wants the panel: autoOpen setting, then the toolbar button
  let started = false; // init() has read the settings and follows the video
  let earlyClicks = 0; // toolbar clicks that arrived while init() was still reading the settings
  let reveal = false; // the person just clicked the button: the next panel is scrolled into sight

  if (!chrome.runtime?.id) return;
  // Listen first, synchronously: a click on the toolbar button right after the page loads
  // must not be lost while the settings are read (it is applied once they are).
  chrome.runtime.onMessage.addListener((message) => {
    if (message?.type !== "glance:toggle") return;
    if (started) toggle();
    else earlyClicks += 1;
  });
  init();

  async function init() {
    const settings = await ask({ type: "settings" }, null, QUICK_MS);
    // Nothing was shown yet, so an odd number of early clicks means "open it".
    open = Boolean(settings.ok && settings.data.autoOpen) || earlyClicks % 2 === 1;
    reveal = earlyClicks % 2 === 1;
    started = true;
    YT.onVideoChange((videoId) => (videoId && open ? start(videoId) : stop()));
  }

  function toggle() {
    if (session) {
      open = false;
      stop();
      return;
    }
    open = true;
    const videoId = YT.currentVideoId();
    reveal = true;
    if (videoId) start(videoId);
  }

  function stop() {
    session?.controller.abort();
    session?.panel.host.remove();
    session = null;
  }

  /** Replace whatever panel is shown with a fresh one for videoId and fill it. */
  function start(videoId) {
    stop();
    if (!chrome.runtime?.id) return; // this copy of Glance was unloaded (extension updated)
    for (const stray of document.querySelectorAll("#glance-panel")) stray.remove();
    const controller = new AbortController();
    const { signal } = controller;
    const panel = GlancePanel.create({
      videoId,
      dark: YT.isDark(),
      onSeek: seek,
      onRetry: () => start(videoId),
      onClose: () => {
        open = false;
        stop();
      },
      onOpenSettings: () => ask({ type: "open-options" }, null, QUICK_MS),
      markdown: (cards) => ask({ type: "markdown", videoId, cards }, null, QUICK_MS),
    });
    session = { videoId, controller, panel };
    YT.onThemeChange((dark) => panel.setTheme(dark), signal);
    followPlayback(panel, signal);
    session.reveal = reveal; // asked for by a click: scrolled into sight when it sits below the video
    mount(panel, signal, reveal);
    reveal = false;
    run(videoId, panel, signal);
  }

  /** Put the panel at the top of the right column (or below the player) and keep it there. */
  function mount(panel, signal, reveal) {
    const place = () => {
      const point = YT.mountPoint();
      if (!point || signal.aborted) return;
      if (panel.host.parentNode !== point.parent) point.parent.insertBefore(panel.host, point.before);
      panel.setPlacement(point.placement);
    };
    YT.waitForMountPoint(signal)
      .then(() => {
        place();
        // On a narrow window the panel sits under the description, often below the fold:
        // a click on the button that showed nothing visible would look broken.
        if (reveal) panel.shown.then(() => requestAnimationFrame(() => revealBelow(panel)));
        YT.onLayoutChange(place, signal);
        // YouTube re-renders parts of the page; put the panel back if it was removed.
        const observer = new MutationObserver(() => !panel.host.isConnected && place());
        observer.observe(document.body, { childList: true, subtree: true });
        signal.addEventListener("abort", () => observer.disconnect(), { once: true });
      })
      .catch(() => {});
  }

  /** Media events do not bubble, but a capturing listener on document sees them all. */
  function followPlayback(panel, signal) {
    const update = (e) => {
      if (!e.target.matches?.(YT.SELECTORS.video) || YT.isAdPlaying()) return; // an ad's clock is not the video's
      panel.setTime(e.target.currentTime);
    };
    for (const type of ["timeupdate", "seeked", "loadedmetadata"]) {
      document.addEventListener(type, update, { capture: true, signal });
    }
  }

  function seek(seconds) {
    const video = YT.video();
    if (!video || !Number.isFinite(seconds)) return;
    video.currentTime = seconds;
    video.play()?.catch(() => {});
    session?.panel.setTime(seconds);
    // With the panel below the video (narrow windows), a seek is only useful if the video is
    // seen: bring it back when less than half of it is in view.
    const box = video.getBoundingClientRect();
    const seen = Math.min(box.bottom, innerHeight) - Math.max(box.top, MASTHEAD_PX);
    if (seen < Math.min(box.height, innerHeight - MASTHEAD_PX) / 2) scrollToTop(video);
  }

  /**
   * On a narrow window the panel sits under the description, often below the fold: a click
   * on the button that showed nothing visible would look broken. Done when it is placed and
   * again once it has its content (the page may not have been tall enough to scroll before).
   */
  function revealBelow(panel) {
    if (panel.host.dataset.placement !== "below") return;
    const top = panel.host.getBoundingClientRect().top;
    if (top < MASTHEAD_PX || top > innerHeight / 2) scrollToTop(panel.host);
  }

  /** Scroll the page so `el` starts just under YouTube's masthead. */
  function scrollToTop(el) {
    window.scrollBy({ top: el.getBoundingClientRect().top - MASTHEAD_PX, behavior: "instant" });
  }

  async function run(videoId, panel, signal) {
    panel.loading("Looking for a saved summary…");
    let reply = await ask({ type: "stored", videoId }, signal, QUICK_MS);
    if (signal.aborted) return;
    let fromPage = null;
    let pageRead = false; // the page was searched for captions
    if (!reply.ok && reply.error.code === "not_found") {
      if (globalThis.GlanceTranscriptSource?.read) {
        panel.loading("Reading transcript…");
        fromPage = await readFromPage(videoId, signal);
        pageRead = true;
        if (signal.aborted) return;
      }
      if (fromPage?.transcript?.segments?.length) {
        panel.loading("Summarizing…");
        reply = await ask({ type: "submit", videoId, transcript: fromPage.transcript, video: fromPage.video }, signal, GENERATE_MS);
        if (signal.aborted) return;
      }
      if (!fromPage?.transcript?.segments?.length || ["no_transcript", "invalid_request"].includes(reply.error?.code)) {
        panel.loading("Fetching the transcript and summarizing…");
        reply = await ask({ type: "generate", videoId }, signal, GENERATE_MS);
        if (signal.aborted) return;
      }
    }
    const shown = () => session?.panel === panel && session.reveal && revealBelow(panel);
    if (!reply.ok) {
      panel.error(reply.error, { noPageCaptions: pageRead && !fromPage?.transcript?.segments?.length });
      return shown();
    }
    if (reply.data.video_id && reply.data.video_id !== videoId) return; // not this video's cards
    // Cards made from part of a transcript: the service kept neither, so the part read is shown as it is.
    const partial = reply.data.meta?.partial && fromPage?.transcript?.segments?.length ? fromPage.transcript.segments : null;
    const partialEnd = partial ? Math.max(...partial.map((s) => s.start + (s.duration || 0))) : null;
    panel.ready(reply.data, { duration: durationOf(reply.data), pageTitle: YT.pageMeta().title, partialEnd });
    globalThis.GlanceSummaryStatus?.follow({ videoId, panel, cards: reply.data, ask, signal });
    shown();
    const video = YT.video();
    if (video) panel.setTime(video.currentTime);

    const transcript = partial ? { ok: true, data: { segments: partial } } : await ask({ type: "transcript", videoId }, signal, TRANSCRIPT_MS);
    if (signal.aborted) return;
    if (transcript.ok) panel.transcript(transcript.data.segments);
    else if (fromPage?.transcript) panel.transcript(fromPage.transcript.segments);
    else panel.transcriptMessage(`The transcript couldn't be loaded. ${GlanceMessages.forError(transcript.error).title}.`);
    if (video) panel.setTime(video.currentTime);
  }

  /** The transcript and metadata read from the page (captions the player fetched, else YouTube's transcript panel); null if it fails. */
  async function readFromPage(videoId, signal) {
    const settings = await ask({ type: "settings" }, signal, QUICK_MS);
    const language = (settings.ok && settings.data.language) || null;
    const timeout = new Promise((resolve) => setTimeout(resolve, PAGE_READ_MS, null));
    try {
      return await Promise.race([globalThis.GlanceTranscriptSource.read(videoId, { signal, language }), timeout]);
    } catch {
      return null;
    }
  }

  /** The video's length: the cards say it; else the player; else the last moment mentioned. */
  function durationOf(cards) {
    const fromCards = Number(cards.video?.duration);
    if (fromCards > 0) return fromCards;
    const fromPlayer = YT.video()?.duration;
    if (Number.isFinite(fromPlayer) && fromPlayer > 0) return fromPlayer;
    const starts = [...(cards.ideas || []), ...(cards.quotes || []), ...(cards.chapters || [])].map((x) => Number(x.start) || 0);
    return starts.length ? Math.max(...starts) * 1.05 + 10 : 0;
  }

  /**
   * Ask the service worker; resolve {ok, data} or {ok: false, error}. Never rejects and
   * never hangs: a guard timer answers `timeout` if the worker does not.
   */
  function ask(message, signal, timeoutMs) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, error: { code: "timeout", message: "No answer in time." } }), timeoutMs);
      const done = (value) => {
        clearTimeout(timer);
        resolve(value);
      };
      signal?.addEventListener("abort", () => done({ ok: false, error: { code: "aborted" } }), { once: true });
      try {
        chrome.runtime.sendMessage(message).then(
          (reply) => done(reply || { ok: false, error: { code: "extension_error", message: "The worker gave no answer." } }),
          () => done({ ok: false, error: { code: chrome.runtime?.id ? "extension_error" : "extension_reloaded", message: "Glance's worker is not answering." } }),
        );
      } catch {
        done({ ok: false, error: { code: "extension_reloaded" } });
      }
    });
  }
})();
