/**
 * Matching extract values to the shipped classifications. Pure: built from
 * the records in data/*.csv (loaded by src/reference/classifications.ts).
 *
 * A value matches by code or by title (or alias), ignoring case, spacing and
 * punctuation. Matchers return the standard code, or null when nothing
 * matches; the importer keeps unmatched values as entered and counts them.
 */
import { KeyIndex } from './index-map.js';
import { isBlank } from './normalise.js';
import type {
  ClassificationData,
  Region,
  SocMajorGroup,
  SocMatch,
  SocSubMajorGroup,
  SocVersion,
  SsaTier1,
  SsaTier2,
} from './types.js';

export interface Classifications {
  readonly data: ClassificationData;
  /** Region code (NE ... SW, WA, SC, NI) by code, name, GSS code, report code or alias. */
  matchRegion(value: string | null | undefined): string | null;
  /** SSA tier 1 code ('1'..'15') by tier 1 or tier 2 number ('4', '4.1'), title or alias. */
  matchSsa(value: string | null | undefined): string | null;
  /** SSA tier 2 code ('4.1') by number or tier 2 title. */
  matchSsaTier2(value: string | null | undefined): string | null;
  /**
   * SOC sub-major and major group from a 1-6 digit SOC code (SOC 2010 and
   * 2020 share these codes) or a sub-major or major group title of either version.
   */
  matchSoc(value: string | null | undefined): SocMatch;
  region(code: string): Region | undefined;
  ssaTier1(code: string): SsaTier1 | undefined;
  ssaTier2(code: string): SsaTier2 | undefined;
  socMajor(code: string, version?: SocVersion): SocMajorGroup | undefined;
  socSubMajor(code: string, version?: SocVersion): SocSubMajorGroup | undefined;
  /** Keys offered for two different codes while indexing (empty for the shipped data). */
  readonly conflicts: { classification: string; key: string; kept: string; dropped: string }[];
}

const NO_SOC: SocMatch = Object.freeze({ soc: null, subMajor: null, major: null });

/** "4", "04", "SSA 4", "4.1", "Tier 2: 4.1" -> ['4', '1'|undefined]. */
const SSA_NUMBER = /^(?:ssa\s*)?(?:tier\s*[12]\s*[:-]?\s*)?(\d{1,2})(?:\.(\d{1,2}))?$/i;
/** "4.1 Engineering", "4 - Engineering ...": a code in front of a title. */
const SSA_CODE_PREFIX = /^(\d{1,2}(?:\.\d{1,2})?)\s*[-:.)]?\s+\D/;
/** A SOC code alone, possibly with spaces, dots or a slash (SOC 2020 extension "8222/01"). */
const SOC_CODE = /^(?:soc\s*(?:20[12]0)?\s*[:-]?\s*)?(\d[\d\s./]*)$/i;
/** "8222 Fork-lift truck drivers", "82: Transport ...". */
const SOC_CODE_PREFIX = /^(\d{1,4})\s*[-:.)]?\s+\D/;

