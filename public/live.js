// Skillshelf live participant page: sends its forms with fetch and follows the session over Server-Sent Events.
// Without this script (or an old browser) the page still works: forms post normally and a waiting page refreshes.
(function () {
  "use strict";
  var root = document.getElementById("live");
  if (!root || !window.fetch || !window.URLSearchParams || !window.FormData) return;
  var msgEl = root.querySelector("[data-messages]");
  var msgs = msgEl ? JSON.parse(msgEl.getAttribute("data-messages")) : {};
  var statusBox = document.getElementById("live-status");
  var errorBox = document.getElementById("live-error");
  var lang = document.documentElement.lang === "en" ? "en-GB" : "vi-VN";
  var num = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  var pct = function (n) { return lang === "en-GB" ? num.format(n) + "%" : num.format(n) + "\u00a0%"; };

  function say(box, text, ok) {
    if (!box) return;
    box.textContent = "";
    if (!text) return;
    var d = document.createElement("div");
    d.className = ok
      ? "rounded-md border border-emerald-300 bg-emerald-50 p-3 font-medium text-emerald-900"
      : "rounded-md border border-red-300 bg-red-50 p-3 font-medium text-red-900";
    d.textContent = text;
    box.appendChild(d);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute("data-live-form")) return;
    event.preventDefault();
    var button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    fetch(root.getAttribute("data-api"), {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (result) {
        if (result.ok) {
          say(errorBox, "");
          say(statusBox, result.message, true);
          if (form.hasAttribute("data-reload")) return location.reload();
          var area = form.querySelector("textarea");
          if (area) area.value = "";
          var pressed = form.querySelector("[aria-pressed]");
          if (pressed) pressed.setAttribute("aria-pressed", String(!!result.upvoted));
        } else {
          say(statusBox, "");
          say(errorBox, result.message, false);
        }
      })
      // The network or the server failed: the browser posts the form itself and shows the server's page.
      .catch(function () { form.submit(); })
      .then(function () { if (button) button.disabled = false; });
  });

  var stream = root.getAttribute("data-stream");
  if (!stream || !window.EventSource) return;
  var source = new EventSource(stream);
  source.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (state.key !== root.getAttribute("data-key")) return changed();
    if (state.results) draw(state.results);
  });

  // The trainer moved on (or locked, revealed): the page is read again, unless the person is typing.
  function changed() {
    var active = document.activeElement;
    var typing = active && (active.tagName === "TEXTAREA" || active.type === "text") && active.value;
    if (!typing) return location.reload();
    var d = document.createElement("p");
    var link = document.createElement("a");
    link.href = location.pathname;
    link.textContent = msgs.reload;
    d.textContent = msgs.changed + " ";
    d.appendChild(link);
    statusBox.textContent = "";
    statusBox.appendChild(d);
  }

  function setText(el, text) { if (el) el.textContent = text; }

  function draw(results) {
    var box = document.getElementById("live-results");
    if (!box) return;
    if (results.kind === "wall") return drawWall(box, results.posts);
    setText(box.querySelector("[data-live-voters]"), num.format(results.voters));
    if (results.kind === "words") {
      var list = box.querySelector("[data-live-cloud]");
      if (!list) return location.reload();
      var max = results.words.length ? results.words[0].count : 1;
      var sizes = ["", "text-base", "text-xl", "text-2xl", "text-4xl", "text-5xl"];
      list.textContent = "";
      results.words.slice(0, 80).forEach(function (w) {
        var li = document.createElement("li");
        var step = max <= 1 ? 3 : 1 + Math.round(((w.count - 1) / (max - 1)) * 4);
        li.className = "font-semibold text-brand-800 " + sizes[step];
        var word = document.createElement("span");
        word.textContent = w.word;
        var n = document.createElement("span");
        n.className = "text-sm font-normal text-stone-600";
        n.textContent = " (" + num.format(w.count) + ")";
        li.appendChild(word);
        li.appendChild(n);
        list.appendChild(li);
      });
      return;
    }
    if (results.kind === "rating") setText(box.querySelector("[data-live-mean]"), results.mean === null ? "—" : num.format(results.mean));
    results.counts.forEach(function (n, i) {
      var bar = box.querySelector('[data-live-bar="' + i + '"]');
      if (!bar) return;
      var meter = bar.querySelector("meter");
      if (meter) { meter.max = Math.max(1, results.voters); meter.value = n; }
      setText(bar.querySelector("[data-live-count]"), num.format(n) + " · " + pct(results.voters ? Math.round((n / results.voters) * 100) : 0));
    });
  }

  function drawWall(box, posts) {
    var list = box.querySelector("[data-live-wall]");
    var template = document.getElementById("live-post-template");
    if (!list || !template) return;
    var pressed = {};
    list.querySelectorAll("[data-post]").forEach(function (li) {
      var b = li.querySelector("[aria-pressed=true]");
      if (b) pressed[li.getAttribute("data-post")] = true;
    });
    list.textContent = "";
    if (!posts.length) {
      var empty = document.createElement("li");
      empty.textContent = msgs.noPosts;
      list.appendChild(empty);
    }
    posts.forEach(function (post) {
      var li = template.content.firstElementChild.cloneNode(true);
      li.setAttribute("data-post", post.id);
      if (post.pinned) li.className = li.className.replace("border-stone-300 bg-white", "border-brand-700 bg-brand-50");
      setText(li.querySelector("[data-body]"), post.body);
      setText(li.querySelector("[data-author]"), post.author || "");
      setText(li.querySelector("[data-upvotes]"), num.format(post.upvotes));
      setText(li.querySelector("[data-flags]"), [post.pinned ? msgs.pinned : "", post.answered ? msgs.answered : ""].filter(Boolean).join(" · "));
      var answer = li.querySelector("[data-answer]");
      if (answer && post.answer) { answer.hidden = false; answer.textContent = msgs.answer + ": " + post.answer; }
      var input = li.querySelector("input[name=post]");
      if (input) input.value = post.id;
      var button = li.querySelector("[aria-pressed]");
      if (button && pressed[post.id]) button.setAttribute("aria-pressed", "true");
      list.appendChild(li);
    });
  }
})();
