/**
 * Reading the CSV files of an extract in JavaScript: the header row, the line
 * on which each record starts, checksums, and a full streaming parse
 * (csv-parse) for files DuckDB's fast reader refuses, so that every problem
 * still gets its line and column.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { InputError } from '../core/errors.js';

/** Encodings an extract may be in (DuckDB's names). */
export type CsvEncoding = 'utf-8' | 'latin-1' | 'utf-16';

export function nodeEncoding(e: CsvEncoding): BufferEncoding {
  return e === 'utf-8' ? 'utf8' : e === 'latin-1' ? 'latin1' : 'utf16le';
}

const REPLACEMENT = '\uFFFD';

export interface HeaderRead {
  /** The header cells, BOM removed, as written. */
  header: string[];
  bytes: number;
}

/** The longest header row read (characters): far more than any real header; a longer one is an unclosed quote. */
const MAX_HEADER_CHARS = 16 * 1024 * 1024;

/** Read the header row. Throws InputError for an empty file or a header that is not valid text. */
export async function readHeader(path: string, file: string, encoding: CsvEncoding): Promise<HeaderRead> {
  const bytes = statSync(path).size;
  if (bytes === 0) {
    throw new InputError(`${file} is empty; expected a header row naming the columns, then one record per line`, { file, line: 1 });
  }
  const parser = parse({
    bom: true, to: 1, relax_column_count: true, skip_empty_lines: true, encoding: nodeEncoding(encoding), relax_quotes: true, max_record_size: MAX_HEADER_CHARS,
  });
  // A read error (the file vanished, EIO) goes to the parser, so the loop below sees it rather than an unhandled 'error' event.
  const input = createReadStream(path, { highWaterMark: 1 << 16 });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  let header: string[] | undefined;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      header = rec;
      break;
    }
  } catch (err) {
    const msg = (err as { code?: string }).code === 'CSV_MAX_RECORD_SIZE' ? `the header row is longer than ${MAX_HEADER_CHARS / 2 ** 20} MiB (is a quote not closed?)` : (err as Error).message;
    throw new InputError(`cannot read the header row: ${msg}`, { file, line: 1 });
  } finally {
    input.destroy();
    parser.destroy();
  }
  if (!header || header.every((h) => h.trim() === '')) {
    throw new InputError(`${file} has no header row; expected a first line naming the columns`, { file, line: 1 });
  }
  const bad = header.findIndex((h) => h.includes(REPLACEMENT));
  if (bad >= 0) {
    throw new InputError(
      `the header is not ${encoding === 'utf-8' ? 'UTF-8' : encoding} text (column '${header[bad]}'); save the file as UTF-8, or pass --encoding latin-1`,
      { file, line: 1, column: bad + 1 },
    );
  }
  return { header: header.map((h) => h.trim()), bytes };
}

/** Size and SHA-256 of a file, streamed; and whether it holds a NUL byte anywhere (memchr: nearly free). */
export async function checksum(path: string): Promise<{ bytes: number; sha256: string; hasNul: boolean }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let hasNul = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    hash.update(buf);
    bytes += buf.length;
    hasNul ||= buf.indexOf(0) >= 0;
  }
  return { bytes, sha256: hash.digest('hex'), hasNul };
}

/**
 * Call `onRecord(rec, line)` with the line (1-based, header = line 1) on which
 * each data record starts (rec 0 = first record after the header), in order;
 * stop when it returns false. Follows RFC 4180 quoting, so a quoted field
 * spanning lines moves later records down; blank lines are skipped as DuckDB
 * and csv-parse skip them.
 */
export async function forEachRecordStart(path: string, onRecord: (rec: number, line: number) => boolean | void): Promise<void> {
  let line = 1;
  let rec = -2; // the header becomes record -1
  let atStart = true;
  let inQuote = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i];
      if (atStart) {
        if (b === 0x0a) {
          line++;
          continue;
        }
        if (b === 0x0d) continue;
        rec++;
        atStart = false;
        if (rec >= 0 && onRecord(rec, line) === false) return;
      }
      if (b === 0x22) inQuote = !inQuote;
      else if (b === 0x0a) {
        line++;
        if (!inQuote) atStart = true;
      }
    }
  }
}

/** The start line of each wanted data record (`wanted` sorted). */
export async function recordStartLines(path: string, wanted: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (wanted.length === 0) return out;
  let w = 0;
  await forEachRecordStart(path, (rec, line) => {
    if (rec === wanted[w]) {
      out.set(rec, line);
      while (w < wanted.length && wanted[w] === rec) w++;
    }
    return w < wanted.length;
  });
  return out;
}

export interface ParsedRecord {
  /** 0-based data record number. */
  rec: number;
  line: number;
  fields: string[];
}

/**
 * Parse every data record with csv-parse (streaming), with its start line.
 * Used when DuckDB's reader refuses a file (bad bytes, ragged rows, mixed line
 * endings) so that the problems can be listed one by one.
 */
export async function* parseRecords(path: string, file: string, encoding: CsvEncoding): AsyncGenerator<ParsedRecord> {
  // Line numbers come from our own scan (csv-parse counts CRLF inside quotes twice).
  const allLines = await allRecordStartLines(path);
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, encoding: nodeEncoding(encoding), info: true });
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  let rec = -1;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (rec >= 0) yield { rec, line: allLines[rec + 1] ?? item.info.lines, fields: item.record };
      rec++;
    }
  } catch (err) {
    const line = allLines[rec + 1] ?? undefined;
    const msg = (err as Error).message.replace(/^Invalid Record Length: /, '');
    if (/quote/i.test(msg)) {
      throw new InputError(`a quoted field is not closed (a '"' opens a field that never ends); check the quotes in this record`, {
        file,
        line,
      });
    }
    throw new InputError(`cannot read the file as CSV: ${msg}`, { file, line });
  } finally {
    input.destroy();
  }
}

/** Start line of every record including the header (index 0 = header). */
async function allRecordStartLines(path: string): Promise<Float64Array> {
  let out = new Float64Array(1024);
  out[0] = 1;
  let n = 1;
  await forEachRecordStart(path, (_rec, line) => {
    if (n === out.length) {
      const bigger = new Float64Array(out.length * 2);
      bigger.set(out);
      out = bigger;
    }
    out[n++] = line;
  });
  return out.subarray(0, n);
}

/** True when a field decoded with U+FFFD, i.e. held bytes that are not valid in the encoding. */
export function hasBadBytes(s: string): boolean {
  return s.includes(REPLACEMENT);
}
