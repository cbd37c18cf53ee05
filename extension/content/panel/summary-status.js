// The row at the top of the Summary tab: which card set is shown ("Summary" written by the
// language model, "Highlights" made offline), a line saying a fuller summary is being written
// (the model, "part 2 of 4") or why it could not be, and a menu with Regenerate and Forget.
// It follows the server's background job by polling the video's status through the service
// worker, and swaps the LLM's cards in when they are ready, in place. A slow model is never
// an error here: polls that fail are retried quietly. Exposes globalThis.GlanceSummaryStatus.

(() => {
  const { h } = GlanceDom;
  const POLL_MS = 2_000; // a status read is one indexed query: cheap enough for every panel that follows
  const QUICK_MS = 5_000 + 2_000; // the worker's own timeout plus a margin for its start-up
  const GENERATE_MS = 45_000 + 2_000;
  const QUIET_FAILURES = 5; // status polls that may fail in a row before the line says so (it keeps trying)

  const isLLM = (cards) => /^llm\b/i.test(String(cards?.meta?.summarizer || "")) && cards?.meta?.fallback !== true;
  const isCurated = (cards) => cards?.meta?.origin === "curated";

  /**
   * follow({videoId, panel, cards, ask(message, signal, ms), signal}): fill panel.statusSlot for
   * the cards just shown and keep it current until `signal` aborts (the panel closed).
   * Closing never cancels the server's job: its cards are stored, and shown at once next time.
   */
  function follow({ videoId, panel, cards, ask, signal }) {
    const slot = panel.statusSlot;
    const sets = { summary: isLLM(cards) || isCurated(cards) ? cards : null, highlights: isLLM(cards) ? null : cards };
    let shown = sets.summary ? "summary" : "highlights";
    let server = null; // the status answer: summarizer, model, state, note, reason
    let following = false;
    let started = false; // asked the server to start a job this time (once)

    const line = h("p", { class: "gs-line", role: "status", "aria-live": "polite", hidden: true });
    const switcher = h("div", { class: "gs-switch", role: "group", "aria-label": "Card set", hidden: true },
      ["summary", "highlights"].map((name) =>
        h("button", { type: "button", class: "gs-set", "data-set": name, "aria-pressed": "false", text: name === "summary" ? "Summary" : "Highlights",
          title: name === "summary" ? "The summary the language model wrote" : "Highlights picked on your computer, instantly", onclick: () => choose(name) })));
    const menuButton = h("button", { type: "button", class: "gs-more", "data-action": "more", "aria-label": "More actions", title: "More actions", "aria-haspopup": "menu", "aria-expanded": "false", text: "⋯" });
    const menu = h("div", { class: "gs-menu", role: "menu", hidden: true },
      item("regenerate", "Regenerate", "Ask for new cards for this video", regenerate),
      item("forget", "Forget stored cards", "Forget the cards stored for this video", forget));
    menuButton.addEventListener("click", () => setMenu(menu.hidden));
    menu.addEventListener("keydown", (e) => e.key === "Escape" && (setMenu(false), menuButton.focus()));
    panel.root.addEventListener("click", (e) => {
      if (!menu.hidden && !e.composedPath().some((el) => el === menu || el === menuButton)) setMenu(false);
    }, { signal });
    const style = h("link", { rel: "stylesheet", href: chrome.runtime.getURL("content/panel/summary-status.css") });
    const row = h("div", { class: "gs-row" }, switcher, h("span", { class: "gs-spacer" }), h("div", { class: "gs-actions" }, menuButton, menu));
    // The stylesheet goes beside the panel's own, not into the slot: the slot moves each time
    // cards are shown, and a moved <link> loads again (unstyled for a moment).
    panel.root.prepend(style);
    slot.replaceChildren(row, line);
    slot.hidden = false;
    render();
    start();

    function item(action, label, title, onClick) {
      return h("button", { type: "button", role: "menuitem", class: "gs-item", "data-action": action, title, text: label,
        onclick: () => { setMenu(false); onClick(); } });
    }

    function setMenu(open) {
      menu.hidden = !open;
      menuButton.setAttribute("aria-expanded", String(open));
    }

    function say(text, kind = "") {
      line.hidden = !text;
      line.textContent = text || "";
      line.dataset.kind = kind;
      slot.dataset.status = kind || "idle";
    }

    function render() {
      const both = Boolean(sets.summary) && !isCurated(sets.summary) && server?.summarizer !== "extractive";
      switcher.hidden = !both;
      for (const b of switcher.querySelectorAll("[data-set]")) b.setAttribute("aria-pressed", String(b.dataset.set === shown));
    }

    function show(name, data) {
      sets[name] = data;
      shown = name;
      panel.replaceCards(data);
      render();
    }

    async function choose(name) {
      if (name === shown) return;
      if (!sets[name]) {
        const reply = await ask({ type: "stored", videoId, summarizer: name === "highlights" ? "extractive" : null }, signal, QUICK_MS);
        if (signal.aborted) return;
        if (!reply.ok) return say(name === "highlights" ? "The highlights aren't stored for this video yet." : "The summary isn't ready yet.");
        sets[name] = reply.data;
      }
      show(name, sets[name]);
    }

    async function start() {
      const reply = await ask({ type: "status", videoId }, signal, QUICK_MS);
      if (signal.aborted || !reply.ok) return;
      server = reply.data;
      render();
      if (server.summarizer === "extractive") return;
      // Cards from part of a transcript: the service kept nothing and wrote no model summary of
      // part of a video; the panel's note says the transcript is read again next time.
      if (cards?.meta?.partial) return;
      // LLM (or curated) cards are shown: follow only a job still running, e.g. a regeneration
      // asked for before the panel was closed.
      if (sets.summary && !["queued", "running"].includes(server.state)) return;
      watch(server);
    }

    /** Poll until the job is done (swap the cards in) or failed (say why). */
    async function watch(status) {
      if (following) return;
      following = true;
      let misses = 0;
      try {
        while (!signal.aborted) {
          if (status) {
            misses = 0;
            server = status;
            if (status.state === "done") return await arrived();
            if (status.state === "failed") return say(reasonOf(status), "failed");
            if (status.state === "none") {
              if (started) return say("");
              started = true;
              await ask({ type: "generate", videoId }, signal, GENERATE_MS); // starts the model's job; answers at once
            } else say(writing(status), "writing");
          } else if (++misses >= QUIET_FAILURES) {
            say("Glance can't reach its server right now; the summary will be here when you open this video again.", "offline");
          }
          await pause(POLL_MS);
          if (signal.aborted) return;
          const reply = await ask({ type: "status", videoId }, signal, QUICK_MS);
          status = reply.ok ? reply.data : null;
        }
      } finally {
        following = false;
      }
    }

    async function arrived() {
      const reply = await ask({ type: "stored", videoId }, signal, QUICK_MS);
      if (signal.aborted) return;
      if (reply.ok && isLLM(reply.data)) show("summary", reply.data); // else forgotten meanwhile, or curated cards won
      say("");
    }

    function writing(status) {
      const model = status.model ? String(status.model) : "the language model";
      const where = status.state === "queued" ? "waiting for its turn" : status.note;
      return `A fuller summary is being written by ${model}${where ? ` · ${where}` : "…"}`;
    }

    function reasonOf(status) {
      const reason = typeof status.reason === "string" ? status.reason.trim() : "";
      return `${reason || "The language model could not write this summary."} These are the highlights made on your computer.`;
    }

    async function regenerate() {
      const current = sets[shown];
      if (isCurated(current)) return say("These cards were curated by hand, so they stay.");
      say("Asking for new cards…", "writing");
      const reply = await ask({ type: "regenerate", videoId }, signal, GENERATE_MS);
      if (signal.aborted) return;
      if (!reply.ok) return say(refusal(reply.error, "Glance couldn't ask for new cards."), "failed");
      if (server?.summarizer === "extractive" || !server) {
        show(shown, reply.data);
        return say("New cards are in.");
      }
      started = true; // the server started the job itself
      watch({ ...server, state: "running", note: null });
    }

    async function forget() {
      const reply = await ask({ type: "forget", videoId }, signal, QUICK_MS);
      if (signal.aborted) return;
      if (reply.ok) return say("The stored cards for this video are forgotten; Glance makes new ones the next time you open it.");
      if (reply.error.code === "not_found") return say("No cards are stored for this video.");
      say(refusal(reply.error, "Glance couldn't forget the cards."), "failed");
    }

    function refusal(error, fallback) {
      if (error?.code === "unauthorized") return "This server lets only its administrator regenerate or forget cards.";
      return error?.fromServer && error.message ? error.message : fallback;
    }

    function pause(ms) {
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  }

  globalThis.GlanceSummaryStatus = { follow };
})();
