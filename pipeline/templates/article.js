// The article's heatmaps: a table of one head's weights; hovering, tapping or focusing a row shows that row's
// weights as bars; a gallery of every head (real-model) shows the one clicked. The numbers are the page's JSON,
// read from each chapter's trace.json and rounded as the video rounds them (integers in units of 10^-decimals).
"use strict";
(function () {
  const words = JSON.parse(document.getElementById("article-words").textContent);
  // "9.9" (layer.head) as the page's language says it, e.g. "layer 9 · head 9"
  const headName = (label) => words.head.replace("{layer}", label.split(".")[0]).replace("{head}", label.split(".")[1]);

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function heatmap(box) {
    const data = JSON.parse(document.getElementById("heat-" + box.dataset.heat).textContent);
    const unit = Math.pow(10, data.decimals);
    const written = (u) => (u / unit).toFixed(data.decimals);
    const shade = (u) => "rgba(var(--accent), " + Math.min(1, u / unit).toFixed(3) + ")";
    const grid = box.querySelector(".grid");
    const bars = box.querySelector(".bars");
    const title = box.querySelector(".head-title");
    let head = data.heads[data.start];

    function bar(label, u, extra) {
      const row = el("div", {class: "bar-row" + (extra ? " extra" : ""), "data-key": label});
      row.append(el("span", {class: "k"}, label), el("span", {class: "bar", style: "width:" + (100 * u / unit) + "%"}),
                 el("span", {class: "v"}, written(u)));
      return row;
    }

    function showRow(i) {
      bars.replaceChildren(el("p", {class: "q"}, data.words[i] + " →"));
      bars.dataset.row = String(i);
      head.w[i].forEach((u, j) => bars.append(bar(data.words[j], u, false)));
      if (head.special[i] > 0) bars.append(bar(words.special, head.special[i], true));
      if (head.outside[i] > 0) bars.append(bar(words.outside, head.outside[i], true));
      grid.querySelectorAll("tbody tr").forEach((tr, k) => tr.classList.toggle("on", k === i));
    }

    function showHead(h) {
      head = data.heads[h];
      title.textContent = head.label.includes(".") ? headName(head.label) : "";
      const table = el("table", {class: "heat"});
      const top = el("tr");
      top.append(el("th"));
      data.words.forEach((w) => top.append(el("th", {scope: "col"}, w)));
      table.append(el("thead"));
      table.tHead.append(top);
      const body = el("tbody");
      head.w.forEach((row, i) => {
        const tr = el("tr", {tabindex: "0"});
        tr.append(el("th", {scope: "row"}, data.words[i]));
        row.forEach((u) => tr.append(el("td", {style: "background:" + shade(u)}, written(u))));
        for (const type of ["mouseenter", "click", "focus"]) tr.addEventListener(type, () => showRow(i));
        body.append(tr);
      });
      table.append(body);
      grid.replaceChildren(table);
      box.querySelectorAll(".gallery button").forEach((b, k) => b.setAttribute("aria-pressed", String(k === h)));
      showRow(Number(bars.dataset.row || 0));
    }

    const gallery = box.querySelector(".gallery");
    if (gallery) {
      data.heads.forEach((h, k) => {
        const button = el("button", {type: "button", title: headName(h.label), "aria-pressed": "false"});
        const canvas = el("canvas", {width: String(data.words.length), height: String(data.words.length)});
        const paint = canvas.getContext("2d");
        h.w.forEach((row, i) => row.forEach((u, j) => {
          paint.fillStyle = "rgba(37, 99, 235, " + Math.min(1, u / unit) + ")";
          paint.fillRect(j, i, 1, 1);
        }));
        button.append(canvas);
        button.addEventListener("click", () => showHead(k));
        gallery.append(button);
      });
    }
    showHead(data.start);
  }

  document.querySelectorAll(".heatmap").forEach(heatmap);
})();
