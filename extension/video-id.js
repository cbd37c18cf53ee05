// The shape of a YouTube video id (11 characters from A-Z a-z 0-9 _ -), written once for the
// whole extension: the content scripts load this file first (manifest order) and the service
// worker imports it, so a watch URL is read and a request is checked by the same pattern.
// The server keeps its own (server/video_ids.py). Exposes globalThis.GlanceVideoId.

(() => {
  const PATTERN = /^[A-Za-z0-9_-]{11}$/;

  /** True for a string that is a video id; anything else (null, a number, a longer string) is not. */
  function isVideoId(value) {
    return typeof value === "string" && PATTERN.test(value);
  }

  globalThis.GlanceVideoId = Object.freeze({ isVideoId });
})();
