/**
 * Converts the parts of the ONS SOC 2020 reference workbooks that the title
 * coder uses into compact CSV files in data/soc2020/ (see its README for the
 * licence and attribution). Run once when ONS publishes a new version:
 *
 *   npm run build && node dist/scripts/convert-soc2020.js [reference-dir]
 *
 * reference-dir defaults to ../shared/reference/soc2020 beside the work tree.
 * The product and its tests read only the converted CSV files; exceljs is a
 * development dependency used here alone.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';

const INDEX_FILE = 'soc2020-volume2-coding-index-v12-2025-04-16.xlsx';
const STRUCTURE_FILE = 'soc2020-volume1-structure-2025-04-16.xlsx';
const RELATIONSHIP_FILE = 'soc2010-soc2020-relationship.xlsx';

const NEEDS_QUOTES = /[",\r\n]/;
const csvField = (v: string) => (NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (header: string[], rows: string[][]) => [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';

/** A cell's text: rich text joined, numbers as written, blanks and '<blank>' as ''. */
function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('').trim();
  if (typeof value === 'object' && 'result' in value) return text(value.result as ExcelJS.CellValue);
  const s = String(value).replace(/\s+/g, ' ').trim();
  return s === '<blank>' ? '' : s;
}

async function workbook(dir: string, file: string): Promise<ExcelJS.Workbook> {
  const path = join(dir, file);
  if (!existsSync(path)) throw new Error(`${path} not found: pass the folder holding the ONS SOC 2020 workbooks`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`sheet '${name}' not found (sheets: ${wb.worksheets.map((w) => w.name).join(', ')})`);
  return ws;
}

/** Rows of a sheet as objects keyed by the header row's names. */
function records(ws: ExcelJS.Worksheet, headerRow: number): Record<string, string>[] {
  const header = (ws.getRow(headerRow).values as ExcelJS.CellValue[]).map((v) => text(v));
  const out: Record<string, string>[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as ExcelJS.CellValue[];
    if (!Array.isArray(values) || values.length === 0) continue;
    const rec: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h) rec[h] = text(values[i]);
    });
    out.push(rec);
  }
  return out;
}

function need(rec: Record<string, string>, key: string): string {
  if (!(key in rec)) throw new Error(`column '${key}' not found (columns: ${Object.keys(rec).join(', ')})`);
  return rec[key];
}

/** The coding index: one row per entry, with the default flag, qualifiers, see-notes and both word orders. */
function convertIndex(wb: ExcelJS.Workbook): string[][] {
  const rows = records(sheet(wb, 'SOC2020 coding index'), 1);
  return rows
    .filter((r) => need(r, 'INDEXOCC') !== '')
    .map((r) => {
      const soc = need(r, 'SOC_2020');
      return [
        /^\d{4}$/.test(soc) ? soc : '', // '}}}}': see another indexing word
        need(r, 'D'),
        need(r, 'INDEXOCC'),
        need(r, 'INDEXOCC_-_natural_word_order'),
        need(r, 'ADD'),
        need(r, 'IND'),
        need(r, 'SEE'),
      ];
    });
}

function convertAbbreviations(wb: ExcelJS.Workbook): string[][] {
  const ws = sheet(wb, 'Abbreviations');
  let headerRow = 0;
  for (let r = 1; r <= 20 && headerRow === 0; r++) if (text(ws.getRow(r).getCell(1).value) === 'Abbreviation') headerRow = r;
  if (headerRow === 0) throw new Error(`no 'Abbreviation' header in the Abbreviations sheet`);
  return records(ws, headerRow)
    .filter((r) => r.Abbreviation)
    .map((r) => {
      const frequent = /\*\s*$/.test(r.Abbreviation);
      return [r.Abbreviation.replace(/\*\s*$/, '').trim(), r.Meaning, frequent ? 'yes' : ''];
    });
}

/** Unit groups with their minor, sub-major and major groups, from the framework sheet. */
function convertUnitGroups(wb: ExcelJS.Workbook): { units: string[][]; minors: string[][] } {
  const ws = sheet(wb, 'SOC2020 framework');
  const units: string[][] = [];
  const minors: string[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const minor = text(row.getCell(4).value);
    const unit = text(row.getCell(5).value);
    const title = text(row.getCell(6).value);
    if (/^\d{4}$/.test(unit)) units.push([unit, title, unit.slice(0, 3), unit.slice(0, 2), unit.slice(0, 1)]);
    else if (/^\d{3}$/.test(minor)) minors.push([minor, title, minor.slice(0, 2)]);
  }
  return { units, minors };
}

