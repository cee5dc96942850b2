/**
 * Writes a static site from protected releases: an index page, one report
 * page per release (region, or all regions), the map bundle, and the
 * downloads (CSV per table, network JSON and GEXF, datapackage.json).
 *
 * Accepts ProtectedRelease values only, and checks at run time that each one
 * really came from disclosure control and passed its audit.
 *
 * Site layout (paths relative to the output folder):
 *   index.html                      the list of reports
 *   reports/<code>.html             one report page per region (code e.g. RS01NE; RS01ALL = all regions)
 *   data/<code>/<table>.csv         every table, GSS symbols for withheld figures
 *   data/<code>/network.json|.gexf  the protected network with its layout
 *   datapackage.json                Frictionless description of every download
 *   assets/map.js                   the map bundle (from dist/web/map.entry.js)
 *   pdf/<code>.pdf                  with --pdf
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from 'preact-render-to-string';
import { h } from 'preact';
import type { ProtectedRelease, PublishedTable } from '../core/disclosure/release.js';
import type { StandardLabels } from '../core/results.js';
import { dataPackage, networkGexf, networkResources, resourceName, tableCsv, tableResource, type DataResource } from './downloads.js';
import { layoutNetwork } from './layout.js';
import type { MapData } from './map-data.js';
import { IndexPage, type IndexEntry } from './pages/index-page.js';
import { ReportPage, type ReportModel } from './pages/report-page.js';
import { regionReport } from '../reference/regions.js';
import { assertPublishable } from './publishable.js';

export interface SiteReportInput {
  release: ProtectedRelease;
  /** Defaults from data/regions.csv (see src/reference/regions.ts). */
  code?: string;
  name?: string;
  /** The map already laid out (layout-pool.ts); otherwise laid out here. */
  map?: MapData;
}

export interface SiteInput {
  dataset: string;
  title?: string;
  /** ISO date of publication (default: today). */
  date?: string;
  reports: SiteReportInput[];
  /** Seed of the map layout (default 1). */
  layoutSeed?: number;
  /** Link each report's PDF (written afterwards by renderPdfs). */
  pdf?: boolean;
  /** Called once per report written. */
  onProgress?: (done: number, total: number) => void;
}

export interface WrittenReport {
  code: string;
  name: string;
  region: string | null;
  /** Absolute path of the report page. */
  page: string;
  /** Path relative to the site folder. */
  href: string;
  map: MapData | null;
  csv: Map<string, string>;
}

export interface WrittenSite {
  dir: string;
  index: string;
  reports: WrittenReport[];
  datapackage: string;
}

