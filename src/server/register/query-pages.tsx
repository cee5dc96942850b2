/**
 * The register's queries as pages: qualifications per role and cluster
 * (seed 003's Annexe 3), a role's or cluster's framework coverage, gaps,
 * coverage compared across a clustering, and prerequisite routes. Each takes
 * the query's answer from src/core/register/queries and lays it out.
 */
import { levelText, routeLevels, type PrerequisiteRoutes } from '../../core/register/queries/prerequisites.js';
import type { Annexe3Table } from '../../core/register/queries/annexe3.js';
import type { Comparison, Coverage, GapRow } from '../../core/register/queries/coverage.js';
import type { Actor } from '../../core/register/types.js';
import { Table, type CellValue } from '../pages/components.js';
import { queryPage, recordPath } from './pages.js';
import type { Outcomes } from './outcomes.js';

const n = (x: number) => x.toLocaleString('en-GB');
const pct = (x: number) => `${Math.round(x * 100)}%`;
const link = (id: string, text = id): CellValue => ({ text, href: recordPath(id) });

interface Frame {
  actor: Actor | null;
  csrf: string;
}

export function annexe3Page(f: Frame, t: Annexe3Table): string {
  const rows: CellValue[][] = [];
  for (const c of t.clusters) {
    for (const r of c.roles) rows.push([link(c.clusterId, c.cluster), link(r.roleId, r.role), n(r.qualifications), n(r.keyQualifications)]);
    rows.push(['', 'Sub total', n(c.subtotal), '']);
  }
  rows.push(['', 'Total', n(t.total), '']);
  return queryPage(f.actor, f.csrf, `Qualifications per role and cluster: ${t.clustering}`, (
    <>
      <Table
        id="annexe3"
        caption={`Clusters with roles and count of qualifications per role and cluster (${t.clustering})`}
        columns={[{ text: 'Cluster' }, { text: 'Role' }, { text: 'Total quals', numeric: true }, { text: 'Key', numeric: true }]}
        rows={rows}
      />
      {t.distinct !== t.total ? <p class="govuk-body">{n(t.distinct)} distinct qualifications (a qualification linked to several roles counts once).</p> : null}
    </>
  ));
}

export function coveragePage(f: Frame, c: Coverage): string {
  return queryPage(f.actor, f.csrf, `Coverage of ${c.framework}: ${c.target.name}`, (
    <>
      <p class="govuk-body">
        Through the modules of the {n(c.keyQualifications.length)} key qualifications of {c.target.kind} <a class="govuk-link" href={recordPath(c.target.id)}>{c.target.id}</a>.
      </p>
      <Table
        id="coverage"
        caption="Areas covered"
        columns={[{ text: 'Area' }, { text: 'Key quals', numeric: true }, { text: 'Share', numeric: true }]}
        rows={c.areas.map((a) => [`${a.position}. ${a.area}`, n(a.qualifications), pct(a.share)])}
      />
      <p class="govuk-body" id="gaps">
        {c.gaps.length === 0 ? 'No gaps: every area is covered by at least one key qualification.' : `Gaps (no key qualification covers): ${c.areas.filter((a) => a.qualifications === 0).map((a) => a.area).join('; ')}`}
      </p>
      {c.keyQualifications.length > 0 ? (
        <Table
          id="grid"
          caption="Which key qualification covers which area"
          columns={[{ text: 'Key qualification' }, { text: 'Level' }, ...c.areas.map((a) => ({ text: `Area ${a.position}` }))]}
          rows={c.keyQualifications.map((q) => [link(q.id, `${q.title} (${q.id})`), levelText(q.level), ...c.areas.map((a) => (q.areas.includes(a.areaId) ? 'covered' : '—'))])}
        />
      ) : null}
    </>
  ));
}

export function gapsPage(f: Frame, framework: string, rows: readonly GapRow[]): string {
  return queryPage(f.actor, f.csrf, `Gaps in ${framework}`, rows.length === 0 ? (
    <p class="govuk-body">No gaps: every area of {framework} is covered for each role.</p>
  ) : (
    <Table
      id="gap-rows"
      caption={`Areas of ${framework} that no key qualification covers`}
      columns={[{ text: 'Role or cluster' }, { text: 'Key quals', numeric: true }, { text: 'Gaps' }]}
      rows={rows.map((r) => [link(r.target.id, `${r.target.name} (${r.target.id})`), n(r.keyQualifications), r.gaps.map((g) => g.area).join('; ')])}
    />
  ));
}

