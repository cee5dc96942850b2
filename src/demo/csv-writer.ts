/**
 * A small buffered CSV file writer for generated extracts, streaming millions
 * of rows without holding them; the fields are written by the project's one
 * CSV writer (src/core/csv.ts).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { csvLine } from '../core/csv.js';

export { csvLine };

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
