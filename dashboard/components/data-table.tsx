// A data table with a caption, column headers and cursor paging (the API's `nextCursor`): the
// first page, then "next" until there is none. Rows open through links in their cells, so the
// table works with the keyboard like any page.

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Page } from '../api';
import { strings } from '../strings';
import { EmptyState, ErrorBanner, Loading } from './status';

export type Column<T> = { header: string; cell: (row: T) => ComponentChildren; numeric?: boolean };

export function DataTable<T>(props: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty: string;
}) {
  if (props.rows.length === 0) return <EmptyState>{props.empty}</EmptyState>;
  return (
    // Focusable and named, so a table wider than a phone can be scrolled with the keyboard.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
    <section class="table-scroll" aria-label={props.caption} tabIndex={0}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.header} scope="col" class={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((c) => (
                <td key={c.header} class={c.numeric ? 'num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Pages of a list endpoint; `key` changes (filters) start again at the first page. */
export function usePages<T>(load: (cursor?: string) => Promise<Page<T>>, key: string) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<Page<T> | undefined>();
  const [error, setError] = useState<unknown>();
  const [reload, setReload] = useState(0);
  const cursor = cursors[cursors.length - 1];
  useEffect(() => setCursors([undefined]), [key]);
  useEffect(() => {
    let live = true;
    setPage(undefined);
    setError(undefined);
    load(cursor).then(
      (p) => live && setPage(p),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [key, cursor, reload]);
  return {
    page,
    error,
    pageNumber: cursors.length,
    next: page?.nextCursor ? () => setCursors([...cursors, page.nextCursor!]) : undefined,
    previous: cursors.length > 1 ? () => setCursors(cursors.slice(0, -1)) : undefined,
    reload: () => setReload((r) => r + 1),
  };
}

export function PagedTable<T>(
  props: Omit<Parameters<typeof DataTable<T>>[0], 'rows'> & { pages: ReturnType<typeof usePages<T>> },
) {
  const { pages, ...table } = props;
  if (pages.error) return <ErrorBanner error={pages.error} />;
  if (!pages.page) return <Loading />;
  return (
    <>
      <DataTable {...table} rows={pages.page.data} />
      {(pages.next || pages.previous) && (
        <nav class="pager" aria-label={strings.common.pages}>
          <button type="button" onClick={pages.previous} disabled={!pages.previous}>
            {strings.common.previous}
          </button>
          <span>{strings.common.pageNumber(pages.pageNumber)}</span>
          <button type="button" onClick={pages.next} disabled={!pages.next}>
            {strings.common.next}
          </button>
        </nav>
      )}
    </>
  );
}
