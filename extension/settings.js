// Extension settings: the one DEFAULTS object and the functions that read and write it.
// Imported by the service worker and the options page (ES modules). Content scripts
// ask the worker ({type: "settings"}) so the defaults live only here.

export const DEFAULTS = Object.freeze({
  serverUrl: "http://127.0.0.1:8765", // where the Glance service listens (./bin/serve)
  language: "", // preferred transcript language, e.g. "en"; "" = the video's own
  autoOpen: false, // true: open the panel on every video; false: only on a click
  token: "", // a shared server's token (python -m server token create NAME); "" = none, sent as a Bearer header
});

const AREA = () => chrome.storage.local;

/** Every setting, stored values over DEFAULTS; unknown keys are ignored. */
export async function getSettings() {
  const stored = await AREA().get(Object.keys(DEFAULTS));
  const out = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS)) {
    if (stored[key] !== undefined && typeof stored[key] === typeof DEFAULTS[key]) out[key] = stored[key];
  }
  out.serverUrl = normalizeServerUrl(out.serverUrl) || DEFAULTS.serverUrl;
  return out;
}

/** Store some settings; keys not in DEFAULTS are refused. */
export async function saveSettings(changes) {
  const clean = {};
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in DEFAULTS)) throw new Error(`Unknown setting: ${key}`);
    clean[key] = value;
  }
  await AREA().set(clean);
}

/** "localhost:8765/" -> "http://localhost:8765"; null when it is not an http(s) URL. */
export function normalizeServerUrl(text) {
  let value = String(text || "").trim();
  if (!value) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) value = `http://${value}`;
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return null;
  }
}
