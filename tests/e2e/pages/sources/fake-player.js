// A fake YouTube player for the transcript-source tests: #movie_player with the
// caption API the extension's page hook uses (getOption/setOption/loadModule/
// unloadModule/isSubtitlesOn/getVideoData/getPlayerResponse). Whenever a caption
// track is shown it fetches the track as json3 from /api/timedtext, with a "pot"
// token, like YouTube's player (over fetch or XHR, as FAKE.player.transport says).
// An optional ad plays first: its own captions, class "ad-showing" on the player;
// the video's caption request follows the ad's end after ad.captionsAfterMs.
(() => {
  const cfg = window.FAKE || {};
  const video = cfg.video || {};
  document.querySelector("ytd-watch-flexy").setAttribute("video-id", video.id);
  document.querySelector("#title h1").textContent = video.title || "";
  document.querySelector("ytd-channel-name a").textContent = video.channel || "";
  document.querySelector("#description-inline-expander yt-attributed-string").textContent = video.description || "";

  const p = cfg.player;
  const el = document.getElementById("movie_player");
  const log = (window.fakePlayerLog = []);
  if (!p) return; // a page whose player offers no caption API

  let moduleLoaded = !!p.captionsOn;
  let current = p.captionsOn ? findTrack(p.captionsOn) : null;
  let adPlaying = !!p.ad;

  function findTrack(want) {
    if (!want || !want.languageCode) return null;
    return p.tracks.find((t) => t.languageCode === want.languageCode && (want.kind === undefined || (t.kind || "") === (want.kind || ""))) ||
      p.tracks.find((t) => t.languageCode === want.languageCode) || null;
  }

  function requestCaptions() {
    if (!current) return;
    const id = adPlaying ? p.ad.videoId : video.id;
    const params = new URLSearchParams({ v: id, ei: "fakeEi", caps: "asr", opi: "1", xoaf: "5", hl: "en", expire: "1999999999",
      sparams: "ip,ipbits,expire,v,ei,caps,opi,xoaf", signature: "FAKE.SIG", key: "yt8" });
    if (current.kind === "asr") params.set("kind", "asr");
    params.set("lang", current.languageCode);
    params.set("potc", "1");
    params.set("pot", "FakeProofOfOriginToken");
    params.set("fmt", "json3");
    params.set("c", "WEB");
    params.set("cplayer", "UNIPLAYER");
    const url = "/api/timedtext?" + params;
    log.push({ request: url });
    const show = (body) => {
      try {
        const first = JSON.parse(body).events.find((e) => e.segs);
        document.querySelector(".caption-window").textContent = first ? first.segs.map((s) => s.utf8).join("") : "";
      } catch (e) {}
    };
    if (p.transport === "xhr") {
      const xhr = new XMLHttpRequest();
      xhr.open("GET", url);
      xhr.onload = () => show(xhr.responseText);
      xhr.send();
    } else {
      fetch(url).then((r) => r.text()).then(show, () => {});
    }
  }

  Object.assign(el, {
    getOption(module, key) {
      if (module !== "captions") return undefined;
      if (key === "tracklist") return moduleLoaded ? p.tracks.map((t) => ({ ...t })) : [];
      if (key === "track") return current ? { ...current } : {};
      return undefined;
    },
    setOption(module, key, value) {
      if (module !== "captions" || key !== "track") return;
      log.push({ setTrack: value && value.languageCode ? value.languageCode + "/" + (value.kind || "") : "off" });
      const next = findTrack(value);
      current = next;
      if (next) {
        moduleLoaded = true;
        requestCaptions();
      }
    },
    loadModule(module) {
      if (module === "captions") moduleLoaded = true;
    },
    unloadModule(module) {
      if (module !== "captions") return;
      moduleLoaded = false;
      current = null;
      log.push({ unload: true });
    },
    isSubtitlesOn: () => !!current,
    getVideoData: () => ({ video_id: adPlaying ? p.ad.videoId : video.id, title: video.title }),
    getPlayerResponse: () => (p.playerResponse ? JSON.parse(JSON.stringify(p.playerResponse)) : null),
  });

  window.fakeCaptionState = () => ({ on: !!current, moduleLoaded, track: current && current.languageCode + "/" + (current.kind || "") });

  if (adPlaying) {
    el.classList.add("ad-showing");
    requestCaptions();
    setTimeout(() => {
      adPlaying = false;
      el.classList.remove("ad-showing");
      // YouTube's player loads the video first, so its caption request comes a little later.
      setTimeout(requestCaptions, p.ad.captionsAfterMs || 0);
    }, p.ad.ms);
  } else {
    requestCaptions();
  }
})();
