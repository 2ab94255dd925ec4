// Shows the print button of the report's print view; without JavaScript, Ctrl+P prints.
document.addEventListener("DOMContentLoaded", function () {
  var b = document.getElementById("print-button");
  if (!b) return;
  b.hidden = false;
  b.addEventListener("click", function () { window.print(); });
});