/** The bundled map script (built by scripts/build-web.ts). */
export function mapBundlePath(): string {
  return fileURLToPath(new URL('../../web/map.entry.js', import.meta.url));
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const REGULARITY = 'Ad hoc: published each time the analysis is run on a new extract';

/** Standard labels (seed 004) of a whole report, from its analyses' declared labels. */
export function standardLabels(release: ProtectedRelease, dataset: string, date: string, name: string, gssCode: string): StandardLabels {
  const l = release.labels ?? {};
  const analyses = release.publication.analyses;
  const classification = [...new Set(analyses.flatMap((a) => a.labels.classification ?? []))];
  return {
    source:
      analyses.length === 1 && analyses[0]!.labels.source
        ? analyses[0]!.labels.source
        : `Routeways ${release.analyses.join(' and ')} analysis of the outcome extract "${dataset}" (qualifications linked to occupations)`,
    regularity: l.regularity ?? REGULARITY,
    date: l.date ?? date,
    classification: classification.length > 0 ? classification : ['Qualification and occupation titles as recorded'],
    spatialAvailability:
      release.region === null
        ? 'All regions together; each region is also published separately'
        : `Region: ${name}${gssCode ? ` (${gssCode})` : ''}; other regions are published separately`,
  };
}

/** Standard labels of one table: its own analysis's source and classification over the report's. */
export function tableLabels(report: StandardLabels, table: PublishedTable): StandardLabels {
  const own = table.labels ?? {};
  return {
    ...report,
    ...(own.source ? { source: own.source } : {}),
    ...(own.classification && own.classification.length > 0 ? { classification: [...own.classification] } : {}),
  };
}

function sortReports<T extends { region: string | null; name: string }>(reports: T[]): T[] {
  return [...reports].sort((a, b) => (a.region === null ? -1 : b.region === null ? 1 : a.name.localeCompare(b.name)));
}

/** Folders and files a site consists of: replaced on every publish so no stale report survives. */
const SITE_ENTRIES = ['index.html', 'datapackage.json', 'reports', 'data', 'assets', 'pdf'];

/**
 * The output folder must be empty, missing, or an earlier Routeways site (its
 * index.html says generator Routeways): then the earlier site's own files are
 * removed. Anything else is refused rather than overwritten.
 */
export function assertSiteFolder(outDir: string): void {
  if (!existsSync(outDir)) return;
  const entries = readdirSync(outDir);
  if (entries.length === 0) return;
  const index = join(outDir, 'index.html');
  const ours = existsSync(index) && readFileSync(index, 'utf8').includes('<meta name="generator" content="Routeways"');
  if (!ours) throw new InputError(`${outDir} is not empty and is not a site published by Routeways; choose an empty or new folder for --out`);
}

function prepareOutDir(outDir: string): void {
  assertSiteFolder(outDir);
  if (!existsSync(outDir)) return;
  for (const e of SITE_ENTRIES) rmSync(join(outDir, e), { recursive: true, force: true });
}

type PreparedReport = ReturnType<typeof prepareReports>[number];

/** Checked, sorted reports (all regions first, then by name), each with a code of its own. */
function prepareReports(input: SiteInput) {
  const prepared = sortReports(
    input.reports.map((r) => {
      assertPublishable(r.release);
      const info = regionReport(r.release.region);
      return { release: r.release, region: r.release.region, code: r.code ?? info.code, name: r.name ?? info.name, gssCode: info.gssCode, map: r.map };
    }),
  );
  const codes = new Set<string>();
  for (const p of prepared) {
    if (codes.has(p.code)) throw new Error(`Two reports have the report code ${p.code}: publish one release per region.`);
    codes.add(p.code);
  }
  return prepared;
}

/** The folder emptied of an earlier site, with the map bundle in place. */
function startSite(outDir: string): void {
  const bundle = mapBundlePath();
  if (!existsSync(bundle)) throw new Error(`The map bundle ${bundle} is missing: run "npm run build" first.`);
  prepareOutDir(outDir);
  mkdirSync(join(outDir, 'reports'), { recursive: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  copyFileSync(bundle, join(outDir, 'assets', 'map.js'));
}

interface ReportFiles {
  written: WrittenReport;
  entry: IndexEntry;
  resources: DataResource[];
}

/** A report's tables as CSV files, with their data package resources. */
function writeTables(outDir: string, p: PreparedReport, labels: StandardLabels): { csv: Map<string, string>; resources: DataResource[] } {
  const resources: DataResource[] = [];
  const csv = new Map<string, string>();
  const usedFiles = new Set<string>();
  for (const t of p.release.tables) {
    let file = `${resourceName(t.id) || 'table'}.csv`;
    for (let i = 2; usedFiles.has(file); i++) file = `${resourceName(t.id)}-${i}.csv`;
    usedFiles.add(file);
    writeFileSync(join(outDir, 'data', p.code, file), tableCsv(t));
    const rel = `data/${p.code}/${file}`;
    csv.set(t.id, `../${rel}`);
    resources.push(tableResource(p.code, t, rel, tableLabels(labels, t)));
  }
  return { csv, resources };
}

/** One report's tables, map files and page. */
function writeReport(outDir: string, input: SiteInput, date: string, p: PreparedReport, laidOut: MapData | undefined): ReportFiles {
  const labels = standardLabels(p.release, input.dataset, date, p.name, p.gssCode);
  const dataDir = join(outDir, 'data', p.code);
  mkdirSync(dataDir, { recursive: true });
  const { csv, resources } = writeTables(outDir, p, labels);
  let map: MapData | null = null;
  if (p.release.network) {
    map = laidOut ?? layoutNetwork(p.release.network, p.code, p.name, { seed: input.layoutSeed ?? 1 });
    writeFileSync(join(dataDir, 'network.json'), JSON.stringify(map, null, 1) + '\n');
    writeFileSync(join(dataDir, 'network.gexf'), networkGexf(map));
    resources.push(...networkResources(p.code, `data/${p.code}/network.json`, `data/${p.code}/network.gexf`, labels));
  }
  const model: ReportModel = {
    code: p.code,
    name: p.name,
    release: p.release,
    map,
    labels,
    tableLabels: (t: PublishedTable) => tableLabels(labels, t),
    files: {
      csv,
      ...(map ? { networkJson: `../data/${p.code}/network.json`, networkGexf: `../data/${p.code}/network.gexf` } : {}),
      datapackage: '../datapackage.json',
      pdf: input.pdf ? `../pdf/${p.code}.pdf` : undefined,
      mapScript: '../assets/map.js',
      home: '../index.html',
    },
  };
  const href = `reports/${p.code}.html`;
  const page = join(outDir, href);
  writeFileSync(page, '<!DOCTYPE html>\n' + render(h(ReportPage, { model })));
  return {
    written: { code: p.code, name: p.name, region: p.region, page, href, map, csv },
    entry: { code: p.code, name: p.name, href, headlines: p.release.publication.headlines, ...(input.pdf ? { pdf: `pdf/${p.code}.pdf` } : {}) },
    resources,
  };
}

/** Writes the whole site; maps not given are laid out here, one after another. */
export function writeSite(outDir: string, input: SiteInput): WrittenSite {
  const date = input.date ?? today();
  const prepared = prepareReports(input);
  startSite(outDir);
  const files = prepared.map((p, i) => {
    const f = writeReport(outDir, input, date, p, p.map);
    input.onProgress?.(i + 1, prepared.length);
    return f;
  });
  return finishSite(outDir, input, date, prepared, files);
}

/**
 * Writes the whole site while its maps are laid out elsewhere (worker
 * threads): each report is written as soon as its map is ready, so this
 * thread writes pages while the workers lay out the larger maps.
 */
export async function writeSiteAsMapsArrive(outDir: string, input: SiteInput, mapOf: (release: ProtectedRelease) => Promise<MapData> | undefined): Promise<WrittenSite> {
  const date = input.date ?? today();
  const prepared = prepareReports(input);
  startSite(outDir);
  let done = 0;
  const files = await Promise.all(
    prepared.map(async (p) => {
      const map = await mapOf(p.release);
      const f = writeReport(outDir, input, date, p, map ?? p.map);
      input.onProgress?.(++done, prepared.length);
      return f;
    }),
  );
  return finishSite(outDir, input, date, prepared, files);
}

/** The data package and the index, in the reports' order. */
function finishSite(outDir: string, input: SiteInput, date: string, prepared: PreparedReport[], files: ReportFiles[]): WrittenSite {
  const resources = files.flatMap((f) => f.resources);
  const entries = files.map((f) => f.entry);
  const written = files.map((f) => f.written);
  const siteLabels: StandardLabels = {
    source: `Routeways analysis of the outcome extract "${input.dataset}" (qualifications linked to occupations)`,
    regularity: 'Ad hoc: published each time the analysis is run on a new extract',
    date,
    classification: [...new Set(prepared.flatMap((p) => standardLabels(p.release, input.dataset, date, p.name, p.gssCode).classification))],
    spatialAvailability: (() => {
      const n = prepared.filter((p) => p.region !== null).length;
      const all = prepared.some((p) => p.region === null);
      if (n === 0) return 'All regions together';
      return `${n} ${n === 1 ? 'region' : 'regions'}, each published separately${all ? ', and all regions together' : ''}`;
    })(),
  };
  const title = input.title ?? 'Where qualifications lead: reports by region';
  const pkg = dataPackage(`routeways-${input.dataset}`, title, date, resources);
  const datapackage = join(outDir, 'datapackage.json');
  writeFileSync(datapackage, JSON.stringify(pkg, null, 2) + '\n');
  const index = join(outDir, 'index.html');
  writeFileSync(
    index,
    '<!DOCTYPE html>\n' + render(h(IndexPage, { title, dataset: input.dataset, date, entries, labels: siteLabels, datapackage: 'datapackage.json' })),
  );
  return { dir: outDir, index, reports: written, datapackage };
}
