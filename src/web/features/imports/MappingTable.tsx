import { NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { PreviewColumn } from './import-file.ts';

/**
 * The mapping step of a generic CSV: each column of the file with a few of its values and what it
 * becomes in Ones (a customer detail, a product field), pre-filled from the headings.
 */
export function MappingTable<F extends string>(props: {
  columns: PreviewColumn[];
  mapping: Record<string, F | 'ignore'>;
  /** Every field a column can become; "Don’t import" is added. */
  options: { value: F; label: string }[];
  help: string;
  error: string | null;
  disabled?: boolean;
  onChange: (mapping: Record<string, F | 'ignore'>) => void;
}) {
  const options = [...props.options, { value: 'ignore' as const, label: 'Don’t import' }];
  // A phone has no room for two columns: each select goes under its column's values.
  const wide = useMediaQuery('(min-width: 36em)', true, { getInitialValueInEffect: false });
  return (
    <Stack gap="xs">
      <Title order={3} size="h4" id="mapping-heading">
        Which column is which?
      </Title>
      <Text size="sm" c="dimmed" id="mapping-help">
        {props.help}
      </Text>
      <Table verticalSpacing="sm" horizontalSpacing="xs" aria-labelledby="mapping-heading" aria-describedby="mapping-help">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{wide ? 'Column in your file' : 'Column in your file, and what it becomes'}</Table.Th>
            {wide && <Table.Th w="50%">Import as</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.columns.map((c, i) => {
            const name = c.header.trim() || `Column ${i + 1} (no heading)`;
            const column = (
              <>
                <Text fw={600} style={{ overflowWrap: 'break-word' }}>
                  {name}
                </Text>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {c.samples.length ? `e.g. ${c.samples.join(' · ')}` : 'Empty in the first rows'}
                </Text>
              </>
            );
            // A native select: the tablet's own picker, easy to reach with a finger and any screen reader.
            const select = (
              <NativeSelect
                size="md"
                mt={wide ? 0 : 6}
                aria-label={`Import “${name}” as`}
                data={options}
                value={props.mapping[c.header] ?? 'ignore'}
                disabled={props.disabled}
                onChange={(e) => props.onChange({ ...props.mapping, [c.header]: e.currentTarget.value as F | 'ignore' })}
              />
            );
            return (
              // Headings may repeat; the position is what identifies a column.
              // biome-ignore lint/suspicious/noArrayIndexKey: columns never move
              <Table.Tr key={i}>
                {wide ? (
                  <>
                    <Table.Td>{column}</Table.Td>
                    <Table.Td>{select}</Table.Td>
                  </>
                ) : (
                  <Table.Td>
                    {column}
                    {select}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {props.error && (
        <Text c="var(--mantine-color-error)" role="alert" fw={600}>
          {props.error}
        </Text>
      )}
    </Stack>
  );
}
