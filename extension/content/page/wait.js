// Abortable waiting for the transcript readers (transcript-panel.js, transcript-source.js):
// sleep(ms, signal) resolves after ms, or rejects with an AbortError as soon as signal
// aborts. Loaded before both (manifest order). Exposes globalThis.GlanceWait.

(() => {
  /** The error an aborted wait rejects with (the same DOMException the platform uses). */
  const abortError = () => new DOMException("Aborted", "AbortError");

  function sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener("abort", () => { clearTimeout(timer); reject(abortError()); }, { once: true });
    });
  }

  globalThis.GlanceWait = { sleep, abortError };
})();
