// Everything Glance knows about YouTube's page: the one selector table (each entry says what
// it finds and where), where YouTube's data says things (caption requests, inline JSON), the
// video id of a watch URL, whether an ad plays, where the panel goes, the theme, and
// navigation events. The panel's files never look at YouTube's DOM; main.js and the page
// readers (captions, page data, transcript panel and source) ask this file.
// Exposes globalThis.GlanceYouTube in the content-script world.

(() => {
  // ---- The selectors: every element Glance finds in YouTube's page, one entry each --------
  // See them on any watch page, e.g. https://www.youtube.com/watch?v=jNQXAC9IVRw. Lists hold
  // one selector per markup YouTube has used, most specific first.
  const SELECTORS = Object.freeze({
    // The watch page's layout element; attribute `is-two-columns_` when the right column
    // exists, `theater` in theater mode, `hidden` while another page type is shown, and
    // `video-id`: the video the page shows now.
    watchFlexy: "ytd-watch-flexy",
    // The right column (recommendations); the panel goes first inside its inner box.
    secondaryInner: "ytd-watch-flexy #secondary #secondary-inner",
    secondary: "ytd-watch-flexy #secondary",
    // Below the player in the left column (title, description, comments): the fallback
    // place when the window is too narrow for a right column.
    below: "ytd-watch-flexy #primary #below",
    // The title/channel/description block at the top of #below: the panel goes after it,
    // so the title stays right under the player.
    belowMetadata: "ytd-watch-flexy #primary #below > ytd-watch-metadata",
    primaryInner: "ytd-watch-flexy #primary #primary-inner",
    // The player element; in the page's world it carries the caption API
    // (getOption/setOption("captions", ...), loadModule, unloadModule, isSubtitlesOn).
    player: "#movie_player",
    // The <video> inside the player; seeking sets its currentTime (the player's own API
    // lives in the page's JS world, out of a content script's reach). Its duration is the
    // video's, except while an ad plays.
    video: "#movie_player video",
    // The player while an ad plays (the same <video> then shows the ad, its captions the ad's).
    playerWithAd: "#movie_player.ad-showing",
    // The video title and channel name under the player (copy falls back to these; the
    // page reader uses them when no player response describes the video).
    title: Object.freeze(["ytd-watch-metadata #title h1", "#above-the-fold #title h1", "h1.ytd-watch-metadata"]),
    channel: Object.freeze(["ytd-watch-metadata ytd-channel-name a", "#owner ytd-channel-name a", "#channel-name a"]),
    // The description under the video (full text is in the DOM even when collapsed).
    description: Object.freeze(["ytd-watch-metadata #description-inline-expander yt-attributed-string",
      "ytd-watch-metadata #description-inline-expander", "#description yt-formatted-string"]),
    published: Object.freeze(['meta[itemprop="datePublished"]', 'meta[itemprop="uploadDate"]']), // content="2018-08-02..."
    // The page's inline scripts, where the first video's data sits (DATA.inline*).
    inlineScripts: "script:not([src])",
    // The "Show transcript" panel (the second transcript source). In 2026 three variants
    // live side by side; each names its rows, their parts, and the chapter headings between rows.
    transcriptPanel: Object.freeze({
      // The button in the description's transcript section that opens the panel.
      openButtons: Object.freeze(["ytd-video-description-transcript-section-renderer button",
        'ytd-video-description-transcript-section-renderer [role="button"]']),
      // The panels: the older one (being switched off), the 2026 modern view, and a
      // panel without a target id that holds a macro-markers list (the third 2026 variant).
      containers: Object.freeze(['ytd-engagement-panel-section-list-renderer[target-id="engagement-panel-searchable-transcript"]',
        'ytd-engagement-panel-section-list-renderer[target-id="PAmodern_transcript_view"]',
        "ytd-engagement-panel-section-list-renderer:not([target-id]):has(ytd-macro-markers-list-renderer)"]),
      visibilityAttribute: "visibility", // on the panel element
      expanded: "ENGAGEMENT_PANEL_VISIBILITY_EXPANDED",
      hidden: "ENGAGEMENT_PANEL_VISIBILITY_HIDDEN",
      closeButtons: Object.freeze(["#visibility-button button", '#visibility-button [role="button"]']), // the panel header's X
      // One row per caption line: its "1:23" timestamp and its text; `heading` is a
      // chapter title YouTube puts between rows (its start is the next row's). Rows
      // arrive in batches after the panel opens; scrolling the list may load more.
      markups: Object.freeze([
        Object.freeze({ segment: "ytd-transcript-segment-renderer", time: ".segment-timestamp", text: ".segment-text",
          heading: "ytd-transcript-section-header-renderer", headingText: ["#title", "h2", "yt-formatted-string"] }),
        Object.freeze({ segment: "transcript-segment-view-model", time: ".ytwTranscriptSegmentViewModelTimestamp",
          text: 'span.yt-core-attributed-string, span[role="text"], .ytAttributedStringHost',
          heading: "timeline-chapter-view-model", headingText: ["h3", "span.yt-core-attributed-string"] }),
      ]),
      // Screen-reader-only labels inside rows ("1 minute, 43 seconds", in the viewer's
      // language): present in textContent, never part of the time or the text.
      screenReaderOnly: Object.freeze(['[class*="A11yLabel"]', '[class*="a11y-label"]', ".ytwTranscriptSegmentViewModelTimestampA11yLabel"]),
      // The panel footer's language menu ("English (auto-generated)"); English UI text.
      languageLabel: Object.freeze(["ytd-transcript-footer-renderer yt-dropdown-menu #label-text",
        "ytd-transcript-footer-renderer yt-dropdown-menu"]),
      generatedLabel: /auto-generated/i,
    }),
  });

  // ---- YouTube's data: where the player's captions and the page's JSON say things ---------
  // Used by captions.js, page-data.js and transcript-source.js. page-hook.js runs in the
  // page's own world before these files load: it gets `player` in each request and repeats
  // only `timedtextPath`.
  const DATA = Object.freeze({
    // Path of the caption requests the player makes (repeated in page-hook.js).
    timedtextPath: "/api/timedtext",
    // Inline scripts holding the data of the FIRST video the tab loaded (stale after
    // in-page navigation: always compare the video id).
    inlinePlayerResponse: "var ytInitialPlayerResponse = ",
    inlineInitialData: "var ytInitialData = ",
    // Paths inside a player response (inline or the live player's getPlayerResponse()),
    // and inside ytInitialData for YouTube's own chapter markers.
    paths: Object.freeze({
      videoId: ["videoDetails", "videoId"], // the video the response is about
      title: ["videoDetails", "title"],
      channel: ["videoDetails", "author"],
      lengthSeconds: ["videoDetails", "lengthSeconds"], // a string, e.g. "316"
      description: ["videoDetails", "shortDescription"], // the full description text
      publishDate: ["microformat", "playerMicroformatRenderer", "publishDate"], // "2018-08-02T06:00:08-07:00"
      // [{languageCode, kind ("asr" = auto-generated), vssId, name: {simpleText}}]
      captionTracks: ["captions", "playerCaptionsTracklistRenderer", "captionTracks"],
      initialDataVideoId: ["currentVideoEndpoint", "watchEndpoint", "videoId"], // ytInitialData's video
      // The player bar's marker sets: [{key: "DESCRIPTION_CHAPTERS" | "AUTO_CHAPTERS" | ..., value: {chapters}}]
      markersMap: ["playerOverlays", "playerOverlayRenderer", "decoratedPlayerBarRenderer",
        "decoratedPlayerBarRenderer", "playerBar", "multiMarkersPlayerBarRenderer", "markersMap"],
      creatorChaptersKey: "DESCRIPTION_CHAPTERS", // the creator's chapters (not YouTube's auto chapters)
      markersChapters: ["value", "chapters"],
      chapterRenderer: ["chapterRenderer"],
      chapterTitle: ["title", "simpleText"],
      chapterStartMs: ["timeRangeStartMillis"],
    }),
  });

  // ---- Functions ------------------------------------------------------------------------

  /** The 11-character video id of a watch URL, else null. */
  function videoIdFrom(href) {
    let url;
    try {
      url = new URL(href, location.href);
    } catch {
      return null;
    }
    if (!/(^|\.)youtube\.com$/.test(url.hostname) || url.pathname !== "/watch") return null;
    const id = url.searchParams.get("v");
    return GlanceVideoId.isVideoId(id) ? id : null;
  }

  function currentVideoId() {
    return videoIdFrom(location.href);
  }

  /** The video the watch page of `doc` shows now (its layout element says), else null. */
  function shownVideoId(doc = document) {
    return doc.querySelector(SELECTORS.watchFlexy)?.getAttribute("video-id") || null;
  }

  /** YouTube's dark theme sets a `dark` attribute on <html>. */
  function isDark() {
    return document.documentElement.hasAttribute("dark");
  }

  /** Call cb(isDark) whenever YouTube switches theme, until signal aborts. */
  function onThemeChange(cb, signal) {
    const observer = new MutationObserver(() => cb(isDark()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["dark"] });
    signal.addEventListener("abort", () => observer.disconnect(), { once: true });
  }

  function video() {
    return document.querySelector(SELECTORS.video);
  }

  /** Whether an ad plays in the player of `doc`: then its <video>, duration and captions are the ad's. */
  function isAdPlaying(doc = document) {
    return Boolean(doc.querySelector(SELECTORS.playerWithAd));
  }

  /** Text of the title and channel shown under the player (may be stale just after navigation). */
  function pageMeta() {
    const text = (sel) => document.querySelector(sel)?.textContent.trim() || null;
    return { title: text(SELECTORS.title.join(", ")) || document.title.replace(/ - YouTube$/, "") || null, channel: text(SELECTORS.channel.join(", ")) };
  }

  /** Whether the right column is shown: YouTube hides it on narrow windows. */
  function hasRightColumn() {
    const flexy = document.querySelector(SELECTORS.watchFlexy);
    const secondary = document.querySelector(SELECTORS.secondary);
    if (!flexy || !secondary) return false;
    if (flexy.hasAttribute("is-two-columns_")) return true;
    return secondary.getClientRects().length > 0 && secondary.getBoundingClientRect().width >= 300;
  }

  /**
   * Where the panel belongs now: {parent, before, placement}, to be used as
   * parent.insertBefore(panel, before); null while the page is not built yet.
   */
  function mountPoint() {
    if (hasRightColumn()) {
      const parent = document.querySelector(SELECTORS.secondaryInner) || document.querySelector(SELECTORS.secondary);
      if (parent) return { parent, before: parent.firstChild, placement: "side" };
    }
    const metadata = document.querySelector(SELECTORS.belowMetadata);
    if (metadata) return { parent: metadata.parentNode, before: metadata.nextSibling, placement: "below" };
    const parent = document.querySelector(SELECTORS.below) || document.querySelector(SELECTORS.primaryInner);
    return parent ? { parent, before: parent.firstChild, placement: "below" } : null;
  }

  /** Resolve with mountPoint() once YouTube has built the watch page (it renders late). */
  function waitForMountPoint(signal, timeoutMs = 15_000) {
    return new Promise((resolve, reject) => {
      const found = mountPoint();
      if (found) return resolve(found);
      const observer = new MutationObserver(() => {
        const point = mountPoint();
        if (point) finish(() => resolve(point));
      });
      const timer = setTimeout(() => finish(() => reject(new Error("no_mount_point"))), timeoutMs);
      const finish = (then) => {
        observer.disconnect();
        clearTimeout(timer);
        then();
      };
      observer.observe(document.documentElement, { childList: true, subtree: true });
      signal.addEventListener("abort", () => finish(() => reject(signal.reason)), { once: true });
    });
  }

  /** Call cb() when the layout may have changed (resize, theater mode, columns). */
  function onLayoutChange(cb, signal) {
    const flexy = document.querySelector(SELECTORS.watchFlexy);
    if (flexy) {
      const observer = new MutationObserver(cb);
      observer.observe(flexy, { attributes: true, attributeFilter: ["is-two-columns_", "theater", "fullscreen"] });
      signal.addEventListener("abort", () => observer.disconnect(), { once: true });
    }
    window.addEventListener("resize", cb, { signal, passive: true });
  }

  /**
   * Call cb(videoIdOrNull) on the first load and after every in-page navigation.
   * YouTube fires `yt-navigate-finish` when it has swapped pages; popstate and the
   * Navigation API cover history moves. Repeats for the same video are filtered out
   * (a new `&t=` on the same video keeps the panel).
   * Only a real change of the address counts: any page script can dispatch these events,
   * so an event is a prompt to look at location, never news by itself; popstate and the
   * Navigation API's events must come from the browser (isTrusted). `yt-navigate-finish`
   * is YouTube's own script event, never trusted, so only the address decides.
   */
  function onVideoChange(cb) {
    let last;
    let lastHref;
    const check = (event) => {
      if (event) {
        if (event.type !== "yt-navigate-finish" && !event.isTrusted) return;
        if (location.href === lastHref) return; // no navigation happened
      }
      lastHref = location.href;
      const id = currentVideoId();
      if (id === last) return;
      last = id;
      cb(id);
    };
    document.addEventListener("yt-navigate-finish", check);
    window.addEventListener("yt-navigate-finish", check);
    window.addEventListener("popstate", check);
    globalThis.navigation?.addEventListener?.("navigatesuccess", check);
    check();
  }

  globalThis.GlanceYouTube = {
    SELECTORS,
    DATA,
    currentVideoId,
    shownVideoId,
    isDark,
    onThemeChange,
    video,
    isAdPlaying,
    pageMeta,
    mountPoint,
    waitForMountPoint,
    onLayoutChange,
    onVideoChange,
  };
})();

// Test URLs (open with Glance loaded):
// - a normal video with creator chapters: https://www.youtube.com/watch?v=jNQXAC9IVRw
// - theater mode: press "t" on any watch page
// - narrow window (panel goes below the player): resize the window under ~1000 px wide
