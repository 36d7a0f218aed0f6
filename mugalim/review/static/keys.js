// The station's keyboard shortcuts (each page lists its own). None of them is a browser's: Alt+D (the address bar),
// Alt+letter (menus, accesskeys) and Ctrl+letter are left to the browser. Keys are read by their place on the
// keyboard (e.code), not the character they type, so they work the same in a Kazakh, Russian or Latin layout.
//   every page:  Alt+Shift+1 the queue, Alt+Shift+2 the dossiers, Alt+Shift+3 the payments
//   the queue:   Enter saves the typed value (a plain form submit), Ctrl+Enter confirms the extracted value,
//                Alt+ArrowDown / Alt+ArrowUp the next / previous unsure field, Alt+Shift+D the field's dossier
//   a scan:      ArrowLeft / ArrowRight the previous / next page (when no input has the focus)
function typing(target) {
  var tag = target && target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
}
function go(href) { if (href) { window.location.href = href; return true; } return false; }

document.addEventListener("keydown", function (e) {
  var item = document.getElementById("item");
  if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey) {
    var nav = document.querySelector('#nav a[data-key="' + e.code + '"]');
    if (nav) { e.preventDefault(); go(nav.getAttribute("href")); return; }
    if (item && e.code === "KeyD") { e.preventDefault(); go("/dossiers/" + item.dataset.dossier); return; }
  }
  if (item && e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    document.getElementById("confirm").click();
  } else if (item && e.altKey && !e.shiftKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
    var id = item.dataset[e.key === "ArrowDown" ? "next" : "prev"];
    if (id) { e.preventDefault(); go("/queue/" + id); }
  } else if (!e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && !typing(e.target)
             && (e.key === "ArrowLeft" || e.key === "ArrowRight")) {
    var link = document.getElementById(e.key === "ArrowLeft" ? "prev-page" : "next-page");
    if (link) { e.preventDefault(); go(link.getAttribute("href")); }
  }
});
window.addEventListener("DOMContentLoaded", function () {
  var v = document.getElementById("value");
  if (v) { v.focus(); v.select(); }
});
