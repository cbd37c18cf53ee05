// What the panel says for each error code: a title and sentences a person can act on.
// Codes come from the server (design.md's table) or from the extension itself
// (server_unreachable, timeout, ...). Exposes globalThis.GlanceMessages.

(() => {
  // body: strings and {code: "..."} parts (shown as a command); settings: offer the settings page.
  const MESSAGES = {
    server_unreachable: (e) => ({
      title: "The Glance server isn't running",
      body: [`Glance couldn't reach ${e.serverUrl || "its server"}. Start it from the Glance folder with`, { code: "./bin/serve" }, "then press Retry. If it runs somewhere else, set its address in the settings."],
      settings: true,
    }),
    timeout: () => ({
      title: "The server is taking too long",
      body: ["It didn't answer in time. It may still be working on this video: press Retry in a moment."],
    }),
    no_transcript: () => ({
      title: "No transcript for this video",
      body: ["Glance summarizes from captions, and this video has none it can read (they may be turned off, or not in your preferred language). Try another language in the settings."],
      settings: true,
    }),
    youtube_blocked: () => ({
      title: "YouTube blocked the server",
      body: ["YouTube refused the Glance server's request for the transcript, and Glance couldn't read it from this page. Open the transcript under the video (…more → Show transcript) and press Retry, or give the server a proxy (GLANCE_YOUTUBE_PROXY)."],
    }),
    video_unavailable: () => ({
      title: "This video is unavailable",
      body: ["YouTube says it was removed, is private, or never existed, so there is nothing to summarize."],
      noRetry: true,
    }),
    video_restricted: () => ({
      title: "YouTube restricts this video",
      body: ["It is age-restricted or can't be played without signing in, so the server can't read its transcript."],
    }),
    rate_limited: (e) => ({
      title: "Too many requests",
      body: [e.retryAfter ? `The server asks to wait ${e.retryAfter} seconds, then press Retry.` : "Wait a moment, then press Retry."],
    }),
    youtube_error: () => ({
      title: "YouTube answered something unexpected",
      body: ["This is usually brief. Press Retry in a moment."],
    }),
    summarizer_error: () => ({
      title: "The summarizer failed",
      body: ["The server's summarizer failed or timed out. Press Retry, or switch the server to its offline summarizer."],
    }),
    payload_too_large: () => ({
      title: "This transcript is too long for the server",
      body: ["Raise the server's request size limit, then press Retry."],
    }),
    internal_error: () => ({
      title: "Something went wrong in the Glance server",
      body: ["It logged the details. Press Retry; if it keeps happening, look at the server's log."],
    }),
    invalid_server_url: () => ({
      title: "The server address is not valid",
      body: ["Set an address such as http://127.0.0.1:8765 in the settings."],
      settings: true,
    }),
    extension_reloaded: () => ({
      title: "Glance was updated",
      body: ["Reload this page to use the new version."],
      noRetry: true,
    }),
  };

  /** {title, body, settings, noRetry} for an error {code, message, ...}. */
  function forError(error) {
    const make = MESSAGES[error.code];
    if (make) return make(error);
    return {
      title: "Glance couldn't make a summary",
      body: [error.message || "Something unexpected happened.", `(${error.code})`],
    };
  }

  globalThis.GlanceMessages = { forError, CODES: Object.keys(MESSAGES) };
})();
