// What the panel says for each error code: a title and sentences a person can act on.
// Codes come from the server (docs/contract.md's table) or from the extension itself
// (server_unreachable, timeout, not_glance, ...). A server's own message is written for
// people, so it is shown first, followed by the advice for its code. Exposes
// globalThis.GlanceMessages.

(() => {
  // title; explain: what happened, when the server sent no message of its own (or its
  // message is meant for other clients: ownText); advice: what to do; body parts are
  // strings and {code: "..."} (shown as a command); settings: offer the settings page.
  const MESSAGES = {
    server_unreachable: (e) => ({
      title: "The Glance server isn't running",
      explain: [`Glance couldn't reach ${e.serverUrl || "its server"}.`],
      advice: ["Start it from the Glance folder with", { code: "./bin/serve" }, "then press Retry. If it runs somewhere else, set its address in the settings."],
      settings: true,
      ownText: true,
    }),
    not_glance: (e) => ({
      title: "That address doesn't look like a Glance server",
      explain: [`Something answers at ${e.serverUrl || "the server address"}, but it isn't Glance: it may be another program on that port, or the address has an extra path.`],
      advice: ["Check the server address in the settings (usually http://127.0.0.1:8765), then press Retry."],
      settings: true,
      ownText: true,
    }),
    timeout: () => ({
      title: "The server is taking too long",
      explain: ["It didn't answer in time."],
      advice: ["It may still be working on this video: press Retry in a moment."],
      ownText: true,
    }),
    no_transcript: () => ({
      title: "No transcript for this video",
      explain: ["Glance summarizes from captions, and this video has none it can read (they may be turned off, or not in your preferred language)."],
      advice: ["Try another language in the settings."],
      settings: true,
    }),
    youtube_blocked: () => ({
      title: "YouTube blocked the server",
      // The server's message tells API clients to use the extension, which this is.
      explain: ["YouTube refused the Glance server's request for the transcript, and Glance couldn't read it from this page."],
      advice: ["Open the transcript under the video (…more → Show transcript) and press Retry, or give the server a proxy (GLANCE_YOUTUBE_PROXY)."],
      ownText: true,
    }),
    video_unavailable: () => ({
      title: "This video is unavailable",
      explain: ["YouTube says it was removed, is private, or never existed."],
      advice: ["There is nothing to summarize."],
      noRetry: true,
    }),
    video_restricted: () => ({
      title: "YouTube restricts this video",
      explain: ["It is age-restricted or can't be played without signing in, so the server can't read its transcript."],
      advice: [],
    }),
    unauthorized: () => ({
      title: "This Glance server needs a token",
      // The server's message speaks of headers, for API clients.
      explain: ["It is a shared server: making cards needs a token from its admin, and none is saved, or the saved one was mistyped or revoked."],
      advice: ["Save your token in the settings, then press Retry."],
      settings: true,
      ownText: true,
    }),
    storage_unavailable: (e) => ({
      title: "The Glance server can't use its database",
      explain: ["Its disk may be full or read-only, or its database file is missing."],
      advice: [`Whoever runs the server can fix that; summaries it already has may still open. Press Retry in ${e.retryAfter ? `${e.retryAfter} seconds` : "a minute"}.`],
    }),
    rate_limited: (e) => ({
      title: "Too many requests",
      explain: [],
      advice: [e.retryAfter ? `The server asks to wait ${e.retryAfter} seconds, then press Retry.` : "Wait a moment, then press Retry."],
    }),
    youtube_error: () => ({
      title: "The server couldn't get the transcript from YouTube",
      explain: ["YouTube answered something unexpected, or the server could not reach it."],
      advice: ["Press Retry in a moment."],
    }),
    summarizer_error: () => ({
      title: "The summarizer failed",
      explain: ["The server's summarizer failed or timed out."],
      advice: ["Press Retry, or switch the server to its offline summarizer."],
    }),
    payload_too_large: () => ({
      title: "This transcript is too long for the server",
      explain: [],
      advice: ["Raise the server's request size limit, then press Retry."],
    }),
    internal_error: () => ({
      title: "Something went wrong in the Glance server",
      explain: ["It logged the details."],
      advice: ["Press Retry; if it keeps happening, look at the server's log."],
    }),
    invalid_server_url: () => ({
      title: "The server address is not valid",
      explain: [],
      advice: ["Set an address such as http://127.0.0.1:8765 in the settings."],
      settings: true,
      ownText: true,
    }),
    extension_reloaded: () => ({
      title: "Glance was updated",
      explain: [],
      advice: ["Reload this page to use the new version."],
      noRetry: true,
      ownText: true,
    }),
  };

  // Codes that mean "the server could not fetch the transcript itself".
  const SERVER_FETCH_FAILED = new Set(["youtube_error", "youtube_blocked", "timeout", "video_restricted"]);

  /** "No such endpoint" -> "No such endpoint."; trims and ends the sentence once. */
  function sentence(text) {
    const clean = String(text || "").trim();
    return !clean || /[.!?…]$/.test(clean) ? clean : `${clean}.`;
  }

  /**
   * {title, paragraphs, body, settings, noRetry} for an error {code, message, fromServer, ...}:
   * paragraphs are [what happened, what to do] (either may be missing); body is both in one list.
   * context.noPageCaptions: the page had no captions Glance could read, so the server
   * was asked to fetch them.
   */
  function forError(error, context = {}) {
    const make = MESSAGES[error.code];
    const m = make ? make(error) : { title: "Glance couldn't make a summary", explain: ["Something unexpected happened."], advice: ["Press Retry in a moment."] };
    const own = error.fromServer && !m.ownText ? sentence(error.message) : "";
    const lead = context.noPageCaptions && SERVER_FETCH_FAILED.has(error.code)
      ? ["This page has no captions Glance could read, and the server couldn't fetch them from YouTube either."]
      : [];
    const paragraphs = [[...lead, ...(own ? [own] : m.explain)], m.advice].filter((p) => p.length);
    return { title: m.title, paragraphs, body: paragraphs.flat(), settings: Boolean(m.settings), noRetry: Boolean(m.noRetry) };
  }

  globalThis.GlanceMessages = { forError };
})();
