/**
 * The tables of the report pages: a header row, one row per line, an optional bold total row. A
 * cell given as text or a number is set in the body's type; any other node is shown as it is (a
 * link, a coloured figure).
 */
import * as React from 'react';
import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';

export interface FiguresRow {
  key: string;
  cells: React.ReactNode[];
}

const plain = (cell: React.ReactNode) => typeof cell === 'string' || typeof cell === 'number';

/** The header row of the admin's tables, each heading in the design system's small capitals. */
export const HeadingsRow = ({ headings }: { headings: string[] }) => (
  <Thead>
    <Tr>
      {headings.map((heading) => (
        <Th key={heading}>
          <Typography variant="sigma">{heading}</Typography>
        </Th>
      ))}
    </Tr>
  </Thead>
);

export const FiguresTable = ({ headings, rows, total }: { headings: string[]; rows: FiguresRow[]; total?: React.ReactNode[] }) => (
  <Table colCount={headings.length} rowCount={rows.length + (total ? 2 : 1)}>
    <HeadingsRow headings={headings} />
    <Tbody>
      {rows.map((row) => (
        <Tr key={row.key}>
          {row.cells.map((cell, index) => (
            <Td key={index}>{plain(cell) ? <Typography textColor="neutral800">{cell}</Typography> : cell}</Td>
          ))}
        </Tr>
      ))}
      {total ? (
        <Tr>
          {total.map((cell, index) => (
            <Td key={index}>{plain(cell) ? <Typography fontWeight="bold">{cell}</Typography> : cell}</Td>
          ))}
        </Tr>
      ) : null}
    </Tbody>
  </Table>
);
