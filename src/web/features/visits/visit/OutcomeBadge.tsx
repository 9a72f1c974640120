import { Badge } from '@mantine/core';
import type { NoSaleReason } from '../../../../shared/domain/visits.ts';
import type { VisitOutcome } from '../visits.api.ts';
import { NO_SALE_LABEL, OUTCOME_LABEL } from '../words.ts';

/** How a visit ended (or that it is still open), in a badge; a visit with no sale says why. */
export function OutcomeBadge(props: { status: 'open' | 'closed'; outcome: VisitOutcome | null; noSaleReason: NoSaleReason | null }) {
  const style = { textTransform: 'none', height: 'auto', minHeight: 'var(--badge-height)', whiteSpace: 'normal' } as const;
  if (props.status === 'open')
    return (
      <Badge color="yellow.4" variant="filled" autoContrast size="lg" style={style}>
        Still open
      </Badge>
    );
  if (props.outcome === 'sale')
    return (
      <Badge color="moss.7" variant="filled" size="lg" style={style}>
        {OUTCOME_LABEL.sale}
      </Badge>
    );
  if (props.outcome === 'special-order')
    return (
      <Badge color="indigo.8" variant="filled" size="lg" style={style}>
        {OUTCOME_LABEL['special-order']}
      </Badge>
    );
  return (
    <Badge color="gray.8" variant="outline" size="lg" style={style}>
      {OUTCOME_LABEL['no-sale']}
      {props.noSaleReason ? `: ${NO_SALE_LABEL[props.noSaleReason].toLowerCase()}` : ''}
    </Badge>
  );
}
