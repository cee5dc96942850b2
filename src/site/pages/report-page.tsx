/**
 * One region's report page: overview, map, cluster tables, profiles, pathway
 * tables, method notes and caveats, downloads. Renders a ProtectedRelease only.
 */
import type { ProtectedRelease, PublishedTable } from '../../core/disclosure/release.js';
import type { Section, StandardLabels } from '../../core/results.js';
import { naturalCompare } from '../../core/natural-order.js';
import { formatCount, formatInterval } from '../format.js';
import { overview } from '../headlines.js';
import { MAP_DATA_ELEMENT_ID, OTHER_COLOR, type MapData } from '../map-data.js';
import { Labels, Page, SymbolKey, TableBlock } from './components.js';
import { FlowDiagram } from './flow-diagram.js';
import { StaticMap } from './static-map.js';

export interface ReportFiles {
  /** Table id -> CSV path relative to the page. */
  csv: Map<string, string>;
  networkJson?: string;
  networkGexf?: string;
  datapackage: string;
  pdf?: string;
  mapScript: string;
  home: string;
}

export interface ReportModel {
  code: string;
  name: string;
  release: ProtectedRelease;
  map: MapData | null;
  labels: StandardLabels;
  /** Labels of one table (its analysis's source and classification). */
  tableLabels?: (table: PublishedTable) => StandardLabels;
  files: ReportFiles;
}

/** The release's sections in the order its analyses declared them; a table in an undeclared section gets a heading from its id. */
function sectionsOf(release: ProtectedRelease): Array<Section & { tables: PublishedTable[] }> {
  const declared = release.publication.sections;
  const ids = [...declared.map((s) => s.id), ...release.tables.map((t) => t.section).filter((id) => !declared.some((s) => s.id === id))];
  return [...new Set(ids)]
    .map((id) => {
      const s = declared.find((d) => d.id === id) ?? { id, heading: id.charAt(0).toUpperCase() + id.slice(1).replace(/[-_]/g, ' ') };
      return { ...s, tables: release.tables.filter((t) => t.section === id) };
    })
    .filter((s) => s.tables.length > 0);
}

/** How the figures were protected, in plain words (never the parameters of the method). */
function SmallNumbers(props: { release: ProtectedRelease }) {
  const { release } = props;
  const policy = release.policy;
  const omitted = release.network && release.network.omitted.nodes + release.network.omitted.links > 0;
  const caution = (
    <li>
      Many qualifications and occupations are held by only a few people. One person's qualification and job say little about where
      that qualification usually leads: the more people behind a figure, the more weight it can bear.
    </li>
  );
  if (policy.method === 'perturbation') {
    return (
      <ul>
        {caution}
        <li>
          To protect the people behind the figures, every count has been changed slightly, so that no one can be identified from them.
          The same count is always changed the same way, in every table and report, so asking for it again or in another table tells
          nothing more. Counts of zero stay zero, and no count of {policy.minCount - 1 === 1 ? '1' : `1 to ${formatCount(policy.minCount - 1)}`} is shown.
        </li>
        <li>
          Each figure, totals included, is changed on its own, so totals need not equal the sum of the figures they cover, and the
          same group may show slightly different counts where it is counted in a different way. Percentages are worked out from the
          changed counts; those based on fewer than {formatCount(policy.minBase)} people are marked [u] (low reliability).
        </li>
        {omitted ? <li>The map leaves out qualifications, occupations and links whose changed count is zero.</li> : null}
      </ul>
    );
  }
  return (
    <ul>
      {caution}
      <li>
        To protect the people behind the figures, counts under {formatCount(policy.minCount)} are withheld and shown as [c]
        {policy.roundingBase !== null && policy.roundingBase > 1 ? `, other counts are rounded to the nearest ${formatCount(policy.roundingBase)}` : ''}, and
        percentages of groups under {formatCount(policy.minBase)} people are not shown. Some further figures are withheld so that
        withheld ones cannot be worked out from totals
        {/together with the \d+ other report/.test(release.audit.method ?? '') ? ', or by comparing this report with the other reports published with it' : ''}.
      </li>
      <li>
        Percentages are worked out before rounding, so they may not match the rounded counts exactly, and totals may not equal the
        sum of the rounded figures.
      </li>
      {omitted ? <li>The map leaves out qualifications, occupations and links whose counts are withheld.</li> : null}
    </ul>
  );
}

