/*
 * Quick exit ("Leave this site").
 *
 * Routes out: the button, a skip link that is the first thing Tab reaches,
 * Shift pressed three times (GOV.UK's Exit this page), and Escape (what the
 * force's own sites promise).
 *
 * Escape is not user activation and is also how people dismiss autocomplete
 * lists, so inside a text box, list or text area Escape must be pressed twice
 * within a second; elsewhere once is enough. Left and right Shift both count;
 * any other key in between starts the count again, so typing capitals never
 * triggers it.
 *
 * Every route goes through the site's own /leave/ address, which clears the
 * session, with location.replace() so the page being left is taken out of
 * the history and Back does not return to it.
 */
(function () {
  "use strict";

  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 5000;
  var ESCAPE_WINDOW_MS = 1000;

  var exitPath = document.body.getAttribute("data-quick-exit") || "/leave/";
  var announcer = document.getElementById("quick-exit-announcer");
  var overlay = document.getElementById("quick-exit-status");
  var shiftCount = 0;
  var shiftTimer = null;
  var lastEscape = 0;
  var leaving = false;

  function announce(text) {
    if (announcer) {
      announcer.textContent = text;
    }
  }

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    if (leaving) {
      return;
    }
    leaving = true;
    announce("Leaving this site.");
    if (overlay) {
      overlay.hidden = false;
    }
    // Hide the page at once, so nothing is left on screen while the next one loads.
    document.title = "Leaving…";
    window.location.replace(exitPath);
  }

  function resetShift() {
    shiftCount = 0;
    if (shiftTimer) {
      clearTimeout(shiftTimer);
      shiftTimer = null;
    }
  }

  function inTextEntry(element) {
    if (!element) {
      return false;
    }
    var tag = element.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-quick-exit-link]");
    if (target) {
      leave(event);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.isComposing || event.repeat) {
      return;
    }
    if (event.key === "Shift") {
      shiftCount += 1;
      if (shiftTimer) {
        clearTimeout(shiftTimer);
      }
      shiftTimer = setTimeout(function () {
        resetShift();
        announce("");
      }, SHIFT_WINDOW_MS);
      if (shiftCount >= SHIFT_PRESSES) {
        resetShift();
        leave(event);
      } else {
        var left = SHIFT_PRESSES - shiftCount;
        announce("Shift, press " + left + " more " + (left === 1 ? "time" : "times") + " to leave this site.");
      }
      return;
    }
    resetShift();
    if (event.key === "Escape" || event.key === "Esc") {
      var now = Date.now();
      if (!inTextEntry(document.activeElement) || now - lastEscape < ESCAPE_WINDOW_MS) {
        leave(event);
      } else {
        lastEscape = now;
        announce("Press Escape again to leave this site.");
      }
    }
  });

  // Coming Back to a page that was being left (from the back-forward cache):
  // do not show it again; leave once more.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && leaving) {
      window.location.replace(exitPath);
    }
  });
})();
