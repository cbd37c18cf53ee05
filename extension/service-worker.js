// Service worker: the only code that talks to the Glance server, plus the toolbar
// button. It holds no state in globals (MV3 workers stop at any time): every message
// reads the settings afresh and answers with {ok: true, data} or {ok: false, error}.

import { getSettings, normalizeServerUrl } from "./settings.js";
import "./video-id.js"; // globalThis.GlanceVideoId, the pattern the content scripts use too

const QUICK_MS = 5_000; // health, stored cards: the server answers these from its store
const TRANSCRIPT_MS = 15_000; // stored transcript, fetched from YouTube if missing
// Fetch and summarize offline, or summarize a sent transcript. `quick=1` asks a server with a
// language model for the offline cards at once while the model writes its own in a job the
// panel follows by polling `status` (docs/summarizers.md says why polling and not server-sent events).
const GENERATE_MS = 45_000;
const ASK_MS = 20_000; // transcript moments for a question (the transcript may have to be fetched first)

// One entry per message type a content script or the options page may send; `looks`
// tells a Glance success body from another server's (anything else is `not_glance`).
const REQUESTS = {
  health: () => ({ path: "/api/v1/health", timeout: QUICK_MS, looks: (d) => d.status === "ok" }),
  stored: (m) => ({ path: summaryPath(m, { fetch: "0", quick: "1", summarizer: m.summarizer }), timeout: QUICK_MS, looks: isCards }),
  generate: (m) => ({ path: summaryPath(m, { quick: "1" }), timeout: GENERATE_MS, looks: isCards }),
  status: (m) => ({ path: videoPath(m, "summary/status", {}), timeout: QUICK_MS, looks: (d) => typeof d.state === "string" }),
  regenerate: (m) => ({ path: summaryPath(m, { quick: "1" }), method: "POST", body: { refresh: true }, timeout: GENERATE_MS, looks: isCards }),
  forget: (m) => ({
    path: summaryPath(m, { origin: "generated" }),
    method: "DELETE",
    timeout: QUICK_MS,
    looks: (d) => Number.isInteger(d.deleted),
  }),
  submit: (m) => ({
    path: summaryPath(m, { quick: "1" }),
    method: "POST",
    body: { transcript: m.transcript, video: m.video || {}, refresh: false },
    timeout: GENERATE_MS,
    looks: isCards,
  }),
  ask: (m) => ({
    path: videoPath(m, "ask", { lang: m.language }),
    method: "POST",
    body: { question: m.question, history: m.history || [], answer: Boolean(m.answer) },
    timeout: m.answer ? GENERATE_MS : ASK_MS,
    looks: (d) => Array.isArray(d.moments),
  }),
  // The cards the panel shows, as Markdown written by the server (its one Markdown writer).
  markdown: (m) => ({
    path: videoPath(m, "markdown", {}),
    method: "POST",
    body: m.cards,
    timeout: QUICK_MS,
    looks: (d) => typeof d.markdown === "string",
  }),
  transcript: (m) => ({
    path: videoPath(m, "transcript", { lang: m.language }),
    timeout: TRANSCRIPT_MS,
    looks: (d) => Array.isArray(d.segments),
  }),
};

chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  answer(message).then(sendResponse, (err) =>
    sendResponse(failure("extension_error", `Glance's worker failed: ${err?.message || err}`)),
  );
  return true; // the answer is sent asynchronously
});

// The toolbar button and its keyboard shortcut (_execute_action) both land here.
chrome.action.onClicked.addListener((tab) => togglePanel(tab));

/** Ask the tab's content script to open or close the panel. */
export async function togglePanel(tab) {
  if (!tab?.id) return;
  try {
    await chrome.tabs.sendMessage(tab.id, { type: "glance:toggle" });
  } catch {
    // No content script in this tab: not YouTube, or opened before Glance was installed.
  }
}
self.togglePanel = togglePanel; // a function, not state: lets tests press the button

async function answer(message) {
  const type = message?.type;
  if (type === "settings") return { ok: true, data: await getSettings() };
  if (type === "open-options") return { ok: true, data: await chrome.runtime.openOptionsPage() };
  const build = REQUESTS[type];
  if (!build) return failure("bad_message", `Unknown message type: ${type}`);
  if (type !== "health" && !GlanceVideoId.isVideoId(message.videoId)) {
    return failure("invalid_video_id", "That is not a YouTube video id.");
  }
  const settings = await getSettings();
  // The options page tests a URL before saving it; everyone else uses the saved one.
  const base = type === "health" && message.serverUrl ? normalizeServerUrl(message.serverUrl) : settings.serverUrl;
  if (!base) return failure("invalid_server_url", "The server address is not an http:// or https:// URL.");
  if (type === "health") return checkHealth(base);
  const reply = await callServer(base, build({ language: settings.language, ...message }), settings.token);
  // A Glance server answers `not_found` both for "no cards stored yet" and for a route it
  // does not have (an address with a wrong path): only a server whose health answers
  // means the first.
  if (type === "stored" && !reply.ok && reply.error.code === "not_found") {
    const health = await checkHealth(base);
    if (!health.ok) return health;
  }
  return reply;
}

/** The server's health; anything but Glance's own answer there is `not_glance`.
 * A Glance whose database cannot be read answers `storage_unavailable`: that is Glance too. */
async function checkHealth(base) {
  const reply = await callServer(base, REQUESTS.health());
  if (reply.ok || ["server_unreachable", "timeout", "not_glance", "storage_unavailable"].includes(reply.error.code)) {
    return reply;
  }
  return notGlance(base, reply.error.status);
}

async function callServer(base, { path, method = "GET", body, timeout, looks }, token = "") {
  const headers = body ? { "Content-Type": "application/json" } : {};
  // Only to the saved server (the options page's test of an unsaved address sends none).
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(base + path, {
      method,
      cache: "no-store",
      headers,
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeout),
    });
  } catch (err) {
    if (err?.name === "TimeoutError") {
      return failure("timeout", `The Glance server did not answer within ${timeout / 1000} seconds.`, { serverUrl: base });
    }
    return failure("server_unreachable", `Could not reach the Glance server at ${base}.`, { serverUrl: base });
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    // not JSON: handled below
  }
  if (response.ok) return isObject(data) && looks(data) ? { ok: true, data } : notGlance(base, response.status);
  const error = isObject(data) && isObject(data.error) ? data.error : null;
  if (!error || typeof error.code !== "string" || !error.code) return notGlance(base, response.status);
  // A Glance error body: its message is written for people, so the panel shows it.
  return failure(error.code, typeof error.message === "string" ? error.message : "", {
    status: response.status,
    retryAfter: response.headers.get("Retry-After"),
    serverUrl: base,
    fromServer: true,
  });
}

/** Something answered, but not in Glance's JSON: another web server, or a wrong port or path. */
function notGlance(base, status) {
  return failure("not_glance", `The server at ${base} does not answer as Glance.`, { status, serverUrl: base });
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isCards(data) {
  return typeof data.video_id === "string" || isObject(data.about);
}

function summaryPath(m, extra = {}) {
  return videoPath(m, "summary", { lang: m.language, ...extra });
}

function videoPath(m, what, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const qs = query.toString();
  return `/api/v1/videos/${encodeURIComponent(m.videoId)}/${what}${qs ? `?${qs}` : ""}`;
}

function failure(code, message, extra = {}) {
  return { ok: false, error: { code, message, ...extra } };
}
