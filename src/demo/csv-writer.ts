/**
 * A small buffered CSV file writer for generated extracts (RFC 4180 quoting:
 * fields with commas, quotes or line breaks are quoted). Written here rather
 * than adding a package: the demo writes only plain text fields, and it needs
 * to stream millions of rows without holding them.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\n';
}

export class CsvFileWriter {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  rows = 0;

  constructor(readonly path: string, header: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.write(csvLine(header));
  }

  row(fields: readonly string[]): void {
    this.write(csvLine(fields));
    this.rows++;
  }

  private write(line: string): void {
    this.buffer.push(line);
    this.size += line.length;
    if (this.size >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
