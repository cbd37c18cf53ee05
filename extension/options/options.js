// Options page logic: shows the stored settings, saves changes, tests the server
// connection through the service worker (the only network caller).

import { DEFAULTS, getSettings, saveSettings, normalizeServerUrl } from "../settings.js";

const $ = (id) => document.getElementById(id);
const serverInput = $("server-url");
const serverStatus = $("server-status");

function say(el, text, kind = "") {
  el.textContent = text;
  el.dataset.kind = kind;
}

async function load() {
  const settings = await getSettings();
  serverInput.value = settings.serverUrl;
  serverInput.placeholder = DEFAULTS.serverUrl;
  $("token").value = settings.token;
  showLibrary(settings.serverUrl);
  $("language").value = settings.language;
  document.querySelector(`input[name="autoOpen"][value="${settings.autoOpen}"]`).checked = true;
}

/** Loopback addresses are granted at install; any other server needs the person's OK. */
async function allowOrigin(url) {
  const origin = `${new URL(url).origin}/*`;
  if (await chrome.permissions.contains({ origins: [origin] })) return true;
  return chrome.permissions.request({ origins: [origin] });
}

/** The library page lives on the saved server. */
function showLibrary(serverUrl) {
  const link = $("library-url");
  link.href = `${serverUrl}/library`;
  link.textContent = `${serverUrl}/library`;
}

// The status line speaks about what is in the box now: any edit clears it.
serverInput.addEventListener("input", () => say(serverStatus, ""));

$("server-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const url = normalizeServerUrl(serverInput.value);
  if (!url) return say(serverStatus, "That is not an http:// or https:// address.", "error");
  say(serverStatus, "Saving…");
  if (!(await allowOrigin(url).catch(() => false))) {
    return say(serverStatus, "Chrome did not allow Glance to reach that address.", "error");
  }
  await saveSettings({ serverUrl: url });
  serverInput.value = url;
  showLibrary(url);
  // Saved either way; say so plainly when nothing answers there as Glance yet.
  const reply = await health(url);
  if (reply?.ok) say(serverStatus, `Saved. ${connected(reply.data)}`, reply.data.store === "read_only" ? "warn" : "ok");
  else if (reply?.error?.code === "storage_unavailable") say(serverStatus, `Saved, but ${storageFault(url, reply.error)}`, "warn");
  else if (reply?.error?.code === "not_glance") say(serverStatus, `Saved, but ${notGlance(url, false)}`, "warn");
  else say(serverStatus, "Saved, but no Glance server answers there yet. Start it with ./bin/serve, or check the address.", "warn");
});

$("test-connection").addEventListener("click", async () => {
  const url = normalizeServerUrl(serverInput.value);
  if (!url) return say(serverStatus, "That is not an http:// or https:// address.", "error");
  say(serverStatus, `Connecting to ${url}…`);
  const reply = await health(url);
  if (reply?.ok) say(serverStatus, connected(reply.data), reply.data.store === "read_only" ? "warn" : "ok");
  else if (reply?.error?.code === "storage_unavailable") say(serverStatus, storageFault(url, reply.error), "error");
  else if (reply?.error?.code === "server_unreachable" || reply?.error?.code === "timeout") {
    say(serverStatus, `No Glance server answers at ${url}. Start it with ./bin/serve, or check the address.`, "error");
  } else if (reply?.error?.code === "not_glance") say(serverStatus, notGlance(url, true), "error");
  else say(serverStatus, `The server answered, but not as Glance: ${sentence(reply?.error?.message || "unexpected reply")}`, "error");
});

/** The worker's health check of `url` (the worker is the only network caller). */
function health(url) {
  return chrome.runtime.sendMessage({ type: "health", serverUrl: url }).catch(() => null);
}

function connected({ version, summarizer, store }) {
  const said = `Connected: Glance ${version ? `${version} ` : ""}with the ${summarizer || "default"} summarizer.`;
  // A full or read-only disk: stored cards are still served, new ones cannot be stored.
  return store === "read_only" ? `${said} Its database is read-only right now: stored cards open, new ones cannot be made.` : said;
}

/** Glance answers there, but cannot read its database (the server's own sentence says why). */
function storageFault(url, error) {
  return `The Glance server at ${url} answers: ${sentence(error.message || "it cannot use its database")}`;
}

function notGlance(url, capital) {
  const text = `something answers at ${url}, but it isn't a Glance server. Check the port, and leave out any path after it (for example http://127.0.0.1:8765).`;
  return capital ? text[0].toUpperCase() + text.slice(1) : text;
}

/** End a message with exactly one full stop: "No such endpoint." stays as it is. */
function sentence(text) {
  const clean = String(text).trim();
  return /[.!?…]$/.test(clean) ? clean : `${clean}.`;
}

$("token").addEventListener("input", () => say($("token-status"), ""));

$("token-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const token = $("token").value.trim();
  $("token").value = token;
  await saveSettings({ token });
  say($("token-status"), token ? "Token saved: Glance sends it to the server with every request." : "Token removed.", "ok");
});

$("language").addEventListener("change", async (e) => {
  await saveSettings({ language: e.target.value });
  say($("saved"), "Language saved.", "ok");
});

for (const radio of document.querySelectorAll('input[name="autoOpen"]')) {
  radio.addEventListener("change", async (e) => {
    await saveSettings({ autoOpen: e.target.value === "true" });
    say($("saved"), e.target.value === "true" ? "Glance will open on every video." : "Glance will open when you click it.", "ok");
  });
}

/** Show the shortcut the person actually has (it can be changed at chrome://extensions/shortcuts). */
async function showShortcut() {
  const commands = await chrome.commands.getAll();
  const action = commands.find((c) => c.name === "_execute_action");
  $("shortcut").textContent = action?.shortcut || "a shortcut set at chrome://extensions/shortcuts";
}

load();
showShortcut();
