/* Seloste embed: renders a published privacy notice into a shadow root on any page.
   No inline code, no cookies, no eval: it fetches one HTML fragment from its own origin, next to
   its own address (…/fi.js -> …/fi/fragment.html, …/fi/v3.js -> …/fi/v3/fragment.html). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var css = "__SELOSTE_CSS__";
  var src = new URL(script.src);
  var fragment = new URL(src.pathname.replace(/\.js$/, "/fragment.html"), src);
  var host = document.createElement("div");
  host.className = "seloste-notice-host";
  var target = script.getAttribute("data-target");
  var place = target ? document.querySelector(target) : null;
  if (place) {
    place.appendChild(host);
  } else {
    script.parentNode.insertBefore(host, script.nextSibling);
  }
  var root = host.attachShadow({ mode: "open" });
  // A constructed stylesheet needs no 'unsafe-inline' in the host page's style-src.
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function") {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    var style = document.createElement("style");
    style.textContent = css;
    root.appendChild(style);
  }
  var shown = {};
  fetch(fragment.href, { credentials: "omit", mode: "cors" })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      // Which notice this reader saw: its version number and content hash, for consent records.
      shown.version = response.headers.get("Seloste-Version") || "";
      shown.contentHash = (response.headers.get("ETag") || "").replace(/^(W\/)?"|"$/g, "");
      return response.text();
    })
    .then(function (html) {
      var parsed = new DOMParser().parseFromString(html, "text/html");
      Array.prototype.forEach.call(parsed.body.childNodes, function (node) {
        root.appendChild(document.importNode(node, true));
      });
      // The organisation's accent, as a custom property the stylesheet reads: set through the
      // CSS object model, which a strict style-src allows, and only when it is a plain colour.
      var branded = root.querySelector("[data-seloste-accent]");
      var accent = branded ? branded.getAttribute("data-seloste-accent") : "";
      if (/^#[0-9a-f]{6}$/.test(accent)) {
        host.style.setProperty("--seloste-accent", accent);
      }
      host.setAttribute("data-version", shown.version);
      host.setAttribute("data-content-hash", shown.contentHash);
      host.setAttribute("data-loaded", "true");
      host.dispatchEvent(new CustomEvent("seloste:loaded", { bubbles: true, detail: shown }));
    })
    .catch(function () {
      var link = document.createElement("a");
      link.href = fragment.href.replace(/\/fragment\.html$/, "/frame/");
      link.textContent = link.href;
      root.appendChild(link);
      host.setAttribute("data-loaded", "false");
    });
})();
