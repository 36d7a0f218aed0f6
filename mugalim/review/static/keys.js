// Keyboard work on the review queue: Enter saves the typed value (a plain form submit), Ctrl+Enter confirms the
// extracted value, Alt+ArrowDown / Alt+ArrowUp move to the next / previous unsure field, Alt+D opens the dossier.
document.addEventListener("keydown", function (e) {
  var item = document.getElementById("item");
  if (!item) return;
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    document.getElementById("confirm").click();
  } else if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
    var id = item.dataset[e.key === "ArrowDown" ? "next" : "prev"];
    if (id) { e.preventDefault(); window.location.href = "/queue/" + id; }
  } else if (e.altKey && (e.key === "d" || e.key === "D")) {
    e.preventDefault();
    window.location.href = "/dossiers/" + item.dataset.dossier;
  }
});
window.addEventListener("DOMContentLoaded", function () {
  var v = document.getElementById("value");
  if (v) { v.focus(); v.select(); }
});
