/**
 * Building blocks of published pages: the page shell, a published table with
 * its caption, headers, notes and standard labels, and the key to symbols.
 * Everything renders from a ProtectedRelease's published cells.
 */
import type { ComponentChildren } from 'preact';
import { SYMBOL_MEANINGS, type GssSymbol, type PublishedCell, type PublishedTable } from '../../core/disclosure/release.js';
import type { StandardLabels } from '../../core/results.js';
import { formatCell, formatInterval } from '../format.js';
import { SITE_CSS } from '../styles.js';

export function Page(props: { title: string; home: string | null; children: ComponentChildren; head?: ComponentChildren }) {
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="Routeways" />
        {/* No favicon request: pages must load cleanly from file:// and any server. */}
        <link rel="icon" href="data:," />
        <title>{props.title}</title>
        <style dangerouslySetInnerHTML={{ __html: SITE_CSS }} />
        {props.head}
      </head>
      <body>
        <a class="skip-link" href="#content">
          Skip to content
        </a>
        <header class="site">
          <strong>Routeways</strong>
          {props.home !== null ? (
            <>
              {' · '}
              <a href={props.home}>All reports</a>
            </>
          ) : null}
        </header>
        <main id="content">{props.children}</main>
        <footer class="site">
          <p>
            Published with Routeways. Every figure has passed disclosure control: small counts are withheld or rounded so that no
            person can be identified.
          </p>
        </footer>
      </body>
    </html>
  );
}

function CellContent(props: { cell: PublishedCell }) {
  const { cell } = props;
  if (cell.kind === 'symbol') {
    return <abbr title={SYMBOL_MEANINGS[cell.symbol]}>{cell.symbol}</abbr>;
  }
  const text = formatCell(cell);
  const interval = formatInterval(cell);
  const flag = cell.kind === 'share' && cell.flag ? (
    <>
      {' '}
      <abbr title={SYMBOL_MEANINGS[cell.flag]}>{cell.flag}</abbr>
    </>
  ) : null;
  if (interval !== null) {
    return (
      <>
        {text}
        {flag}
        <span class="ci">
          <span class="visually-hidden">95% interval </span>
          {interval}
        </span>
      </>
    );
  }
  return (
    <>
      {text}
      {flag}
    </>
  );
}

function isNumeric(cell: PublishedCell | undefined): boolean {
  return cell !== undefined && (cell.kind === 'count' || cell.kind === 'share' || cell.kind === 'stat');
}

/**
 * A column is numeric when more of its cells hold numbers than text (a
 * cluster table's description row puts one name in a count column).
 * Symbols go either way.
 */
function numericColumn(table: PublishedTable, i: number): boolean {
  let numbers = 0;
  let texts = 0;
  for (const r of table.rows) {
    if (isNumeric(r.cells[i])) numbers++;
    else if (r.cells[i]?.kind === 'text') texts++;
  }
  return numbers > texts;
}

/** Numbers and symbols in a numeric column are right-aligned; text stays left wherever it is. */
function numericCell(cell: PublishedCell | undefined, columnIsNumeric: boolean): boolean {
  return columnIsNumeric && cell?.kind !== 'text';
}

export function labelRows(labels: StandardLabels): Array<[string, string]> {
  return [
    ['Source', labels.source],
    ['Regularity of publication', labels.regularity],
    ['Date', labels.date],
    ['Classification', labels.classification.join('; ')],
    ['Spatial availability', labels.spatialAvailability],
  ];
}

export function Labels(props: { labels: StandardLabels }) {
  return (
    <dl class="labels" aria-label="Standard labels">
      {labelRows(props.labels).map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </>
      ))}
    </dl>
  );
}

/** A published table: caption, column headers, row headers (the first column when it is text), notes, labels, CSV link. */
export function TableBlock(props: { table: PublishedTable; labels: StandardLabels; csvHref: string; headingId: string }) {
  const { table } = props;
  const firstIsHeader = table.rows.length > 0 && table.rows.every((r) => r.cells[0]?.kind === 'text' || r.cells[0]?.kind === 'empty' || r.cells[0]?.kind === 'symbol');
  const numericCol = table.columns.map((_, i) => numericColumn(table, i));
  return (
    <section class="table-block" data-table={table.id}>
      {/* Focusable so keyboard users can scroll a wide table. */}
      <div class="table-wrap" tabindex={0} role="region" aria-labelledby={props.headingId}>
        <table data-table={table.id}>
          <caption id={props.headingId}>
            <span class="title">{table.title}</span>
            {table.caption ? <span class="sub">{table.caption}</span> : null}
          </caption>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th scope="col" class={numericCol[i] ? 'num' : undefined} data-col={c.id}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr class={row.total ? 'total' : undefined} data-row={row.id}>
                {row.cells.map((cell, i) =>
                  i === 0 && firstIsHeader ? (
                    <th scope="row">
                      <CellContent cell={cell} />
                    </th>
                  ) : (
                    <td class={numericCell(cell, numericCol[i]) ? 'num' : undefined}>
                      <CellContent cell={cell} />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {table.notes && table.notes.length > 0 ? (
        <ul class="notes">
          {table.notes.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
      ) : null}
      <Labels labels={props.labels} />
      <p class="no-print">
        <a href={props.csvHref} download>
          Download this table (CSV)
        </a>
      </p>
    </section>
  );
}

export function SymbolKey() {
  return (
    <dl class="symbols">
      {(Object.keys(SYMBOL_MEANINGS) as GssSymbol[]).map((s) => (
        <>
          <dt>{s}</dt>
          <dd>{SYMBOL_MEANINGS[s]}</dd>
        </>
      ))}
    </dl>
  );
}
