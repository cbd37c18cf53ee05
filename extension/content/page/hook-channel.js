// Glance: takes the private MessagePort of page-hook.js (YouTube's main world) at
// document_start, before any page script runs, and keeps it for transcript-source.js.
// The hook offers the port in a synchronous MessageEvent on document; this script claims it
// with preventDefault(), so the hook stops offering it, and stops listening itself. A page
// script starts later than both and never sees the port. Messages that arrive before
// transcript-source.js listens wait in a short queue.
// Exposes globalThis.GlanceHookChannel = {send(message), onMessage(listener)}.

(() => {
  const PORT_EVENT = "glance:page-hook-port"; // must match page-hook.js
  const HELLO_EVENT = "glance:page-hook-hello";
  const EARLY_KEEP = 20;
  let port = null;
  let listener = null;
  const early = [];

  function take(event) {
    if (port || !event.ports?.length) return;
    event.preventDefault(); // tells the hook the port is taken
    event.stopImmediatePropagation();
    port = event.ports[0];
    port.onmessage = (message) => {
      if (listener) listener(message.data);
      else if (early.length < EARLY_KEEP) early.push(message.data);
    };
    document.removeEventListener(PORT_EVENT, take, true);
  }

  document.addEventListener(PORT_EVENT, take, true);
  // When the hook ran first, its offer went unheard: ask it to offer again.
  if (!port) document.dispatchEvent(new Event(HELLO_EVENT));

  globalThis.GlanceHookChannel = {
    send(message) {
      port?.postMessage(message);
    },
    onMessage(fn) {
      listener = fn;
      for (const data of early.splice(0)) fn(data);
    },
  };
})();