export function omittedText(o: { nodes: number; links: number }): string {
  const nodes = `${formatCount(o.nodes)} ${o.nodes === 1 ? 'qualification or occupation' : 'qualifications or occupations'}`;
  const links = `${formatCount(o.links)} ${o.links === 1 ? 'link' : 'links'}`;
  return `${nodes} and ${links} ${o.nodes + o.links === 1 ? 'is' : 'are'}`;
}

export function ReportPage(props: { model: ReportModel }) {
  const { model } = props;
  const { release, map, files } = model;
  const paras = overview(release, model.name);
  const sections = sectionsOf(release);
  const analyses = release.publication.analyses;
  return (
    <Page
      title={`${model.name}: where qualifications lead (${model.code})`}
      home={files.home}
      head={
        // Without scripts the static map stands in for the interactive one.
        <noscript>
          <style dangerouslySetInnerHTML={{ __html: '.map-static{display:block}.map-interactive{display:none}' }} />
        </noscript>
      }
    >
      <p class="meta">
        Report {model.code} · {model.labels.date}
      </p>
      <h1>Where qualifications lead: {model.name}</h1>
      <section aria-labelledby="overview-heading">
        <h2 id="overview-heading">Overview</h2>
        {paras.map((p, i) => (
          <p class={i === 0 ? 'lede' : undefined}>{p}</p>
        ))}
      </section>

      {map !== null && map.nodes.length === 0 ? (
        <section id="map" aria-labelledby="map-heading">
          <h2 id="map-heading">Map of qualifications and occupations</h2>
          <p>
            No qualification or occupation in this report has enough people behind it to be shown on a map: {omittedText(map.omitted)} withheld.
            The tables below show what can be published.
          </p>
        </section>
      ) : null}
      {map !== null && map.nodes.length > 0 ? (
        <section id="map" aria-labelledby="map-heading">
          <h2 id="map-heading">Map of qualifications and occupations</h2>
          <p>
            Each circle is a qualification or an occupation; its size shows how many people hold or entered it, its colour the cluster
            it belongs to. The thicker a line, the more people hold both. Point at or select a circle to see its links; use the search
            box to find one.
            {map.omitted.nodes + map.omitted.links > 0
              ? ` ${omittedText(map.omitted)} not shown because their counts are withheld.`
              : ''}
          </p>
          <div class="map-interactive">
            <form class="map-tools" id="map-search-form" role="search" aria-label="Map">
              <div>
                <label for="map-search">Find a qualification or occupation</label>
                <input id="map-search" type="search" list="map-search-options" autocomplete="off" data-map-control="" />
                <datalist id="map-search-options">
                  {[...map.nodes]
                    .sort((a, b) => naturalCompare(a.label, b.label))
                    .map((n) => (
                      <option value={n.label} />
                    ))}
                </datalist>
              </div>
              <button type="submit" data-map-control="">
                Find
              </button>
              <div role="group" aria-label="Zoom">
                <button type="button" id="map-zoom-in" aria-label="Zoom in" data-map-control="">
                  +
                </button>{' '}
                <button type="button" id="map-zoom-out" aria-label="Zoom out" data-map-control="">
                  −
                </button>{' '}
                <button type="button" id="map-reset" data-map-control="">
                  Reset view
                </button>
              </div>
              <p id="map-search-status" role="status" class="meta"></p>
            </form>
            <div class="map-body">
              <div
                id="map-canvas"
                class="map-canvas"
                tabindex={0}
                role="application"
                aria-label="Interactive map. Arrow keys pan, plus and minus zoom, 0 resets, Escape clears the selection."
                aria-describedby="map-keys"
              ></div>
              <aside class="map-panel" aria-labelledby="map-panel-heading" aria-live="polite">
                <h3 id="map-panel-heading">Details</h3>
                <div id="map-panel-body">
                  <p>Point at or select a qualification or occupation to see its links.</p>
                </div>
              </aside>
            </div>
            <p id="map-keys" class="meta">
              Keys when the map has focus: arrow keys pan, + and − zoom, 0 resets the view, Escape clears the selection. Mouse: scroll
              to zoom, drag to pan. Touch: pinch to zoom, drag to pan.
            </p>
            <div id="map-fallback" class="map-fallback" hidden>
              <p></p>
            </div>
          </div>
          <div class="map-static" id="map-static">
            <StaticMap data={map} titleId="map-static-title" />
          </div>
          <h3 id="legend-heading">Key to colours</h3>
          <ul class="legend" aria-labelledby="legend-heading">
            {map.clusters
              .filter((c) => c.color !== OTHER_COLOR)
              .map((c) => (
                <li>
                  <span class="swatch" style={`background:${c.color}`} aria-hidden="true"></span>
                  {c.name}
                  {c.people !== null ? ` (${formatCount(c.people)} people)` : ''}
                </li>
              ))}
            <li>
              <span class="swatch" style={`background:${OTHER_COLOR}`} aria-hidden="true"></span>
              {map.clusters.some((c) => c.color === OTHER_COLOR)
                ? `Smaller clusters (${map.clusters
                    .filter((c) => c.color === OTHER_COLOR)
                    .map((c) => c.name)
                    .join(', ')}) and no cluster`
                : 'In no cluster'}
            </li>
          </ul>
          <script
            type="application/json"
            id={MAP_DATA_ELEMENT_ID}
            // "<" escaped so no label can close the script element.
            dangerouslySetInnerHTML={{ __html: JSON.stringify(map).replace(/</g, '\\u003c') }}
          />
        </section>
      ) : null}

      {sections.map((s) => (
        <section aria-labelledby={`section-${s.id}`}>
          <h2 id={`section-${s.id}`}>{s.heading}</h2>
          {s.intro ? <p>{s.intro}</p> : null}
          {s.tables.some((t) => t.rows.some((r) => r.cells.some((c) => formatInterval(c) !== null))) ? (
            <p>The small figures under percentages are 95% confidence intervals.</p>
          ) : null}
          {s.tables.map((t) => (
            <>
              {t.display?.kind === 'flow' ? <FlowDiagram table={t} titleId={`flow-${t.id}`} /> : null}
              <TableBlock table={t} labels={model.tableLabels?.(t) ?? model.labels} csvHref={files.csv.get(t.id) ?? '#'} headingId={`table-${t.id}`} />
            </>
          ))}
        </section>
      ))}

      <section aria-labelledby="method-heading">
        <h2 id="method-heading">Method notes and caveats</h2>
        <h3>How the figures were made</h3>
        <ul>
          {analyses.flatMap((a) => a.methodNotes).map((n) => (
            <li>{n}</li>
          ))}
        </ul>
        <h3>Small numbers</h3>
        <SmallNumbers release={release} />
        <h3>Symbols used in tables</h3>
        <SymbolKey />
        {analyses.some((a) => a.settingNotes.length > 0) ? (
          <>
            <h3>Settings</h3>
            {analyses.filter((a) => a.settingNotes.length > 0).map(({ title, settingNotes: rows }) => (
              <dl class="labels" aria-label={`${title}: settings`}>
                {rows.map(([k, v]) => (
                  <>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
                  </>
                ))}
              </dl>
            ))}
          </>
        ) : null}
        <h3>About these statistics</h3>
        <Labels labels={model.labels} />
      </section>

      <section aria-labelledby="downloads-heading" class="no-print">
        <h2 id="downloads-heading">Downloads</h2>
        <ul class="downloads">
          {release.tables.map((t) => (
            <li>
              <a href={files.csv.get(t.id) ?? '#'} download>
                {t.title} (CSV)
              </a>
            </li>
          ))}
          {files.networkJson ? (
            <li>
              <a href={files.networkJson} download>
                Network of qualifications and occupations (JSON)
              </a>
            </li>
          ) : null}
          {files.networkGexf ? (
            <li>
              <a href={files.networkGexf} download>
                Network of qualifications and occupations (GEXF, for Gephi)
              </a>
            </li>
          ) : null}
          {files.pdf ? (
            <li>
              <a href={files.pdf}>This report as PDF</a>
            </li>
          ) : null}
          <li>
            <a href={files.datapackage}>Description of every download (Frictionless datapackage.json)</a>
          </li>
        </ul>
      </section>
      {map !== null && map.nodes.length > 0 ? <script src={files.mapScript}></script> : null}
    </Page>
  );
}
