/**
 * The index of a published site: every report in the release set with its
 * stable report code, people analysed and headline figures.
 */
import { SYMBOL_MEANINGS } from '../../core/disclosure/release.js';
import type { StandardLabels } from '../../core/results.js';
import { formatCount, formatShare } from '../format.js';
import type { Headlines } from '../headlines.js';
import { Labels, Page, SymbolKey } from './components.js';

export interface IndexEntry {
  code: string;
  name: string;
  href: string;
  pdf?: string;
  headlines: Headlines;
}

export function IndexPage(props: { title: string; dataset: string; date: string; entries: IndexEntry[]; labels: StandardLabels; datapackage: string }) {
  const { entries } = props;
  return (
    <Page title={props.title} home={null}>
      <h1>{props.title}</h1>
      <p class="lede">
        Which qualifications lead to which occupations, region by region: clusters of qualifications and occupations, the people in
        each cluster, and pathways from subject areas into occupations. Each report has an interactive map, tables you can download,
        and notes on method.
      </p>
      <p class="meta">
        Dataset {props.dataset} · published {props.date}
      </p>
      <div class="table-wrap" tabindex={0} role="region" aria-labelledby="reports-caption">
        <table data-table="reports">
          <caption id="reports-caption">
            Reports
            <span class="sub">
              Report codes are stable: RS01 followed by the region code (RS01ALL for all regions together).
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Report code</th>
              <th scope="col">Region</th>
              <th scope="col" class="num">
                People analysed
              </th>
              <th scope="col" class="num">
                Clusters
              </th>
              <th scope="col">Largest cluster</th>
              <th scope="col" class="num">
                Clear pathways
              </th>
              <th scope="col">PDF</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const top = e.headlines.clusters[0];
              const topPathway = e.headlines.pathways[0];
              return (
                <tr data-code={e.code}>
                  <th scope="row">{e.code}</th>
                  <td>
                    <a href={e.href}>{e.name}</a>
                  </td>
                  <td class="num">
                    {e.headlines.people !== null ? formatCount(e.headlines.people) : <abbr title={SYMBOL_MEANINGS['[c]']}>[c]</abbr>}
                  </td>
                  <td class="num">{formatCount(e.headlines.clusters.length)}</td>
                  <td>{top ? `${top.name}${top.people !== null ? ` (${formatCount(top.people)} people)` : ''}` : '–'}</td>
                  <td class="num">
                    {formatCount(e.headlines.pathways.length)}
                    {topPathway ? <span class="ci">{`${topPathway.subject}: ${formatShare(topPathway.share)} into ${topPathway.occupation}`}</span> : null}
                  </td>
                  <td>{e.pdf ? <a href={e.pdf}>PDF<span class="visually-hidden"> of report {e.code}</span></a> : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2>About these statistics</h2>
      <Labels labels={props.labels} />
      <h2>Symbols</h2>
      <SymbolKey />
      <h2>Open data</h2>
      <p>
        Every table is published as CSV with the symbols above in place of withheld figures, described in a{' '}
        <a href={props.datapackage}>Frictionless data package</a>. Each report also offers its network of qualifications and
        occupations as JSON and GEXF.
      </p>
    </Page>
  );
}
