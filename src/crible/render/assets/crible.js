/* crible: the details of a highlight on hover and on focus, the layer switches, the JSON
   download and the file drop of the web page. Embedded inline in the report and the page.

   No markup is ever built from strings: detail cards are cloned from the page (where the server
   rendered them escaped) and any other text goes through textContent. */
(function () {
  "use strict";
  const body = document.body;
  body.classList.add("js");
  const tip = document.getElementById("crible-tip");
  let linked = [];

  const OTHER_END = { "m-claim": ".m-source", "m-source": ".m-claim", "m-entity": ".m-entity" };
  const otherEnd = (mark) => {
    const layer = Object.keys(OTHER_END).find((name) => mark.classList.contains(name));
    return layer ? OTHER_END[layer] : null;
  };
  const shown = (mark) => !body.classList.contains("hide-" + mark.getAttribute("data-layer"));

  // The highlights around `el`, innermost first, leaving out the layers switched off.
  function marksAt(el) {
    const out = [];
    for (let node = el; node && !node.classList.contains("text"); node = node.parentElement) {
      if (node.classList.contains("m") && shown(node)) out.push(node);
    }
    return out;
  }

  function hide() {
    linked.forEach((el) => el.classList.remove("on"));
    linked = [];
    if (tip) {
      tip.hidden = true;
      tip.replaceChildren();
    }
  }

  function show(el, point) {
    hide();
    const marks = marksAt(el);
    if (!tip || !marks.length) return;
    const article = marks[0].closest("article");
    const seen = new Set();
    const cards = [];
    for (const mark of marks) {
      for (const key of mark.getAttribute("data-k").split(" ")) {
        if (seen.has(key)) continue;
        seen.add(key);
        const card = document.getElementById("card-" + key);
        if (!card) continue;
        const copy = card.cloneNode(true);
        copy.removeAttribute("id");
        const why = mark.getAttribute("data-why");
        if (why) {
          const line = document.createElement("p");
          line.className = "why";
          line.textContent = "This mention: " + why;
          copy.appendChild(line);
        }
        cards.push(copy);
        // Point at the other end: a claim's source from its statement and back, an entity's
        // other mentions. Not what the pointer is already in.
        const end = otherEnd(mark);
        if (!end) continue;
        article.querySelectorAll(".text " + end + '[data-k~="' + key + '"]').forEach((other) => {
          if (marks.includes(other)) return;
          other.classList.add("on");
          linked.push(other);
        });
      }
    }
    tip.replaceChildren(...cards);
    tip.hidden = false;
    place(marks[0], point);
  }

  // Under the line of the highlight that holds the pointer (or its first line), kept on screen.
  function place(mark, point) {
    const rects = Array.from(mark.getClientRects());
    let rect = rects[0] || mark.getBoundingClientRect();
    if (point) {
      rect = rects.find((r) => point.y >= r.top && point.y <= r.bottom) || rect;
    }
    const view = document.documentElement;
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    const x = point ? Math.min(point.x, rect.right) : rect.left;
    let top = rect.bottom + 8;
    if (top + height > view.clientHeight && rect.top - height - 8 > 0) top = rect.top - height - 8;
    const left = Math.max(8, Math.min(x - 16, view.clientWidth - width - 8));
    tip.style.top = top + window.scrollY + "px";
    tip.style.left = left + window.scrollX + "px";
  }

  document.addEventListener("mouseover", (event) => {
    const mark = event.target instanceof Element ? event.target.closest(".text .m") : null;
    if (mark) show(event.target, { x: event.clientX, y: event.clientY });
    else if (!(document.activeElement && document.activeElement.matches(".text .m"))) hide();
  });
  document.addEventListener("focusin", (event) => {
    const target = event.target;
    if (target instanceof Element && target.matches(".text .m")) {
      show(target, null);
      target.setAttribute("aria-describedby", "crible-tip");
    }
  });
  document.addEventListener("focusout", (event) => {
    if (event.target instanceof Element && event.target.matches(".text .m")) {
      event.target.removeAttribute("aria-describedby");
      hide();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
  window.addEventListener("resize", hide);

  // Layer switches: a class on <body> takes the highlight off; hidden marks leave the tab order.
  function apply(box) {
    const layer = box.getAttribute("data-layer");
    body.classList.toggle("hide-" + layer, !box.checked);
    document.querySelectorAll('.text .m[data-layer="' + layer + '"]').forEach((mark) => {
      mark.setAttribute("tabindex", box.checked && !mark.classList.contains("cont") ? "0" : "-1");
    });
  }
  document.querySelectorAll(".layers input[data-layer]").forEach((box) => {
    apply(box); // a reloaded page may restore unchecked boxes
    box.addEventListener("change", () => {
      apply(box);
      hide();
    });
  });

  // The JSON of the result, from the data blocks of each document (the same bytes the API
  // would send, up to JSON escapes).
  const link = document.getElementById("download-json");
  const blocks = document.querySelectorAll("script.crible-data");
  const result = document.querySelector(".result");
  if (link && blocks.length && result) {
    const parts = Array.from(blocks, (block) => block.textContent);
    const version = JSON.stringify(result.getAttribute("data-version") || "");
    const json = '{"crible_version":' + version + ',"documents":[' + parts.join(",") + "]}\n";
    link.href = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    link.hidden = false;
  }

  // The page's form: drop a file anywhere on it; say that the analysis is running.
  const form = document.getElementById("ask-form");
  const file = document.getElementById("ask-file");
  const drop = document.getElementById("ask-drop");
  if (form && file && drop) {
    const over = (on) => (event) => {
      event.preventDefault();
      drop.classList.toggle("over", on);
    };
    form.addEventListener("dragenter", over(true));
    form.addEventListener("dragover", over(true));
    form.addEventListener("dragleave", over(false));
    form.addEventListener("drop", (event) => {
      over(false)(event);
      if (event.dataTransfer && event.dataTransfer.files.length) file.files = event.dataTransfer.files;
    });
    form.addEventListener("submit", () => {
      const button = document.getElementById("ask-submit");
      if (button) {
        button.disabled = true;
        button.textContent = "Analysing…";
      }
    });
  }

  window.addEventListener("pageshow", () => {
    const button = document.getElementById("ask-submit");
    if (button) {
      button.disabled = false;
      button.textContent = "Analyse";
    }
  });

  // Printing shows every finding table.
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("details.findings").forEach((details) => {
      details.open = true;
    });
  });
})();
