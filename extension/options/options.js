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
  $("language").value = settings.language;
  document.querySelector(`input[name="autoOpen"][value="${settings.autoOpen}"]`).checked = true;
}

/** Loopback addresses are granted at install; any other server needs the person's OK. */
async function allowOrigin(url) {
  const origin = `${new URL(url).origin}/*`;
  if (await chrome.permissions.contains({ origins: [origin] })) return true;
  return chrome.permissions.request({ origins: [origin] });
}

$("server-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const url = normalizeServerUrl(serverInput.value);
  if (!url) return say(serverStatus, "That is not an http:// or https:// address.", "error");
  if (!(await allowOrigin(url).catch(() => false))) {
    return say(serverStatus, "Chrome did not allow Glance to reach that address.", "error");
  }
  await saveSettings({ serverUrl: url });
  serverInput.value = url;
  say(serverStatus, "Saved.", "ok");
});

$("test-connection").addEventListener("click", async () => {
  const url = normalizeServerUrl(serverInput.value);
  if (!url) return say(serverStatus, "That is not an http:// or https:// address.", "error");
  say(serverStatus, `Connecting to ${url}…`);
  const reply = await chrome.runtime.sendMessage({ type: "health", serverUrl: url });
  if (reply?.ok && reply.data?.status === "ok") {
    const { version, summarizer } = reply.data;
    say(serverStatus, `Connected: Glance ${version || ""} with the ${summarizer || "default"} summarizer.`.replace("  ", " "), "ok");
  } else if (reply?.error?.code === "server_unreachable") {
    say(serverStatus, `No Glance server answers at ${url}. Start it with ./bin/serve, or check the address.`, "error");
  } else {
    say(serverStatus, `The server answered, but not as Glance: ${reply?.error?.message || "unexpected reply"}.`, "error");
  }
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
