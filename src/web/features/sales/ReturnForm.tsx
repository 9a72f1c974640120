import { Button, Fieldset, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, fieldError, newClientId } from '../../api.ts';
import { FormError } from '../../ui/states.tsx';
import { useSignedIn } from '../auth/me-context.ts';
import { CUSTOMERS_KEY } from '../customers/customers.api.ts';
import { money } from '../customers/format.ts';
import { Section } from '../customers/Section.tsx';
import { type ExchangeItem, ExchangeLines } from './ExchangeLines.tsx';
import { unitsText } from './format.ts';
import type { RecordedState } from './SalePage.tsx';
import { type ReturnInput, recordReturn, refundFor, returnable, SALES_KEY, type Sale, saleKey } from './sales.api.ts';

type Draft = Record<number, { units: number | ''; restock: boolean }>;

/**
 * Gives back units of a sale's lines, each restocked or not, and shows the refund as it adds up.
 * The server has the last word on what can still be returned; its refusals show by the line.
 */
export function ReturnForm({ sale, onCancel }: { sale: Sale; onCancel: () => void }) {
  const me = useSignedIn();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const lines = sale.lines.filter((l) => returnable(l) > 0);
  const [draft, setDraft] = useState<Draft>(() => Object.fromEntries(lines.map((l) => [l.lineNo, { units: '' as const, restock: true }])));
  const [problems, setProblems] = useState<Record<number, string>>({});
  const [exchange, setExchange] = useState<ExchangeItem[]>([]);
  const [exchangeProblems, setExchangeProblems] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState<string | undefined>();
  // One id for this return, made once: a submit retried after a lost answer is recorded once.
  const [externalId] = useState(newClientId);
  const first = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    first.current?.focus({ preventScroll: true });
  }, []);

  const save = useMutation({
    mutationFn: (body: ReturnInput) => recordReturn(sale.id, body),
    onSuccess: (made) => {
      void queryClient.invalidateQueries({ queryKey: SALES_KEY });
      // The customer's spend and timeline change with a refund.
      void queryClient.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      navigate(`/sales/${made.id}`, { state: { recorded: true } satisfies RecordedState });
    },
    onError: (err) => {
      // Someone else may have returned units meanwhile: show what is left now.
      if (err instanceof ApiError && err.status !== 0) void queryClient.invalidateQueries({ queryKey: saleKey(sale.id) });
    },
  });

  const chosen = lines.flatMap((l) => {
    const d = draft[l.lineNo];
    return d && typeof d.units === 'number' && d.units > 0 ? [{ line: l, units: d.units, restock: d.restock }] : [];
  });
  const refund = chosen.reduce((sum, c) => sum + refundFor(c.line, Math.min(c.units, returnable(c.line))), 0);
  const units = chosen.reduce((sum, c) => sum + c.units, 0);
  const exchangeTotal = exchange.reduce((sum, x) => sum + (typeof x.quantity === 'number' ? x.quantity * x.unitPrice : 0), 0);
  const balance = Math.round((exchangeTotal - refund) * 100) / 100;

  /** The server names a refused line by its place in what was sent, not by its line number. */
  function serverError(lineNo: number): string | undefined {
    const sent = save.variables?.lines ?? [];
    const i = sent.findIndex((s) => s.lineNo === lineNo);
    if (i < 0) return undefined;
    return fieldError(save.error, `lines[${i}].quantity`) ?? fieldError(save.error, `lines[${i}].lineNo`);
  }
  const exchangeError = (i: number) => {
    const found =
      exchangeProblems[i] ?? fieldError(save.error, `exchange[${i}].quantity`) ?? fieldError(save.error, `exchange[${i}].variantId`);
    return found ? found.charAt(0).toUpperCase() + found.slice(1) : undefined;
  };
  const lineErrors = lines.some((l) => serverError(l.lineNo)) || exchange.some((_, i) => exchangeError(i));

  function update(lineNo: number, patch: Partial<Draft[number]>) {
    setDraft((d) => ({ ...d, [lineNo]: { units: '', restock: true, ...d[lineNo], ...patch } }));
    setProblems((p) => {
      const { [lineNo]: _, ...rest } = p;
      return rest;
    });
    setProblem(undefined);
    if (save.isError) save.reset();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<number, string> = {};
    for (const c of chosen) {
      const left = returnable(c.line);
      if (!Number.isInteger(c.units)) found[c.line.lineNo] = 'Whole units only.';
      else if (c.units > left) found[c.line.lineNo] = `Only ${left} can still be returned.`;
    }
    const badExchange: Record<number, string> = {};
    for (const [i, x] of exchange.entries())
      if (typeof x.quantity !== 'number' || !Number.isInteger(x.quantity) || x.quantity < 1) badExchange[i] = 'At least one whole unit.';
    setProblems(found);
    setExchangeProblems(badExchange);
    if (Object.keys(found).length || Object.keys(badExchange).length) return;
    if (chosen.length === 0) {
      setProblem('Choose how many units of at least one item come back.');
      return;
    }
    setProblem(undefined);
    save.mutate({
      externalId,
      lines: chosen.map((c) => ({ lineNo: c.line.lineNo, quantity: c.units, restock: c.restock })),
      exchange: exchange.map((x) => ({ variantId: x.variantId, quantity: Number(x.quantity) })),
    });
  }

  const untouchable = sale.lines.length - lines.length;
  return (
    <div ref={heading}>
      <Section id="return-form-heading" title="Return items">
        <form onSubmit={submit} noValidate aria-labelledby="return-form-heading">
          <Stack gap="md">
            <Text c="dimmed">
              Say how many of each come back. Leave “Put back in stock” on for what can be sold again. The refund is what was paid for them,
              discounts included.
            </Text>
            {lines.map((l, i) => {
              const d = draft[l.lineNo] ?? { units: '', restock: true };
              const left = returnable(l);
              return (
                <Fieldset
                  key={l.lineNo}
                  legend={l.description}
                  p="sm"
                  styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-md)' } }}
                >
                  <Group gap="md" align="flex-end" wrap="wrap">
                    <NumberInput
                      ref={i === 0 ? first : undefined}
                      label="Units to return"
                      description={`Up to ${left}${l.returned > 0 ? ` (${l.returned} already returned)` : ''}`}
                      min={0}
                      max={left}
                      allowDecimal={false}
                      allowNegative={false}
                      value={d.units}
                      onChange={(v) => update(l.lineNo, { units: typeof v === 'number' ? v : v === '' ? '' : Number(v) })}
                      error={problems[l.lineNo] ?? serverError(l.lineNo)}
                      w={150}
                      hideControls
                      inputMode="numeric"
                    />
                    <Button
                      variant="default"
                      onClick={() => update(l.lineNo, { units: left })}
                      aria-label={`All ${left} of ${l.description}`}
                    >
                      All {left}
                    </Button>
                    <Switch
                      label="Put back in stock"
                      checked={d.restock}
                      onChange={(e) => update(l.lineNo, { restock: e.currentTarget.checked })}
                      size="md"
                    />
                  </Group>
                </Fieldset>
              );
            })}
            {untouchable > 0 && (
              <Text size="sm" c="dimmed">
                {untouchable === 1 ? 'One other item has' : `${untouchable} other items have`} nothing left to return.
              </Text>
            )}
            <ExchangeLines
              storeId={sale.store.id}
              items={exchange}
              onChange={(items) => {
                setExchange(items);
                setExchangeProblems({});
                setProblem(undefined);
                if (save.isError) save.reset();
              }}
              errorFor={exchangeError}
            />
            {problem && (
              <Text c="var(--mantine-color-error)" role="alert">
                {problem}
              </Text>
            )}
            {save.isError && !lineErrors && <FormError error={save.error} />}
            <Text size="lg" fw={650} role="status" aria-live="polite">
              {units === 0
                ? 'Refund: nothing chosen yet'
                : exchange.length === 0
                  ? `Refund ${money(refund, me)} for ${unitsText(units)}`
                  : `${unitsText(units)} back (${money(refund, me)}), ${money(exchangeTotal, me)} taken instead: ${
                      balance > 0
                        ? `the customer pays ${money(balance, me)}`
                        : balance < 0
                          ? `give ${money(-balance, me)} back`
                          : 'an even exchange'
                    }`}
            </Text>
            <Group gap="sm">
              <Button type="submit" loading={save.isPending}>
                Record the return
              </Button>
              <Button variant="default" onClick={onCancel} disabled={save.isPending}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </form>
      </Section>
    </div>
  );
}
