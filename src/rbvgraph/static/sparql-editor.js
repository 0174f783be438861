/* rbvgraph's query page: YASGUI against this server's own /sparql, one tab per named query.
   Offline by design: no class/property suggestions from Linked Open Vocabularies, no prefix.cc look-up
   (YASGUI's bundled prefix list is used), only this server as endpoint. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("rbv-config").textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;
  var Yasqe = Yasgui.Yasqe;
  ["class", "property"].forEach(function (name) { delete Yasqe.Autocompleters[name]; });
  Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasqe.defaults.prefixCcApi = null;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    autoAddOnInit: false,
    corsProxy: undefined,
    yasqe: { autocompleters: ["prefixes", "variables"], prefixCcApi: null, createShortLink: undefined }
  });
  config.tabs.forEach(function (tab, index) {
    yasgui.addTab(index === 0, {
      name: tab.name,
      yasqe: { value: tab.query },
      requestConfig: { endpoint: endpoint, method: "POST" }
    });
  });
  if (!config.tabs.length) {
    yasgui.addTab(true, { name: "query", requestConfig: { endpoint: endpoint, method: "POST" } });
  }
  window.rbvYasgui = yasgui;
})();
