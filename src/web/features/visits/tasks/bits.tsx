/** The look of one item in these lists: a bordered card whose left edge repeats its state for a quick scan. */
export const cardStyle = (edge: string) =>
  ({
    borderRadius: 'var(--mantine-radius-md)',
    border: '1px solid var(--mantine-color-gray-3)',
    borderLeft: `6px solid ${edge}`,
    background: 'var(--mantine-color-white)',
  }) as const;

/** Tabs with 44 px targets that wrap on a narrow screen. */
export const TAB_STYLES = { tab: { minHeight: '2.75rem' }, list: { flexWrap: 'wrap' } } as const;
