/**
 * The store's schema, as an ordered list of migrations. `SCHEMA_VERSION` is
 * the number of migrations; the database records the version it was brought
 * to in `meta`, and `openStore` (src/store/database.ts) runs the missing ones
 * on open and refuses a database written by a newer Routeways.
 *
 * Datasets are the unit of import: every record row carries `dataset_id`.
 * People are given a dense `person_key` (0..n-1 within the dataset) at import
 * so the analyses can work on compact arrays; the extract's `person_id` is
 * kept only to report linkage problems.
 *
 * Classified columns keep the matched code (NULL when the value matched
 * nothing in the shipped classification) and beside it (`*_raw`) the value
 * as entered where that differs from the code (as-entered.ts).
 *
 * Migration 2 drops the primary key of `people`: the import numbers people
 * itself (person_key is unique by construction), no query looks people up by
 * key, and keeping the index cost half the time of writing people (and its
 * memory at 10M people).
 *
 * Migration 7 keeps each person's characteristics as one list in `people`
 * (`characteristic_values`, in the order of the dataset's
 * `characteristic_names`) instead of a row per person and column: writing a
 * row of (dataset, person, name, value) per value cost more than people
 * themselves (3.7 s of a 10M-person import). The view `characteristics`
 * gives the old shape (dataset_id, person_key, name, value) to readers.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: the first schema */ `
  CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

  CREATE SEQUENCE IF NOT EXISTS dataset_ids START 1;
  CREATE TABLE datasets (
    dataset_id   INTEGER PRIMARY KEY DEFAULT nextval('dataset_ids'),
    name         VARCHAR NOT NULL UNIQUE,
    imported_at  TIMESTAMP NOT NULL,
    source_dir   VARCHAR NOT NULL,
    column_map   JSON,
    soc_version  VARCHAR,      -- '2010' or '2020': the SOC used to group occupations codes (import --soc)
    report       JSON          -- the linkage and matching report printed at import
  );
  CREATE TABLE source_files (
    dataset_id INTEGER NOT NULL,
    file       VARCHAR NOT NULL,  -- people.csv, qualifications.csv, ...
    rows       BIGINT NOT NULL,   -- data rows read
    rejected   BIGINT NOT NULL,   -- rows rejected (only with --skip-invalid)
    bytes      BIGINT NOT NULL,
    sha256     VARCHAR NOT NULL,
    PRIMARY KEY (dataset_id, file)
  );
  CREATE TABLE people (
    dataset_id  INTEGER NOT NULL,
    person_key  INTEGER NOT NULL,   -- dense 0..n-1 within the dataset
    person_id   VARCHAR NOT NULL,   -- as in the extract
    region      VARCHAR,            -- region code from data/regions.csv (NE, NW, YH, EM, WM, EE, LN, SE, SW, WA, SC, NI), NULL if unmatched
    region_raw  VARCHAR,
    PRIMARY KEY (dataset_id, person_key)
  );
  CREATE TABLE characteristics (
    dataset_id INTEGER NOT NULL,
    person_key INTEGER NOT NULL,
    name       VARCHAR NOT NULL,    -- column name in people.csv
    value      VARCHAR              -- as entered; booleans normalised to 'true'/'false'
  );
  CREATE TABLE qualifications (
    dataset_id  INTEGER NOT NULL,
    person_key  INTEGER NOT NULL,
    title       VARCHAR NOT NULL,   -- as entered
    code        VARCHAR,
    ssa         VARCHAR,            -- SSA tier 1 code '1'..'15', NULL if absent/unmatched
    ssa_raw     VARCHAR,
    level       TINYINT,            -- 1..8
    type        VARCHAR,            -- 'apprenticeship' | 'classroom'
    achieved_on DATE,
    highest     BOOLEAN,
    weight      DOUBLE
  );
  CREATE TABLE occupations (
    dataset_id      INTEGER NOT NULL,
    person_key      INTEGER NOT NULL,
    title           VARCHAR NOT NULL,   -- as entered
    soc             VARCHAR,            -- SOC code as entered, normalised (digits only); NULL when the value held no code
    soc_raw         VARCHAR,            -- the soc value as entered (a code or a group title)
    soc_submajor    VARCHAR,            -- 2-digit SOC sub-major group, NULL if no usable code
    soc_major       VARCHAR,            -- 1-digit SOC major group
    employment_type VARCHAR,            -- 'training' | 'full-time' | 'part-time'
    started_on      DATE
  );
  CREATE SEQUENCE IF NOT EXISTS mapping_ids START 1;
  CREATE TABLE mappings (
    mapping_id  INTEGER PRIMARY KEY DEFAULT nextval('mapping_ids'),
    name        VARCHAR NOT NULL,
    version     INTEGER NOT NULL,
    dataset_id  INTEGER,            -- set when imported with a dataset (related.csv)
    source      VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (name, version)
  );
  CREATE TABLE mapping_rows (
    mapping_id INTEGER NOT NULL,
    ssa        VARCHAR NOT NULL,    -- SSA tier 1 code
    soc        VARCHAR NOT NULL,    -- SOC sub-major group (2 digits)
    related    BOOLEAN NOT NULL,
    PRIMARY KEY (mapping_id, ssa, soc)
  );
  `,
  /* 2: the record-key secret of the cell key method (src/store/record-keys.ts); one row, created on first use */ `
  CREATE TABLE IF NOT EXISTS record_key_secret (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    secret     VARCHAR NOT NULL,   -- 64 hex digits (256 random bits); never leaves the store
    created_at TIMESTAMP NOT NULL
  );
  `,
  /* 3: the title coder: coding memory (decisions, with who and when), per-dataset coding results, accepted variant groups.
        (IF NOT EXISTS throughout.) */ `
  CREATE SEQUENCE IF NOT EXISTS coding_decision_ids START 1;
  CREATE TABLE IF NOT EXISTS coding_decisions (
    decision_id INTEGER PRIMARY KEY DEFAULT nextval('coding_decision_ids'),
    kind        VARCHAR NOT NULL,     -- 'occupation' | 'qualification'
    title_key   VARCHAR NOT NULL,     -- the title normalised, noise removed (src/core/coding/memory.ts)
    title       VARCHAR NOT NULL,     -- the title as the reviewer saw it
    code        VARCHAR NOT NULL,     -- SOC 2020 unit group, or SSA tier 1
    code2       VARCHAR,              -- SSA tier 2 when given
    decided_by  VARCHAR NOT NULL,
    decided_at  TIMESTAMP NOT NULL,
    source      VARCHAR NOT NULL      -- 'accept' | 'set' | 'import'
  );
  CREATE TABLE IF NOT EXISTS coding_results (
    dataset_id   INTEGER NOT NULL,
    kind         VARCHAR NOT NULL,
    title        VARCHAR NOT NULL,    -- as entered
    people       BIGINT NOT NULL,     -- distinct people holding it
    code         VARCHAR,
    code_title   VARCHAR,
    code2        VARCHAR,
    confidence   INTEGER NOT NULL,    -- 0-100
    decision     VARCHAR NOT NULL,    -- 'auto' | 'review'
    alternatives JSON,
    reason       VARCHAR NOT NULL,
    coded_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (dataset_id, kind, title)
  );
  CREATE SEQUENCE IF NOT EXISTS variant_group_ids START 1;
  CREATE TABLE IF NOT EXISTS variant_groups (
    group_id    INTEGER PRIMARY KEY DEFAULT nextval('variant_group_ids'),
    kind        VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    decided_by  VARCHAR NOT NULL,
    decided_at  TIMESTAMP NOT NULL
  );
  CREATE TABLE IF NOT EXISTS variant_members (
    group_id  INTEGER NOT NULL,
    title_key VARCHAR NOT NULL,
    title     VARCHAR NOT NULL,
    PRIMARY KEY (group_id, title_key)
  );
  `,
  /* 4: employment histories (progression, seed 004): an occupation row is a spell; benefit claims */ `
  ALTER TABLE occupations ADD COLUMN IF NOT EXISTS ended_on DATE;       -- last day of the spell (inclusive); NULL = ongoing
  ALTER TABLE occupations ADD COLUMN IF NOT EXISTS hours DOUBLE;        -- usual paid hours per week
  ALTER TABLE occupations ADD COLUMN IF NOT EXISTS pay DOUBLE;          -- gross pay for pay_period
  ALTER TABLE occupations ADD COLUMN IF NOT EXISTS pay_period VARCHAR;  -- 'hour' | 'week' | 'month' | 'year'
  ALTER TABLE occupations ADD COLUMN IF NOT EXISTS contract VARCHAR;    -- 'permanent' | 'temporary' | 'fixed-term' | 'zero-hours' | 'self-employed'
  ALTER TABLE occupations ADD COLUMN IF NOT EXISTS exit_reason VARCHAR; -- 'voluntary' | 'involuntary' | 'unknown'
  CREATE TABLE IF NOT EXISTS benefits (
    dataset_id INTEGER NOT NULL,
    person_key INTEGER NOT NULL,
    started_on DATE NOT NULL,
    ended_on   DATE              -- last day of the claim (inclusive); NULL = still claiming
  );
  `,
  /* 5: people without a primary key index (the import writes person keys itself, dense and unique) */ `
  DROP TABLE IF EXISTS people_v2;
  CREATE TABLE people_v2 (
    dataset_id  INTEGER NOT NULL,
    person_key  INTEGER NOT NULL,   -- dense 0..n-1 within the dataset
    person_id   VARCHAR NOT NULL,   -- as in the extract
    region      VARCHAR,            -- region code from data/regions.csv, NULL if unmatched
    region_raw  VARCHAR
  );
  INSERT INTO people_v2 SELECT dataset_id, person_key, person_id, region, region_raw FROM people;
  DROP TABLE people;
  ALTER TABLE people_v2 RENAME TO people;
  `,
  /* 6: counts-only datasets (import-counts): the count tables a warehouse computed, no records (src/store/counts.ts) */ `
  ALTER TABLE datasets ADD COLUMN IF NOT EXISTS kind VARCHAR DEFAULT 'records';  -- 'records' | 'counts'
  CREATE TABLE IF NOT EXISTS count_regions (
    dataset_id INTEGER NOT NULL,
    region     VARCHAR,            -- region code, NULL if unmatched
    people     BIGINT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS count_patterns (
    dataset_id INTEGER NOT NULL,
    pattern    INTEGER NOT NULL,   -- dense 0..n-1 within the dataset
    region     VARCHAR,
    people     INTEGER NOT NULL,   -- people sharing the pattern
    key_sum    INTEGER NOT NULL    -- their record keys summed, modulo 4096
  );
  CREATE TABLE IF NOT EXISTS count_pattern_items (
    dataset_id INTEGER NOT NULL,
    pattern    INTEGER NOT NULL,
    side       VARCHAR NOT NULL,   -- 'q' (qualification title) | 'o' (occupation title)
    item       VARCHAR NOT NULL
  );
  CREATE TABLE IF NOT EXISTS count_pathways (
    dataset_id INTEGER NOT NULL,
    level      INTEGER,
    region     VARCHAR,
    status     VARCHAR NOT NULL,   -- 'analysed' | 'no-ssa' | 'no-soc' | 'no-occupation'
    ssa        VARCHAR,
    qt         VARCHAR,
    soc        VARCHAR,
    et         VARCHAR,
    n          BIGINT NOT NULL,
    key_sum    INTEGER NOT NULL,
    w          DOUBLE,
    w2         DOUBLE,
    missing_w  BIGINT NOT NULL
  );
  `,
  /* 7: characteristics as a list per person, named by characteristic_names; the view characteristics reads them as rows */ `
  CREATE TABLE IF NOT EXISTS characteristic_names (
    dataset_id INTEGER NOT NULL,
    position   INTEGER NOT NULL,   -- 1-based index into people.characteristic_values
    name       VARCHAR NOT NULL,   -- column name in people.csv
    PRIMARY KEY (dataset_id, position)
  );
  INSERT INTO characteristic_names
    SELECT dataset_id, CAST(row_number() OVER (PARTITION BY dataset_id ORDER BY name) AS INTEGER), name
    FROM (SELECT DISTINCT dataset_id, name FROM characteristics);
  DROP TABLE IF EXISTS people_v3;
  CREATE TABLE people_v3 (
    dataset_id            INTEGER NOT NULL,
    person_key            INTEGER NOT NULL,   -- dense 0..n-1 within the dataset
    person_id             VARCHAR NOT NULL,   -- as in the extract
    region                VARCHAR,            -- region code from data/regions.csv, NULL if unmatched
    region_raw            VARCHAR,
    characteristic_values VARCHAR[]           -- as entered, booleans as 'true'/'false'; NULL when the dataset has none
  );
  INSERT INTO people_v3
    SELECT p.dataset_id, p.person_key, p.person_id, p.region, p.region_raw, v.vals
    FROM people p LEFT JOIN (
      SELECT c.dataset_id, c.person_key, list(c.value ORDER BY n.position) AS vals
      FROM characteristics c JOIN characteristic_names n USING (dataset_id, name) GROUP BY ALL
    ) v USING (dataset_id, person_key);
  DROP TABLE characteristics;
  DROP TABLE people;
  ALTER TABLE people_v3 RENAME TO people;
  CREATE VIEW characteristics AS
    SELECT p.dataset_id, p.person_key, n.name, p.characteristic_values[n.position] AS value
    FROM people p JOIN characteristic_names n USING (dataset_id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
