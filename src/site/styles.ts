/**
 * The stylesheet of published pages, inlined in each page so a page opened
 * from file:// or saved on its own still looks right. Screen and print: print
 * hides the controls and the WebGL canvas, shows the static map drawn at
 * publish time, and keeps tables whole where it can.
 */
export const SITE_CSS = `
:root { --ink: #1b1b1b; --muted: #505a5f; --rule: #b1b4b6; --accent: #1d70b8; --bg-soft: #f3f2f1; --focus: #ffdd00; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); line-height: 1.5; }
body { margin: 0; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, [tabindex]:focus { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: 0 0 0 5px var(--ink); }
.skip-link { position: absolute; left: -9999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: var(--focus); color: var(--ink); padding: .5rem; z-index: 10; }
header.site, footer.site { background: var(--ink); color: #fff; padding: .75rem 1.5rem; }
header.site a, footer.site a { color: #fff; }
footer.site { margin-top: 3rem; font-size: .9rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 1rem 0 .5rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .75rem; border-bottom: 2px solid var(--rule); padding-bottom: .25rem; }
h3 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
.meta { color: var(--muted); }
.lede { font-size: 1.15rem; max-width: 48rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .95rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 700; padding: .25rem 0 .5rem; caption-side: top; }
caption .title { font-size: 1.15rem; }
caption .sub { display: block; font-weight: 400; color: var(--muted); }
th, td { border-bottom: 1px solid var(--rule); padding: .35rem .75rem .35rem 0; vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid var(--ink); }
td.num, th.num { text-align: right; }
tr.total th, tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
.ci { display: block; font-size: .8rem; color: var(--muted); }
.table-wrap { overflow-x: auto; }
.table-block { margin: 1.5rem 0 2rem; break-inside: avoid-page; }
dl.labels { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; font-size: .85rem; color: var(--muted); margin: .25rem 0; }
dl.labels dt { font-weight: 700; }
dl.labels dd { margin: 0; }
ul.notes { font-size: .9rem; color: var(--muted); }
.symbols dt { font-family: ui-monospace, monospace; font-weight: 700; }
.symbols { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; }
.symbols dd { margin: 0; }
.map-tools { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: .5rem 0; }
.map-tools label { display: block; font-weight: 700; }
.map-tools input { font: inherit; padding: .3rem; min-width: 18rem; border: 2px solid var(--ink); }
.map-tools button { font: inherit; padding: .3rem .75rem; border: 2px solid var(--ink); background: #fff; cursor: pointer; min-width: 2.75rem; }
.map-tools button:hover { background: var(--bg-soft); }
.map-body { display: grid; grid-template-columns: minmax(0, 1fr) 18rem; gap: 1rem; }
@media (max-width: 50rem) { .map-body { grid-template-columns: 1fr; } }
.map-canvas { width: 100%; height: 34rem; border: 1px solid var(--rule); background: #fff; position: relative; }
.map-panel { border: 1px solid var(--rule); padding: .5rem .75rem; max-height: 34rem; overflow-y: auto; background: var(--bg-soft); }
.map-panel h3 { margin: 0 0 .25rem; font-size: 1rem; }
.map-panel h4 { margin: .5rem 0 .25rem; }
.map-panel h5 { margin: .75rem 0 .25rem; font-size: .9rem; }
.map-panel dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 .75rem; margin: 0; font-size: .9rem; }
.map-panel dd { margin: 0; }
.map-panel ul { margin: 0; padding-left: 1.1rem; font-size: .9rem; }
.map-static { display: none; }
.map-static.shown { display: block; }
.map-static svg { width: 100%; height: auto; max-height: 40rem; border: 1px solid var(--rule); }
.map-fallback { border-left: 5px solid var(--accent); padding: .5rem 1rem; background: var(--bg-soft); }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
ul.legend li { display: flex; align-items: center; gap: .4rem; }
.swatch { display: inline-block; width: 1rem; height: 1rem; border-radius: 50%; border: 1px solid var(--ink); print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.downloads li { margin: .2rem 0; }
.flow { margin: 1rem 0; }
.flow svg { max-width: 100%; height: auto; border: 1px solid #b1b4b6; background: #fff; }
.flow-label { font-size: 12px; fill: var(--ink); paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.flow-step { font-size: 12px; font-weight: bold; fill: var(--ink); }
.flow path:hover { stroke-opacity: 0.8; }
@media print {
  .flow { break-inside: avoid; }
  @page { size: A4; margin: 15mm; }
  html { font-size: 10pt; }
  header.site, footer.site { background: none; color: var(--ink); padding: 0; border-bottom: 1px solid var(--ink); }
  header.site a, footer.site a { color: var(--ink); }
  .skip-link, .map-tools, .map-interactive, .no-print { display: none !important; }
  .map-static { display: block !important; }
  main { max-width: none; padding: 0; }
  a { color: var(--ink); text-decoration: none; }
  h2 { break-before: auto; break-after: avoid; }
  h3, caption { break-after: avoid; }
  tr { break-inside: avoid; }
  .table-wrap { overflow: visible; }
}
`;
