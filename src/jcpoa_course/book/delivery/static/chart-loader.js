/* Charts arrive drawn: each div.jcpoa-chart already holds its SVG, drawn when the book was built
 * (jcpoa_course.views.render). This script makes them live (tooltips, bound inputs) without making
 * every reader pay for vega up front: vega, vega-lite and vega-embed (about 270 kB gzipped) are
 * fetched only when the reader reaches for a chart (pointer over it, focus or touch in it, an input
 * changed) or, after the page has loaded, when the browser is idle, unless the reader asked to save
 * data. Each chart's Vega-Lite spec is fetched then too, from chart-specs/<chart id>.json beside
 * this script (the book extension moves it out of the page, which then arrives lighter), unless the
 * page still holds it inline. The live chart is drawn off the page and swapped in whole, with the
 * same size as the drawing, so nothing on the page moves. If vega or a spec fails to load, the
 * drawing simply stays. */
(function () {
  "use strict";

  var VENDOR = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];
  var OPTIONS = { actions: false, renderer: "svg" };
  var here = document.currentScript ? document.currentScript.src : document.baseURI;
  var pointer = null; // where the reader's pointer last was over a chart: replayed for the tooltip

  function vendorUrl(name) {
    return new URL("vendor/" + name, here).href;
  }

  function loadScript(name) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = vendorUrl(name); // added scripts are async: none waits in the page's queue behind vega
      script.onload = resolve;
      script.onerror = function () { reject(new Error(name + " did not load")); };
      document.head.appendChild(script);
    });
  }

  /* vega, then vega-lite, then vega-embed: fetched together (preloaded), each run once the one before
   * has run. Not with async = false: the browser runs every such script in one queue, so the theme's
   * scripts, which the layout adds that way after the first paint, would wait for vega to arrive and
   * compile whenever the idle time or a hover came first (half the cold visits here). */
  function loadVega() {
    VENDOR.forEach(function (name) {
      var hint = document.createElement("link");
      hint.rel = "preload";
      hint.as = "script";
      hint.href = vendorUrl(name);
      document.head.appendChild(hint);
    });
    return VENDOR.reduce(function (loaded, name) {
      return loaded.then(function () { return loadScript(name); });
    }, Promise.resolve());
  }

  function specOf(chart) {
    var inline = document.querySelector('script.jcpoa-chart-spec[data-chart="' + chart.id + '"]');
    if (inline) return Promise.resolve(JSON.parse(inline.textContent));
    return fetch(new URL("chart-specs/" + chart.id + ".json", here).href).then(function (response) {
      if (!response.ok) throw new Error("the spec of " + chart.id + " did not load (" + response.status + ")");
      return response.json();
    });
  }

  /* The values the reader set in the drawn inputs before vega arrived, by parameter name. */
  function chosenValues(chart, spec) {
    var values = {};
    (spec.params || []).forEach(function (param) {
      var input = chart.querySelector('.vega-bindings [name="' + param.name + '"]');
      if (!input) return;
      if (input.type === "checkbox") values[param.name] = input.checked;
      else if (input.tagName === "SELECT") values[param.name] = param.bind.options[input.selectedIndex];
    });
    return values;
  }

  /* Wait while the reader is using a drawn input (an open menu would close under them). */
  function whenInputsAreFree(chart) {
    var active = document.activeElement;
    if (!active || active.tagName !== "SELECT" || !chart.contains(active)) return Promise.resolve();
    return new Promise(function (resolve) {
      active.addEventListener("change", resolve, { once: true });
      active.addEventListener("blur", resolve, { once: true });
    });
  }

  function replayPointer(chart) {
    if (!pointer || pointer.chart !== chart) return;
    var target = document.elementFromPoint(pointer.x, pointer.y);
    if (!target || !chart.contains(target)) return;
    ["pointerover", "pointermove", "mouseover", "mousemove"].forEach(function (type) {
      var Kind = type.indexOf("pointer") === 0 && window.PointerEvent ? window.PointerEvent : window.MouseEvent;
      target.dispatchEvent(new Kind(type, { bubbles: true, clientX: pointer.x, clientY: pointer.y }));
    });
  }

  function goLive(chart, spec) {
    if (chart.dataset.live) return Promise.resolve();
    chart.dataset.live = "pending";
    var live = document.createElement("div");
    return window.vegaEmbed(live, spec, OPTIONS).then(function (result) {
      return whenInputsAreFree(chart).then(function () {
        var values = chosenValues(chart, spec);
        Object.keys(values).forEach(function (name) { result.view.signal(name, values[name]); });
        return result.view.runAsync();
      }).then(function () {
        var focused = chart.contains(document.activeElement) ? document.activeElement.getAttribute("name") : null;
        chart.replaceChildren(live);
        chart.dataset.live = "yes";
        chart.removeAttribute("aria-busy");
        if (focused) {
          var again = live.querySelector('[name="' + focused + '"]');
          if (again) again.focus();
        }
        replayPointer(chart);
      });
    });
  }

  var woken = null;

  /* Make every chart on the page live, once, however many events ask for it. Until then each chart
   * is marked busy (aria-busy; the stylesheet shows a progress cursor over it): on a slow line a
   * reader who asked to save data waits a second or two after their first hover. */
  function wake() {
    if (woken) return;
    var charts = Array.prototype.slice.call(document.querySelectorAll("div.jcpoa-chart"));
    charts.forEach(function (chart) { chart.setAttribute("aria-busy", "true"); });
    var specs = Promise.all(charts.map(specOf)); // fetched while vega loads
    woken = Promise.all([loadVega(), specs])
      .then(function (loaded) {
        return Promise.all(charts.map(function (chart, i) { return goLive(chart, loaded[1][i]); }));
      })
      .catch(function (error) {
        charts.forEach(function (chart) { chart.removeAttribute("aria-busy"); });
        console.error("jcpoa charts stay as drawn: " + error);
      });
  }

  function watch(chart) {
    chart.addEventListener("pointerover", function (event) {
      pointer = { chart: chart, x: event.clientX, y: event.clientY };
      wake();
    });
    chart.addEventListener("pointermove", function (event) {
      if (!chart.dataset.live || chart.dataset.live === "pending") {
        pointer = { chart: chart, x: event.clientX, y: event.clientY };
      }
    });
    chart.addEventListener("pointerleave", function () { pointer = null; });
    ["focusin", "touchstart", "change"].forEach(function (type) {
      chart.addEventListener(type, wake, { passive: true });
    });
  }

  function whenIdle() {
    var connection = navigator.connection;
    if (connection && connection.saveData) return; // the reader asked to save data: wait for them
    if (window.requestIdleCallback) window.requestIdleCallback(wake, { timeout: 4000 });
    else window.setTimeout(wake, 1000);
  }

  document.querySelectorAll("div.jcpoa-chart").forEach(watch);
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle);
})();
