// While someone types in a report form, tell the server now and then that they are still
// there (POST /session/keepalive), so the idle timeout does not end the session under
// them. Without JavaScript nothing is sent and the idle timeout holds as configured.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-keepalive]");
  if (!form || !window.fetch) return;
  var every = parseInt(form.getAttribute("data-keepalive"), 10);
  if (!(every > 0)) return;
  var last = Date.now();
  form.addEventListener("input", function () {
    var now = Date.now();
    if (now - last < every) return;
    last = now;
    fetch("/session/keepalive", { method: "POST", credentials: "same-origin", redirect: "manual" })
      .catch(function () {});
  });
});
