// The Ask tab of the panel: a question box, the transcript moments that answer it (each
// with its time, the matching words marked, click to seek), then a written answer with
// [mm:ss] citations when the server has a language model. The questions asked about a
// video are kept in this browser (chrome.storage.local), never on the server.
// It also links to "All your videos", the library page (search across every video; the
// panel's top bar has no room left beside three tabs). Exposes globalThis.GlanceAskView.

(() => {
  const { h, icon, ICONS } = GlanceDom;
  const F = GlanceFormat;
  const MAX_QUESTION = 500; // the server's limit
  const KEEP = 20; // questions kept per video
  const FOLLOW_UP_OF = 3; // earlier questions sent along, so "and why?" keeps its context
  const QUICK_MS = 20_000 + 2_000; // the worker's timeouts plus a margin
  const ANSWER_MS = 90_000 + 2_000;
  const storageKey = (videoId) => `ask:${videoId}`;

  /** create({videoId}) -> {el, focus()}; times are [data-seek] links, seeked by the panel. */
  function create({ videoId }) {
    const asked = []; // this panel's questions, oldest first (the follow-up context)
    const input = h("input", {
      type: "search", class: "ask-input", name: "question", maxlength: String(MAX_QUESTION),
      placeholder: "Ask this video…", "aria-label": "Ask a question about this video", autocomplete: "off",
    });
    const submit = h("button", { type: "submit", class: "button primary", "data-action": "ask" }, icon(ICONS.search), h("span", { class: "label", text: "Ask" }));
    const form = h("form", { class: "ask-form", role: "search" }, input, submit);
    const earlier = h("div", { class: "ask-earlier", hidden: true });
    const results = h("div", { class: "ask-results", "aria-live": "polite" });
    const hint = h("p", { class: "ask-hint", text: "Ask about anything said in the video: Glance shows the moments that answer it." });
    const library = h("p", { class: "ask-library" }, "Across every video you summarized: ", libraryLink());
    const el = h("section", { class: "section ask", "data-section": "ask", "aria-label": "Ask the video" },
      h("link", { rel: "stylesheet", href: chrome.runtime.getURL("content/panel/ask-view.css") }),
      form, earlier, hint, library, results);

    form.addEventListener("submit", (e) => {
      e.preventDefault();
      run(input.value);
    });
    showEarlier();

    async function run(raw) {
      const question = String(raw || "").trim().replace(/\s+/g, " ");
      if (!question) return input.focus();
      hint.hidden = true;
      const history = asked.slice(-FOLLOW_UP_OF);
      asked.push(question);
      remember(question);
      input.value = "";
      const block = h("article", { class: "ask-block", "data-question": question },
        h("h4", { class: "ask-question", text: question }),
        h("p", { class: "ask-status", role: "status", text: "Searching the transcript…" }));
      results.prepend(block);
      const reply = await send({ type: "ask", videoId, question, history }, QUICK_MS);
      const status = block.querySelector(".ask-status");
      if (!reply.ok) return failed(status, reply.error);
      status.remove();
      block.append(moments(reply.data.moments));
      if (!reply.data.can_answer || !reply.data.moments.length) return;
      const writing = h("p", { class: "ask-status", role: "status", text: "Writing an answer from these moments…" });
      block.insertBefore(writing, block.querySelector(".ask-moments"));
      const written = await send({ type: "ask", videoId, question, history, answer: true }, ANSWER_MS);
      if (!written.ok) return failed(writing, written.error);
      writing.replaceWith(answer(written.data.answer));
    }

    function moments(list) {
      if (!list.length) return h("p", { class: "ask-none", text: "Nothing in the transcript matches those words. Try other words, or the Transcript tab's search." });
      return h("ol", { class: "ask-moments" }, list.map((m) =>
        h("li", { class: "ask-moment" },
          h("a", { class: "ask-jump", href: `/watch?v=${videoId}&t=${Math.floor(m.start)}s`, dataset: { seek: String(m.start) }, "aria-label": `Play from ${F.time(m.start)}` },
            h("span", { class: "time", text: F.time(m.start) }),
            h("span", { class: "ask-text" }, marked(m.text, m.highlights))))));
    }

    /** The answer's text with every [mm:ss] a seek link; citations the server could not check are marked. */
    function answer(data) {
      if (!data || !data.text) return h("p", { class: "ask-none", text: "The language model gave no answer; the moments below are from the transcript." });
      const parts = [];
      let last = 0;
      for (const c of data.citations || []) {
        if (c.offset < last || c.offset + c.length > data.text.length) continue;
        parts.push(data.text.slice(last, c.offset));
        const label = data.text.slice(c.offset, c.offset + c.length);
        parts.push(c.verified && F.start(c.start) !== null
          ? h("a", { class: "time cite", href: `/watch?v=${videoId}&t=${Math.floor(c.start)}s`, dataset: { seek: String(c.start) }, text: label })
          : h("span", { class: "cite unverified", title: "Glance could not find this in the transcript", text: `${label}?` }));
        last = c.offset + c.length;
      }
      parts.push(data.text.slice(last));
      return h("div", { class: "ask-answer" }, h("p", null, parts),
        h("p", { class: "provenance", text: data.dropped ? `Written by ${data.model || "a language model"}; ${data.dropped} citation(s) not found in the transcript are marked with ?.` : `Written by ${data.model || "a language model"} from the transcript.` }));
    }

    function failed(status, error) {
      const m = GlanceMessages.forError(error);
      status.className = "ask-error";
      status.setAttribute("role", "alert");
      status.textContent = error.fromServer && error.message ? error.message : m.title;
    }

    async function showEarlier() {
      const list = await stored();
      earlier.replaceChildren(
        h("span", { class: "ask-earlier-label", text: "Asked before:" }),
        ...list.slice(-6).reverse().map((q) => h("button", { type: "button", class: "chip", "data-action": "ask-again", text: q, onclick: () => run(q) })),
      );
      earlier.hidden = list.length === 0;
    }

    async function stored() {
      try {
        const data = await chrome.storage.local.get(storageKey(videoId));
        return Array.isArray(data[storageKey(videoId)]) ? data[storageKey(videoId)] : [];
      } catch {
        return []; // the extension was reloaded under this page: no history, still works
      }
    }

    async function remember(question) {
      const list = (await stored()).filter((q) => q !== question);
      list.push(question);
      try {
        await chrome.storage.local.set({ [storageKey(videoId)]: list.slice(-KEEP) });
      } catch {
        return;
      }
      showEarlier();
    }

    return { el, focus: () => input.focus() };
  }

  /** Text with the [start, end) character spans wrapped in <mark>. */
  function marked(text, spans) {
    const out = [];
    let last = 0;
    for (const [a, b] of spans || []) {
      if (a < last || b > text.length) continue;
      out.push(text.slice(last, a), h("mark", { text: text.slice(a, b) }));
      last = b;
    }
    out.push(text.slice(last));
    return out;
  }

  /** "All your videos": the library page of the configured server, in a new tab. */
  function libraryLink() {
    const a = h("a", { class: "library-link", target: "_blank", rel: "noopener", "data-action": "library", text: "All your videos", title: "Every video Glance has summarized, searchable" });
    send({ type: "settings" }, QUICK_MS).then((reply) => {
      if (reply.ok && reply.data.serverUrl) a.href = `${reply.data.serverUrl}/library`;
      else (a.parentElement || a).hidden = true; // no server set: no sentence that leads nowhere
    });
    return a;
  }

  function send(message, timeoutMs) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, error: { code: "timeout", message: "" } }), timeoutMs);
      try {
        chrome.runtime.sendMessage(message).then(
          (reply) => { clearTimeout(timer); resolve(reply || { ok: false, error: { code: "extension_error" } }); },
          () => { clearTimeout(timer); resolve({ ok: false, error: { code: "extension_reloaded" } }); },
        );
      } catch {
        clearTimeout(timer);
        resolve({ ok: false, error: { code: "extension_reloaded" } });
      }
    });
  }

  globalThis.GlanceAskView = { create };
})();