/** Volume 1's related job titles: further titles for each unit group. */
function convertRelatedTitles(wb: ExcelJS.Workbook): string[][] {
  const rows = records(sheet(wb, 'SOC2020 descriptions'), 1);
  const out: string[][] = [];
  for (const r of rows) {
    const unit = need(r, 'SOC 2020 Unit Group');
    if (!/^\d{4}$/.test(unit)) continue;
    for (const t of need(r, 'Related Job Titles').split('~')) {
      const title = t.trim();
      if (title) out.push([unit, title]);
    }
  }
  return out;
}

/**
 * The SOC 2010 -> SOC 2020 relationship: each SOC 2010 unit group's 'Total
 * sample' row gives the bases (men/women, LFS/Census), the rows under it the
 * share going to each SOC 2020 unit group. Shares are pooled over the four
 * samples, weighted by their bases.
 */
function convertRelationship(wb: ExcelJS.Workbook): string[][] {
  const ws = wb.worksheets[0];
  const samples = ['men_lfs', 'men_census', 'women_lfs', 'women_census'];
  const rows = records(ws, 1);
  const out: string[][] = [];
  let bases: number[] = [];
  let from = '';
  for (const r of rows) {
    const soc2010 = need(r, 'SOC2010');
    const soc2020 = need(r, 'SOC2020');
    if (soc2010) {
      from = soc2010.split(':')[0].trim();
      if (soc2020 !== 'Total sample') throw new Error(`SOC2010 ${from}: expected a 'Total sample' row`);
      bases = samples.map((s) => Number(need(r, `${s}_base_2010`) || 0));
      continue;
    }
    if (!soc2020) continue;
    const to = soc2020.split(':')[0].trim();
    let n = 0;
    samples.forEach((s, i) => {
      n += bases[i] * Number(need(r, `${s}_perc_2020`) || 0);
    });
    const total = bases.reduce((a, b) => a + b, 0);
    out.push([from, to, total > 0 ? (n / total).toFixed(4) : '0', String(Math.round(n))]);
  }
  return out;
}

async function main(): Promise<void> {
  const refDir = resolve(process.argv[2] ?? ['../shared/reference/soc2020', '../../shared/reference/soc2020'].find((d) => existsSync(d)) ?? '../shared/reference/soc2020');
  const outDir = resolve('data/soc2020');
  mkdirSync(outDir, { recursive: true });
  const index = await workbook(refDir, INDEX_FILE);
  const structure = await workbook(refDir, STRUCTURE_FILE);
  const relationship = await workbook(refDir, RELATIONSHIP_FILE);

  const entries = convertIndex(index);
  writeFileSync(join(outDir, 'index.csv'), csv(['soc2020', 'default', 'indexocc', 'natural', 'add', 'ind', 'see'], entries));
  const abbreviations = convertAbbreviations(index);
  writeFileSync(join(outDir, 'abbreviations.csv'), csv(['abbreviation', 'meaning', 'frequent'], abbreviations));
  const { units, minors } = convertUnitGroups(index);
  writeFileSync(join(outDir, 'unit-groups.csv'), csv(['code', 'title', 'minor', 'submajor', 'major'], units));
  writeFileSync(join(outDir, 'minor-groups.csv'), csv(['code', 'title', 'submajor'], minors));
  const related = convertRelatedTitles(structure);
  writeFileSync(join(outDir, 'related-titles.csv'), csv(['soc2020', 'title'], related));
  const pairs = convertRelationship(relationship);
  writeFileSync(join(outDir, 'soc2010-soc2020.csv'), csv(['soc2010', 'soc2020', 'share', 'people'], pairs));
  process.stdout.write(
    `data/soc2020: ${entries.length} index entries, ${abbreviations.length} abbreviations, ${units.length} unit groups, ` +
      `${minors.length} minor groups, ${related.length} related job titles, ${pairs.length} SOC 2010 -> 2020 pairs\n`,
  );
}

await main();
