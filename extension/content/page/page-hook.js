// Glance page hook: the ONE script Glance runs in YouTube's main world
// (manifest: world "MAIN", run_at "document_start"). It does two small things:
//  1. keeps a copy of the caption bodies the player itself fetches from
//     /api/timedtext (fetch or XHR) and posts them to Glance's content script;
//  2. answers the content script's requests about the player's captions
//     (state, turn a track on, put the user's setting back) via #movie_player's API.
// It never changes a request or a response, never starts one of its own, and no exception
// leaves it. Exposes nothing: a global here would be visible to, and replaceable by, the page.
//
// It talks to the content script over a private MessageChannel, never window.postMessage
// (which any script on the page can send and read). The port is handed over once, at
// document_start, before any page script runs: hook-channel.js (the content script's world)
// takes it from a synchronous event and claims it with preventDefault(); once claimed,
// the hook stops offering it. Everything the hook calls later is bound now, so a page
// script that later replaces window.postMessage, MessagePort.prototype.postMessage,
// Response.prototype.text or the XHR getters cannot read or forge what it sends.
(() => {
  "use strict";
  const PORT_EVENT = "glance:page-hook-port"; // must match hook-channel.js
  const HELLO_EVENT = "glance:page-hook-hello";
  // Same path as GlanceYouTube.DATA.timedtextPath in youtube.js; repeated here because
  // this script runs before the content scripts exist.
  const TIMEDTEXT = "/api/timedtext";
  const KEEP = 6; // caption bodies kept for a content script that starts late
  const MAX_BODY = 8 * 1024 * 1024;
  const captures = [];

  // Bound now, before page scripts run (see above).
  const call = Function.prototype.call.bind(Function.prototype.call);
  const channel = new MessageChannel();
  const send = MessagePort.prototype.postMessage.bind(channel.port1);
  const dispatch = EventTarget.prototype.dispatchEvent.bind(document);
  const listen = EventTarget.prototype.addEventListener.bind(document);
  const unlisten = EventTarget.prototype.removeEventListener.bind(document);
  const query = Document.prototype.querySelector.bind(document);
  const toJson = JSON.stringify;
  const fromJson = JSON.parse;
  const URL_ = URL;
  const String_ = String;
  const now = Date.now;
  const hasOwn = Object.hasOwn;
  const promiseThen = Promise.prototype.then;
  const urlGetter = (name) => Object.getOwnPropertyDescriptor(URL.prototype, name).get;
  const urlOrigin = urlGetter("origin");
  const urlPath = urlGetter("pathname");
  const origin = location.origin;
  const href = () => location.href;
  const cloneResponse = Response.prototype.clone;
  const responseText = Response.prototype.text;
  const getter = (name) => Object.getOwnPropertyDescriptor(XMLHttpRequest.prototype, name).get;
  const xhr = { status: getter("status"), url: getter("responseURL"), type: getter("responseType"),
    text: getter("responseText"), response: getter("response") };
  const responseUrl = Object.getOwnPropertyDescriptor(Response.prototype, "url").get;
  const responseOk = Object.getOwnPropertyDescriptor(Response.prototype, "ok").get;

  const post = (message) => {
    try {
      send(message);
    } catch {}
  };

  // YouTube's own caption URLs only: a page script could fetch a look-alike path elsewhere.
  const isCaptionUrl = (url) => {
    try {
      const parsed = new URL_(String_(url), href());
      return call(urlOrigin, parsed) === origin && call(urlPath, parsed) === TIMEDTEXT;
    } catch {
      return false;
    }
  };

  // No array methods here: a page script may have replaced Array.prototype's.
  function record(url, body) {
    try {
      if (typeof body !== "string" || !body || body.length > MAX_BODY) return;
      const capture = { url: String_(url), body, at: now() };
      captures[captures.length] = capture;
      if (captures.length > KEEP) {
        for (let i = 1; i < captures.length; i++) captures[i - 1] = captures[i];
        captures.length = KEEP;
      }
      post({ type: "timedtext", capture });
    } catch {}
  }

  const copyCaptures = () => {
    const out = [];
    for (let i = 0; i < captures.length; i++) out[i] = captures[i];
    return out;
  };

  try {
    const realFetch = window.fetch;
    if (typeof realFetch === "function") {
      window.fetch = function (input, init) {
        const pending = realFetch.apply(this, arguments);
        try {
          const url = typeof input === "string" ? input : input?.url !== undefined ? input.url : String_(input);
          if (isCaptionUrl(url)) {
            call(promiseThen, pending, (response) => {
              try {
                const final = call(responseUrl, response) || url;
                if (call(responseOk, response) && isCaptionUrl(final)) {
                  call(promiseThen, call(responseText, call(cloneResponse, response)), (body) => record(final, body), () => {});
                }
              } catch {}
            }, () => {});
          }
        } catch {}
        return pending;
      };
    }
  } catch {}

  try {
    const proto = window.XMLHttpRequest?.prototype;
    const realOpen = proto?.open;
    if (typeof realOpen === "function") {
      const urls = new WeakMap();
      const onLoad = function () {
        try {
          const status = call(xhr.status, this);
          if (status < 200 || status > 299) return;
          const url = call(xhr.url, this) || urls.get(this);
          if (!isCaptionUrl(url)) return;
          const type = call(xhr.type, this);
          if (type === "" || type === "text") record(url, call(xhr.text, this));
          else if (type === "json" && call(xhr.response, this)) record(url, toJson(call(xhr.response, this)));
        } catch {}
      };
      proto.open = function (method, url) {
        try {
          if (isCaptionUrl(url) && !urls.has(this)) {
            urls.set(this, String_(url));
            this.addEventListener("load", onLoad);
          }
        } catch {}
        return realOpen.apply(this, arguments);
      };
    }
  } catch {}

  // The player's caption API; each call is guarded because YouTube changes it.
  // What it returns is whatever the page's player says: page data, checked by the content script.
  const ask = (player, name, ...args) => {
    try {
      return typeof player[name] === "function" ? player[name](...args) : undefined;
    } catch {
      return undefined;
    }
  };
  const plain = (value) => {
    try {
      return value === undefined ? null : fromJson(toJson(value));
    } catch {
      return null;
    }
  };

  function captionState(player, withResponse) {
    const track = plain(ask(player, "getOption", "captions", "track"));
    const on = ask(player, "isSubtitlesOn");
    const data = plain(ask(player, "getVideoData")) || {};
    return {
      on: typeof on === "boolean" ? on : !!track?.languageCode,
      track: track?.languageCode ? track : null,
      tracklist: plain(ask(player, "getOption", "captions", "tracklist")) || [],
      videoId: typeof data.video_id === "string" ? data.video_id : null,
      playerResponse: withResponse ? plain(ask(player, "getPlayerResponse")) : null,
    };
  }

  const commands = {
    captures: () => copyCaptures(),
    state: (player, msg) => captionState(player, !!msg.withResponse),
    enable: (player, msg) => {
      ask(player, "loadModule", "captions");
      ask(player, "setOption", "captions", "track", msg.track || {});
      return captionState(player, false);
    },
    restore: (player, msg) => {
      const before = msg.before || {};
      const now = captionState(player, false);
      const same = (a, b) => !!a && !!b && a.languageCode === b.languageCode && (a.kind || "") === (b.kind || "");
      if (before.on && now.on && same(before.track, now.track)) return now; // as the user had it: no new request
      if (before.on && before.track) {
        ask(player, "setOption", "captions", "track", before.track);
      } else {
        ask(player, "setOption", "captions", "track", {});
        ask(player, "unloadModule", "captions");
      }
      return captionState(player, false);
    },
  };

  channel.port1.onmessage = (event) => {
    const msg = event.data;
    try {
      const run = msg && hasOwn(commands, msg.type) ? commands[msg.type] : null;
      if (!run) return;
      const player = msg.type === "captures" ? null : query(String(msg.player || ""));
      if (msg.type !== "captures" && !player) return post({ type: "reply", id: msg.id, ok: false, result: null });
      post({ type: "reply", id: msg.id, ok: true, result: run(player, msg) });
    } catch {
      post({ type: "reply", id: msg?.id, ok: false, result: null });
    }
  };

  // Hand the other end over: a synchronous event the content script claims (preventDefault).
  // When the content script starts after this script, it says hello and the hook offers again.
  let handed = false;
  const offer = () => {
    if (handed) return;
    try {
      const event = new MessageEvent(PORT_EVENT, { ports: [channel.port2], cancelable: true });
      handed = !dispatch(event);
      if (handed) unlisten(HELLO_EVENT, offer, true);
    } catch {}
  };
  listen(HELLO_EVENT, offer, true);
  offer();
})();