export function createClassifications(data: ClassificationData): Classifications {
  const conflicts: Classifications['conflicts'] = [];
  const collect = (classification: string, index: KeyIndex) => {
    for (const c of index.conflicts) {
      // SOC sub-major 81 and major group 8 share a title: the sub-major implies the major, nothing is lost.
      if (classification === 'soc' && c.kept.length === 2 && c.kept[0] === c.dropped) continue;
      conflicts.push({ classification, ...c });
    }
  };

  // Regions: codes first, then official names, then aliases.
  const regionIndex = new KeyIndex();
  for (const r of data.regions) regionIndex.add(r.code, r.code);
  for (const r of data.regions) regionIndex.add(r.gssCode, r.code);
  for (const r of data.regions) if (r.reportCode) regionIndex.add(r.reportCode, r.code);
  for (const r of data.regions) regionIndex.add(r.name, r.code);
  for (const r of data.regions) for (const a of r.aliases) regionIndex.add(a, r.code);
  collect('regions', regionIndex);

  const tier1 = new Map(data.ssaTier1.map((s) => [s.code, s]));
  const tier2 = new Map(data.ssaTier2.map((s) => [s.code, s]));
  // SSA titles: tier 1 titles win over tier 2 titles, which win over aliases.
  const ssaIndex = new KeyIndex();
  for (const s of data.ssaTier1) ssaIndex.add(s.title, s.code);
  for (const s of data.ssaTier2) ssaIndex.add(s.title, s.parent);
  for (const s of data.ssaTier1) for (const a of s.aliases) ssaIndex.add(a, s.code);
  for (const s of data.ssaTier2) for (const a of s.aliases) ssaIndex.add(a, s.parent);
  collect('ssa', ssaIndex);
  const ssa2Index = new KeyIndex();
  for (const s of data.ssaTier2) ssa2Index.add(s.title, s.code);
  for (const s of data.ssaTier2) for (const a of s.aliases) ssa2Index.add(a, s.code);
  collect('ssa-tier2', ssa2Index);

  const versions: SocVersion[] = ['2020', '2010'];
  const subMajors = new Map<string, SocSubMajorGroup>();
  const majors = new Map<string, SocMajorGroup>();
  for (const v of versions) {
    for (const g of data.soc[v].subMajor) if (!subMajors.has(g.code)) subMajors.set(g.code, g);
    for (const g of data.soc[v].major) if (!majors.has(g.code)) majors.set(g.code, g);
  }
  // SOC titles of both versions: sub-major groups map to "SS", major groups to "M".
  const socIndex = new KeyIndex();
  for (const v of versions) for (const g of data.soc[v].subMajor) socIndex.add(g.title, g.code);
  for (const v of versions) for (const g of data.soc[v].major) socIndex.add(g.title, g.code);
  collect('soc', socIndex);

  /**
   * The tier 2 code a number names, or '' for a tier 1 number. The learning
   * aims database (LARS) writes codes with two decimals: '4.00' is tier 1
   * area 4 and '4.10' is tier 2 area 4.1.
   */
  function tier2Code(t1: string, minor: string | undefined): string | null | '' {
    if (minor === undefined || /^0+$/.test(minor)) return '';
    const direct = `${t1}.${Number(minor)}`;
    if (tier2.has(direct)) return direct;
    if (minor.length === 2 && minor[1] === '0' && tier2.has(`${t1}.${minor[0]}`)) return `${t1}.${minor[0]}`;
    return null;
  }

  function ssaFromNumber(major: string, minor: string | undefined): string | null {
    const t1 = String(Number(major));
    const t2 = tier2Code(t1, minor);
    if (t2 === '') return tier1.has(t1) ? t1 : null;
    return t2 === null ? null : tier2.get(t2)!.parent;
  }

  function ssa2FromNumber(major: string, minor: string | undefined): string | null {
    const t2 = tier2Code(String(Number(major)), minor);
    return t2 === '' ? null : t2;
  }

  function matchSsa(value: string | null | undefined): string | null {
    if (isBlank(value)) return null;
    const v = value!.trim();
    const num = SSA_NUMBER.exec(v);
    if (num) return ssaFromNumber(num[1], num[2]);
    const byTitle = ssaIndex.get(v);
    if (byTitle !== null) return byTitle;
    const prefix = SSA_CODE_PREFIX.exec(v);
    if (prefix) {
      const [a, b] = prefix[1].split('.');
      return ssaFromNumber(a, b);
    }
    return null;
  }

  function matchSsaTier2(value: string | null | undefined): string | null {
    if (isBlank(value)) return null;
    const v = value!.trim();
    const num = SSA_NUMBER.exec(v);
    if (num) return ssa2FromNumber(num[1], num[2]);
    const byTitle = ssa2Index.get(v);
    if (byTitle !== null) return byTitle;
    const prefix = SSA_CODE_PREFIX.exec(v);
    if (prefix) {
      const [a, b] = prefix[1].split('.');
      return ssa2FromNumber(a, b);
    }
    return null;
  }

  function socFromDigits(digits: string): SocMatch {
    if (digits.length < 1 || digits.length > 6) return { soc: digits, subMajor: null, major: null };
    if (digits.length === 1) return { soc: digits, subMajor: null, major: majors.has(digits) ? digits : null };
    const sm = subMajors.get(digits.slice(0, 2));
    return sm ? { soc: digits, subMajor: sm.code, major: sm.parent } : { soc: digits, subMajor: null, major: null };
  }

  function matchSoc(value: string | null | undefined): SocMatch {
    if (isBlank(value)) return NO_SOC;
    const v = value!.trim();
    const code = SOC_CODE.exec(v);
    if (code) {
      // "8222/01" is a SOC 2020 extension sub-unit: the unit group is what counts.
      // "8222.0" is a code that went through a spreadsheet as a number.
      const unit = code[1].split('/')[0].trim().replace(/\.0+$/, '');
      return socFromDigits(unit.replace(/\D/g, ''));
    }
    const byTitle = socIndex.get(v);
    if (byTitle !== null) {
      if (byTitle.length === 2) return { soc: null, subMajor: byTitle, major: subMajors.get(byTitle)!.parent };
      return { soc: null, subMajor: null, major: byTitle };
    }
    const prefix = SOC_CODE_PREFIX.exec(v);
    if (prefix) return socFromDigits(prefix[1]);
    return NO_SOC;
  }

  return {
    data,
    conflicts,
    matchRegion: (value) => (isBlank(value) ? null : regionIndex.get(value!)),
    matchSsa,
    matchSsaTier2,
    matchSoc,
    region: (code) => data.regions.find((r) => r.code === code),
    ssaTier1: (code) => tier1.get(code),
    ssaTier2: (code) => tier2.get(code),
    socMajor: (code, version = '2020') => data.soc[version].major.find((g) => g.code === code),
    socSubMajor: (code, version = '2020') => data.soc[version].subMajor.find((g) => g.code === code),
  };
}
