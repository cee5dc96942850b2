/** The shipped classifications (data/*.csv), as plain records. */

export interface Region {
  /** Routeways' short code: NE, NW, YH, EM, WM, EE, LN, SE, SW, WA, SC, NI. */
  code: string;
  name: string;
  /** ONS GSS code, e.g. E12000003. */
  gssCode: string;
  /** NOMS CFO report code (RS01YH); null outside England. */
  reportCode: string | null;
  /** Other names found in extracts. */
  aliases: string[];
}

export interface SsaTier1 {
  /** '1'..'15' */
  code: string;
  title: string;
  aliases: string[];
}

export interface SsaTier2 {
  /** '1.1'..'15.5' */
  code: string;
  title: string;
  /** Tier 1 code. */
  parent: string;
  /** Other titles (the 2019 renames of ICT to digital technology). */
  aliases: string[];
}

export interface SocMajorGroup {
  /** One digit. */
  code: string;
  title: string;
}

export interface SocSubMajorGroup {
  /** Two digits. */
  code: string;
  title: string;
  /** Major group code. */
  parent: string;
}

export type SocVersion = '2010' | '2020';

export interface ClassificationData {
  regions: Region[];
  ssaTier1: SsaTier1[];
  ssaTier2: SsaTier2[];
  soc: Record<SocVersion, { major: SocMajorGroup[]; subMajor: SocSubMajorGroup[] }>;
}

/** What a SOC value in an extract resolves to. Fields are null when not known. */
export interface SocMatch {
  /** The code as entered, digits only (e.g. '8222'), or null when the value held no code. */
  soc: string | null;
  /** Two-digit sub-major group. */
  subMajor: string | null;
  /** One-digit major group. */
  major: string | null;
}