export function comparePage(f: Frame, c: Comparison): string {
  return queryPage(f.actor, f.csrf, `Coverage of ${c.framework} compared`, (
    <Table
      id="compare"
      caption={`Share of key qualifications covering each area of ${c.framework}`}
      columns={[{ text: 'Role or cluster' }, { text: 'Key quals', numeric: true }, ...c.areas.map((a) => ({ text: a.area, numeric: true })), { text: 'Covered', numeric: true }]}
      rows={c.rows.map((r) => [
        link(r.target.id, `${r.target.name} (${r.target.id})`),
        n(r.keyQualifications),
        ...r.cells.map((x) => (r.keyQualifications === 0 ? '—' : pct(x.share))),
        `${r.areasCovered} of ${c.areas.length}`,
      ])}
    />
  ));
}

export function prerequisitesPage(f: Frame, r: PrerequisiteRoutes): string {
  const q = r.qualification;
  return queryPage(f.actor, f.csrf, `Routes to ${q.title}`, r.routes.length === 0 ? (
    <p class="govuk-body">{q.title} ({levelText(q.level)}) has no prerequisites.</p>
  ) : (
    <>
      <Table
        id="routes"
        caption={`${n(r.routes.length)} routes of levels${r.truncated ? ' (more were left out)' : ''}`}
        columns={[{ text: 'Levels' }, { text: 'Steps' }]}
        rows={r.routes.map((route) => [routeLevels(route), route.map((s) => s.id).join(' → ')])}
      />
      <Table
        id="required"
        caption="What comes before it"
        columns={[{ text: 'Item' }, { text: 'Level' }, { text: 'Kind' }]}
        rows={r.required.map((s) => [link(s.id, `${s.title} (${s.id})`), levelText(s.level), s.kind])}
      />
    </>
  ));
}

export function outcomesPage(f: Frame, o: Outcomes): string {
  const matched = o.matches.filter((m) => m.matches.length > 0).length;
  return queryPage(f.actor, f.csrf, `Where people with the qualifications of ${o.target.name} went`, (
    <>
      <p class="govuk-body" id="matched">
        {matched} of the {o.matches.length} key qualifications of {o.target.kind} <a class="govuk-link" href={recordPath(o.target.id)}>{o.target.id}</a> are recorded in
        dataset {o.dataset} (matched by unit code, by title, or by an accepted spelling variant).
      </p>
      {o.refusals.length > 0 ? (
        <div class="govuk-inset-text" id="refused">
          The figures are withheld: {o.refusals.map((r) => `${r.reason} (${r.fix})`).join('; ')}.
        </div>
      ) : null}
      {o.people !== null ? (
        <Table
          id="destinations"
          caption={`Occupations entered by the ${n(o.people)} people holding any of them`}
          columns={[{ text: 'Occupation (SOC sub-major group)' }, { text: 'People', numeric: true }, { text: 'Share', numeric: true }]}
          rows={o.destinations.map((d) => [`${d.soc} ${d.occupation}`, n(d.people), d.share === null ? '[z]' : pct(d.share)])}
        />
      ) : null}
      <Table
        id="matches"
        caption="How the register's qualifications were found in the dataset"
        columns={[{ text: 'Qualification' }, { text: 'Recorded as' }]}
        rows={o.matches.map((m) => [link(m.qualificationId, `${m.title} (${m.qualificationId})`), m.matches.length === 0 ? 'not found' : m.matches.map((t) => (t.by === 'title' ? t.title : `${t.title} (${t.by === 'code' ? 'by unit code' : 'variant'})`)).join('; ')])}
      />
      <p class="govuk-body-s">Counts are perturbed by the cell key method, as everywhere in Routeways: no person can be identified, and the same figure is the same in every table.</p>
    </>
  ));
}
