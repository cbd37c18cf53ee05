// Glance page hook: the ONE script Glance runs in YouTube's main world
// (manifest: world "MAIN", run_at "document_start"). It does two small things:
//  1. keeps a copy of the caption bodies the player itself fetches from
//     /api/timedtext (fetch or XHR) and posts them to Glance's content script;
//  2. answers the content script's requests about the player's captions
//     (state, turn a track on, put the user's setting back) via #movie_player's API.
// It never changes a request or a response, and no exception leaves it.
// Messages: window.postMessage({tag: "glance:page-hook:v1", from: "page"|"content", ...}).
(() => {
  "use strict";
  const TAG = "glance:page-hook:v1";
  // Same path as GlanceYouTube.SOURCES.timedtextPath in youtube.js; repeated here because
  // this script runs before the content scripts exist.
  const TIMEDTEXT = "/api/timedtext";
  const KEEP = 6; // caption bodies kept for a content script that starts late
  const MAX_BODY = 8 * 1024 * 1024;
  const captures = [];

  const post = (message) => {
    try {
      window.postMessage(Object.assign({ tag: TAG, from: "page" }, message), location.origin);
    } catch (e) {}
  };

  const isCaptionUrl = (url) => {
    try {
      return new URL(String(url), location.href).pathname === TIMEDTEXT;
    } catch (e) {
      return false;
    }
  };

  function record(url, body) {
    try {
      if (typeof body !== "string" || !body || body.length > MAX_BODY) return;
      const capture = { url: String(url), body, at: Date.now() };
      captures.push(capture);
      if (captures.length > KEEP) captures.shift();
      post({ type: "timedtext", capture });
    } catch (e) {}
  }

  try {
    const realFetch = window.fetch;
    if (typeof realFetch === "function") {
      window.fetch = function (input, init) {
        const pending = realFetch.apply(this, arguments);
        try {
          const url = typeof input === "string" ? input : input && input.url !== undefined ? input.url : String(input);
          if (isCaptionUrl(url)) {
            pending.then((response) => {
              try {
                if (response.ok) response.clone().text().then((body) => record(response.url || url, body), () => {});
              } catch (e) {}
            }, () => {});
          }
        } catch (e) {}
        return pending;
      };
    }
  } catch (e) {}

  try {
    const proto = window.XMLHttpRequest && window.XMLHttpRequest.prototype;
    const realOpen = proto && proto.open;
    if (typeof realOpen === "function") {
      const urls = new WeakMap();
      const onLoad = function () {
        try {
          if (this.status < 200 || this.status > 299) return;
          const url = this.responseURL || urls.get(this);
          if (this.responseType === "" || this.responseType === "text") record(url, this.responseText);
          else if (this.responseType === "json" && this.response) record(url, JSON.stringify(this.response));
        } catch (e) {}
      };
      proto.open = function (method, url) {
        try {
          if (isCaptionUrl(url) && !urls.has(this)) {
            urls.set(this, String(url));
            this.addEventListener("load", onLoad);
          }
        } catch (e) {}
        return realOpen.apply(this, arguments);
      };
    }
  } catch (e) {}

  // The player's caption API; each call is guarded because YouTube changes it.
  const call = (player, name, ...args) => {
    try {
      return typeof player[name] === "function" ? player[name](...args) : undefined;
    } catch (e) {
      return undefined;
    }
  };
  const plain = (value) => {
    try {
      return value === undefined ? null : JSON.parse(JSON.stringify(value));
    } catch (e) {
      return null;
    }
  };

  function captionState(player, withResponse) {
    const track = plain(call(player, "getOption", "captions", "track"));
    const on = call(player, "isSubtitlesOn");
    const data = plain(call(player, "getVideoData")) || {};
    return {
      on: typeof on === "boolean" ? on : !!(track && track.languageCode),
      track: track && track.languageCode ? track : null,
      tracklist: plain(call(player, "getOption", "captions", "tracklist")) || [],
      videoId: typeof data.video_id === "string" ? data.video_id : null,
      playerResponse: withResponse ? plain(call(player, "getPlayerResponse")) : null,
    };
  }

  const commands = {
    captures: () => captures.slice(),
    state: (player, msg) => captionState(player, !!msg.withResponse),
    enable: (player, msg) => {
      call(player, "loadModule", "captions");
      call(player, "setOption", "captions", "track", msg.track || {});
      return captionState(player, false);
    },
    restore: (player, msg) => {
      const before = msg.before || {};
      const now = captionState(player, false);
      const same = (a, b) => !!a && !!b && a.languageCode === b.languageCode && (a.kind || "") === (b.kind || "");
      if (before.on && now.on && same(before.track, now.track)) return now; // as the user had it: no new request
      if (before.on && before.track) {
        call(player, "setOption", "captions", "track", before.track);
      } else {
        call(player, "setOption", "captions", "track", {});
        call(player, "unloadModule", "captions");
      }
      return captionState(player, false);
    },
  };

  window.addEventListener("message", (event) => {
    try {
      const msg = event.data;
      if (event.source !== window || !msg || msg.tag !== TAG || msg.from !== "content") return;
      const run = commands[msg.type];
      if (!run) return;
      const player = msg.type === "captures" ? null : document.querySelector(String(msg.player || ""));
      if (msg.type !== "captures" && !player) return post({ type: "reply", id: msg.id, ok: false, result: null });
      post({ type: "reply", id: msg.id, ok: true, result: run(player, msg) });
    } catch (e) {
      try {
        post({ type: "reply", id: event.data && event.data.id, ok: false, result: null });
      } catch (e2) {}
    }
  });
})();
