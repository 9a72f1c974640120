import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { MAX_QUANTITY } from '../../../shared/domain/question-sets.ts';
import { stockWords } from '../../../shared/domain/recommend.ts';
import { ApiError, errorMessage, newClientId } from '../../api.ts';
import { ErrorState, FormError, LoadingState } from '../../ui/states.tsx';
import type { Me } from '../auth/auth.api.ts';
import { useSignedIn } from '../auth/me-context.ts';

import { money } from '../customers/format.ts';
import { Part } from '../customers/Section.tsx';
import {
  adjustedPlan,
  clockWords,
  deliveryDay,
  type HoldChoice,
  holdState,
  holdUntil,
  lineSource,
  localInputValue,
  planReach,
  shortWords,
} from './alternatives-words.ts';
import {
  type Alternatives,
  type BasketLine,
  type BasketPairing,
  choosePlan,
  type FulfilmentPlan,
  type GuidanceSession,
  type PlanHold,
  removeFromBasket,
  type Substitute,
  sessionKey,
  useAlternatives,
  useGoesWellWith,
} from './guidance.api.ts';
import classes from './guidance.module.css';
import { sentence } from './guidance-words.ts';
import { useGuidanceWrites } from './writes.ts';

/** Mantine's darkest orange is 4.3:1 on white; this burnt orange keeps small text above 4.5:1, on a pale orange too. */
export const WARM = '#a63a00';
/** Badge colours for an item's stock: all here, some here, none here. */
export const STOCK_TONE = { here: 'moss.8', partial: WARM, none: 'gray.7' } as const;

/** The store a visit is in, for its name and the time zone hold times are said in. */
export function visitStore(me: Me, session: GuidanceSession) {
  const store = me.stores.find((s) => s.id === session.storeId);
  return { name: store?.name ?? 'this store', timeZone: store?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone };
}

/** Said where a plan or a hold is offered while the server cannot be reached: they need its answer. */
const HOLD_NEEDS_CONNECTION = 'Choosing a plan or holding units needs the connection: the stock is checked as they are set aside.';

/** Puts a basket (and the holds, when known) into the visit's cached session. */
function useSetBasket(sessionId: string) {
  const queryClient = useQueryClient();
  return (basket: BasketLine[], holds?: PlanHold[]) =>
    queryClient.setQueryData<GuidanceSession>(sessionKey(sessionId), (s) => (s ? { ...s, basket, ...(holds ? { holds } : {}) } : s));
}

/** A short titled list with a mark before each line: ✓ what matches, ≠ what differs. */
export function ReasonList(props: { title: string; mark: string; items: string[]; color: string }) {
  const id = useId();
  if (props.items.length === 0) return null;
  return (
    <Box>
      <Text size="sm" fw={650} c="dimmed" id={id}>
        {props.title}
      </Text>
      <Stack component="ul" gap={2} m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby={id}>
        {props.items.map((t) => (
          <Group component="li" key={t} gap={8} wrap="nowrap" align="flex-start">
            <Text span fw={700} c={props.color} aria-hidden="true" w={16} ta="center">
              {props.mark}
            </Text>
            <Text span>{t}</Text>
          </Group>
        ))}
      </Stack>
    </Box>
  );
}

/**
 * Substitutes and plans for one recommended item, over the recommendations: what is short here,
 * the other stores and deliveries, plans that complete the quantity (chosen with a hold, all or
 * nothing), the nearest substitutes, what is worth stretching for and what a rule left out.
 * Full screen on a phone.
 */
export function AlternativesPanel(props: {
  session: GuidanceSession;
  item: { variantId: string; title: string } | null;
  quantity: number;
  onClose: () => void;
  /** A plan went into the basket: stock here has changed. */
  onTaken: () => void;
  onAnnounce: (m: string) => void;
}) {
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  // The title stays while the panel closes.
  const [shown, setShown] = useState(props.item);
  useEffect(() => {
    if (props.item) setShown(props.item);
  }, [props.item]);
  return (
    <Modal
      opened={props.item !== null}
      onClose={props.onClose}
      title={shown ? `Substitutes and plans: ${shown.title}` : 'Substitutes and plans'}
      size="xl"
      fullScreen={phone}
      radius={phone ? 0 : 'lg'}
    >
      {props.item && (
        <PanelBody
          key={`${props.item.variantId}-${props.quantity}`}
          session={props.session}
          variantId={props.item.variantId}
          quantity={props.quantity}
          onClose={props.onClose}
          onTaken={props.onTaken}
          onAnnounce={props.onAnnounce}
        />
      )}
    </Modal>
  );
}

function PanelBody(props: {
  session: GuidanceSession;
  variantId: string;
  quantity: number;
  onClose: () => void;
  onTaken: () => void;
  onAnnounce: (m: string) => void;
}) {
  const { session } = props;
  const me = useSignedIn();
  const store = visitStore(me, session);
  const found = useAlternatives(session.id, props.variantId, props.quantity);
  const setBasket = useSetBasket(session.id);
  const { online } = useGuidanceWrites();
  const [hold, setHold] = useState(true);
  const [choice, setChoice] = useState<HoldChoice>('today');
  const [chosenTime, setChosenTime] = useState('');
  // The plan as taken: the panel then says what went into the basket and what is held.
  const [taken, setTaken] = useState<{ plan: FulfilmentPlan; holds: PlanHold[] } | null>(null);
  const until = holdUntil(choice, new Date(), store.timeZone, chosenTime);

  const choose = useMutation({
    mutationFn: ({ plan, clientId }: { plan: FulfilmentPlan; clientId: string; card: string }) =>
      choosePlan(session.id, {
        clientId,
        lines: plan.lines.map((l) => ({
          variantId: l.variantId,
          quantity: l.quantity,
          source: l.source,
          ...(l.storeId ? { storeId: l.storeId } : {}),
        })),
        hold,
        ...(hold && until.iso ? { holdUntil: until.iso } : {}),
        for: { variantId: props.variantId, quantity: props.quantity },
      }),
    onSuccess: ({ basket, holds }, { plan, clientId }) => {
      setBasket(basket, holds);
      // The server keys each line of a plan `clientId:n`.
      const lineIds = new Set(basket.filter((b) => b.clientId.startsWith(`${clientId}:`)).map((b) => b.id));
      const held = holds.filter((h) => h.basketLineId !== null && lineIds.has(h.basketLineId));
      setTaken({ plan, holds: held });
      props.onTaken();
      const units = held.reduce((n, h) => n + h.quantity, 0);
      props.onAnnounce(`Plan chosen: ${plan.units} in the basket${units ? `, ${units} held for the customer` : ''}.`);
    },
    // Stock moved since the plans were shown: nothing was taken, and the plans are made again.
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) void found.refetch();
    },
  });
  // `card` names the plan's card, which shows the plan as sent (changed by hand, maybe) as being taken.
  const take = (plan: FulfilmentPlan, card: string) => choose.mutate({ plan, clientId: newClientId(), card });
  // A refusal is said above the plans; a plan chosen further down would leave it out of sight.
  const refusal = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (choose.isError) refusal.current?.scrollIntoView({ block: 'nearest' });
  }, [choose.isError]);

  if (found.isPending) return <LoadingState label="Looking at stock, substitutes and plans…" />;
  if (found.isError)
    return <ErrorState error={found.error} onRetry={() => found.refetch()} title="Substitutes and plans could not be found" />;
  const a = found.data;

  if (taken)
    return (
      <Stack gap="md">
        <Alert color="moss" variant="light" title="Plan chosen" role="status">
          <Stack gap="xs">
            <Text>{taken.plan.words}</Text>
            {taken.holds.length > 0 ? (
              <Stack component="ul" gap={2} m={0} pl="md" fz="md" aria-label="Held for the customer">
                {taken.holds.map((h) => (
                  <li key={h.id}>
                    {
                      holdState(h, me.retailer.locale, me.stores.find((x) => x.id === h.storeId)?.timeZone ?? store.timeZone, new Date())
                        ?.text
                    }
                  </li>
                ))}
              </Stack>
            ) : (
              <Text>Nothing is held: the units stay on sale until they are rung up.</Text>
            )}
          </Stack>
        </Alert>
        <Text>It is in the basket for this visit, below the recommendations.</Text>
        <Button onClick={props.onClose} size="lg" w={{ base: '100%', xs: 'fit-content' }} data-autofocus>
          Back to the recommendations
        </Button>
      </Stack>
    );

  const conflict = choose.error instanceof ApiError && choose.error.status === 409 ? choose.error : null;
  // The plans and those worth stretching for: each named by its place in its own list ("Stretch 2").
  const planList = (plans: FulfilmentPlan[], list: 'ol' | 'ul', label: string, name: string) => (
    <Stack component={list} gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
      {plans.map((p, i) => (
        <PlanCard
          key={p.words}
          plan={p}
          name={`${name} ${i + 1}`}
          quantity={a.quantity}
          hold={hold}
          canChoose={online && (!hold || until.iso !== null)}
          choosing={choose.isPending && choose.variables?.card === `${name} ${i + 1}`}
          disabled={choose.isPending || found.isFetching}
          onChoose={(plan) => take(plan, `${name} ${i + 1}`)}
        />
      ))}
    </Stack>
  );
  return (
    <Stack gap="xl">
      <Summary a={a} storeName={store.name} />

      {(a.notes.length > 0 || a.wanted.excludedBecause) && (
        <Alert color="gray" variant="light" title="Worth knowing">
          <Stack component="ul" gap={4} m={0} pl="md">
            {a.wanted.excludedBecause && (
              <li>{`${a.wanted.title} itself breaks a rule from today’s answers (${a.wanted.excludedBecause}).`}</li>
            )}
            {a.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </Stack>
        </Alert>
      )}

      <Part title={`Plans for ${a.quantity}`}>
        <HoldSettings
          hold={hold}
          onHold={setHold}
          choice={choice}
          onChoice={setChoice}
          chosenTime={chosenTime}
          onChosenTime={setChosenTime}
          until={until}
          timeZone={store.timeZone}
        />
        {!online && (
          <Text c="dimmed" role="status">
            {HOLD_NEEDS_CONNECTION}
          </Text>
        )}
        {conflict ? (
          <Alert ref={refusal} color="red" variant="light" role="alert" title="Stock has moved">
            <Stack gap={4}>
              <Text>{conflict.message}</Text>
              <Text size="sm">
                {found.isFetching ? 'Making the plans again…' : 'The plans below are made from the stock as it is now.'}
              </Text>
            </Stack>
          </Alert>
        ) : (
          <div ref={refusal}>
            <FormError error={choose.error} />
          </div>
        )}
        {a.plans.length === 0 ? (
          <Text c="dimmed">
            {a.budget ? 'No plan fits inside the budget.' : 'No plan can be made: nothing like it is in stock here or elsewhere.'}
          </Text>
        ) : (
          planList(a.plans, 'ol', 'Plans, best first', 'Plan')
        )}
      </Part>

      {a.stretch.length > 0 && (
        <Part title="Worth stretching for?">
          <Text>
            {a.budget ? `These go over ${money(a.budget.max, me)}, the budget they gave.` : 'These cost more.'} Only if they would like to.
          </Text>
          {planList(a.stretch, 'ul', 'Plans worth stretching for', 'Stretch')}
        </Part>
      )}

      <Part title="Substitutes, most alike first">
        {a.substitutes.length === 0 ? (
          <Text c="dimmed">Nothing alike enough is on sale{a.budget?.firm ? ' inside the firm budget' : ''}.</Text>
        ) : (
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Substitutes">
            {a.substitutes.map((s) => (
              <SubstituteCard key={s.variantId} session={session} s={s} a={a} onAnnounce={props.onAnnounce} />
            ))}
          </Stack>
        )}
      </Part>

      {a.leftOut.length > 0 && <LeftOutHere leftOut={a.leftOut} />}
    </Stack>
  );
}

/** How short the shop is, the other stores that have it and the deliveries expected. */
function Summary({ a, storeName }: { a: Alternatives; storeName: string }) {
  const me = useSignedIn();
  const others = a.wanted.stock.elsewhere.filter((s) => s.available > 0);
  const zone = (storeId: string) => me.stores.find((s) => s.id === storeId)?.timeZone;
  const othersId = useId();
  const expectedId = useId();
  return (
    <Part
      title="Stock"
      aside={
        <Badge size="xl" variant="filled" color={a.short > 0 ? WARM : 'moss.8'} className={classes.shortBadge}>
          {shortWords(a)}
        </Badge>
      }
    >
      <Text>
        {a.wanted.stock.here > 0 ? `${a.wanted.stock.here} at ${storeName}` : `None at ${storeName}`} · {a.quantity} wanted ·{' '}
        {money(a.wanted.unitPrice, me)} each, {money(a.wanted.total, me)} for {a.quantity}
      </Text>
      <div className={classes.stockFacts}>
        <Box>
          <Text size="sm" fw={650} c="dimmed" id={othersId}>
            Other stores
          </Text>
          {others.length === 0 ? (
            <Text>No other store has any to spare.</Text>
          ) : (
            <Stack component="ul" gap={2} m={0} pl="md" aria-labelledby={othersId}>
              {others.map((s) => (
                <li key={s.storeId ?? s.storeName}>
                  {s.available} at {s.storeName}
                </li>
              ))}
            </Stack>
          )}
        </Box>
        <Box>
          <Text size="sm" fw={650} c="dimmed" id={expectedId}>
            Deliveries expected
          </Text>
          {a.expected.length === 0 ? (
            <Text>None recorded.</Text>
          ) : (
            <Stack component="ul" gap={2} m={0} pl="md" aria-labelledby={expectedId}>
              {a.expected.map((d) => (
                <li key={`${d.storeId}-${d.expectedAt}`}>
                  {d.quantity} {d.here ? 'here' : `at ${d.storeName}`}, {deliveryDay(d.expectedAt, me.retailer.locale, zone(d.storeId))}
                </li>
              ))}
            </Stack>
          )}
        </Box>
      </div>
    </Part>
  );
}

/** Whether a chosen plan's units are set aside, and until when. */
function HoldSettings(props: {
  hold: boolean;
  onHold: (v: boolean) => void;
  choice: HoldChoice;
  onChoice: (c: HoldChoice) => void;
  chosenTime: string;
  onChosenTime: (v: string) => void;
  until: ReturnType<typeof holdUntil>;
  timeZone: string;
}) {
  const me = useSignedIn();
  const now = new Date();
  return (
    <Card withBorder radius="md" padding="md" bg="gray.0">
      <Stack gap="sm">
        <Switch
          checked={props.hold}
          onChange={(e) => props.onHold(e.currentTarget.checked)}
          size="lg"
          label="Hold for the customer"
          description="Sets the units aside so nobody else sells them. Units due on a delivery are added, not held."
        />
        {props.hold && (
          <>
            <Radio.Group value={props.choice} onChange={(v) => props.onChoice(v as HoldChoice)} label="Hold until">
              <Group gap="xs" mt={4} className={classes.holdChoices}>
                {(
                  [
                    ['today', 'End of today'],
                    ['tomorrow', 'This time tomorrow'],
                    ['choose', 'A time I choose'],
                  ] as const
                ).map(([value, label]) => (
                  <Radio.Card key={value} value={value} className={classes.chip} withBorder>
                    <Group gap={10} wrap="nowrap">
                      <Radio.Indicator size="md" />
                      <Text component="span" inherit>
                        {label}
                      </Text>
                    </Group>
                  </Radio.Card>
                ))}
              </Group>
            </Radio.Group>
            {props.choice === 'choose' && (
              <TextInput
                type="datetime-local"
                label="The hold ends"
                value={props.chosenTime}
                min={localInputValue(now)}
                onChange={(e) => props.onChosenTime(e.currentTarget.value)}
                size="md"
                maw={280}
              />
            )}
            <Text size="sm" c={props.until.iso || !props.chosenTime ? 'dimmed' : 'red.9'} aria-live="polite">
              {props.until.iso
                ? `Held until ${clockWords(props.until.iso, me.retailer.locale, props.timeZone, now, true)}.`
                : props.until.problem}
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** How much more than the budget a plan or a substitute costs, when it does. */
function OverBudget({ by }: { by: number | null | undefined }) {
  const me = useSignedIn();
  if (by === null || by === undefined) return null;
  return (
    <Badge variant="outline" color={WARM} size="lg">
      {money(by, me)} over the budget
    </Badge>
  );
}

/**
 * One plan: its words, its lines and where each comes from, the total, and a way to take it — as
 * made, or with its quantities changed by hand (fewer from one store, more of a substitute).
 */
function PlanCard(props: {
  plan: FulfilmentPlan;
  name: string;
  quantity: number;
  hold: boolean;
  canChoose: boolean;
  choosing: boolean;
  disabled: boolean;
  onChoose: (plan: FulfilmentPlan) => void;
}) {
  const me = useSignedIn();
  const titleId = useId();
  const wordsId = useId();
  // While changing: the quantity of each line, as typed.
  const [quantities, setQuantities] = useState<number[] | null>(null);
  const plan = quantities ? { ...props.plan, ...adjustedPlan(props.plan, quantities, props.quantity, me.retailer.locale) } : props.plan;
  return (
    <Card component="li" withBorder radius="md" padding="md" aria-labelledby={titleId} aria-describedby={wordsId}>
      <Stack gap="sm">
        <Group justify="space-between" align="center" gap="xs" wrap="wrap">
          <Title order={4} id={titleId} size="h5">
            {props.name}
          </Title>
          <Group gap="xs" wrap="wrap">
            <OverBudget by={plan.overBudgetBy} />
            <Badge variant="outline" color={plan.shortfall > 0 ? WARM : 'moss.8'} size="lg">
              {planReach(plan, props.quantity)}
            </Badge>
          </Group>
        </Group>
        <Text fw={600} id={wordsId}>
          {plan.words}
        </Text>
        {quantities ? (
          <Stack gap="sm" role="group" aria-label={`${props.name}, quantities`}>
            {props.plan.lines.map((l, i) => (
              <NumberInput
                key={`${l.variantId}-${l.source}-${l.storeId ?? l.from ?? ''}`}
                size="md"
                label={`${l.title}, ${lineSource(l, me.retailer.locale)}`}
                description={`${money(l.unitPrice, me)} each; 0 leaves it out`}
                min={0}
                max={MAX_QUANTITY}
                allowDecimal={false}
                allowNegative={false}
                value={quantities[i] ?? 0}
                onChange={(v) => setQuantities(quantities.map((q, j) => (j === i ? (typeof v === 'number' ? v : 0) : q)))}
                maw={320}
              />
            ))}
            <Text role="status">
              {plan.units} of the {props.quantity} asked for
              {plan.units > props.quantity ? `: ${plan.units - props.quantity} more than asked` : ''}
            </Text>
          </Stack>
        ) : (
          <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label={`${props.name}, line by line`}>
            {plan.lines.map((l) => (
              <Group
                component="li"
                key={`${l.variantId}-${l.source}-${l.storeId ?? l.from ?? ''}`}
                justify="space-between"
                gap="sm"
                wrap="nowrap"
                py={6}
                className={classes.planLine}
              >
                <Text miw={0}>
                  <Text span fw={650}>
                    {l.quantity} × {l.title}
                  </Text>{' '}
                  <Text span c="dimmed">
                    {lineSource(l, me.retailer.locale)}
                  </Text>
                </Text>
                <Text style={{ whiteSpace: 'nowrap' }}>{money(l.quantity * l.unitPrice, me)}</Text>
              </Group>
            ))}
          </Stack>
        )}
        <Group justify="space-between" align="center" gap="sm" wrap="wrap">
          <Text fw={700} size="lg">
            Total {money(plan.total, me)}
          </Text>
          <Group gap="sm" wrap="wrap">
            <Button
              variant="default"
              size="md"
              onClick={() => setQuantities(quantities ? null : props.plan.lines.map((l) => l.quantity))}
              disabled={props.choosing}
              className={classes.wideOnPhone}
            >
              {quantities ? 'Undo changes' : 'Change quantities'}
            </Button>
            <Button
              onClick={() => props.onChoose(plan)}
              loading={props.choosing}
              disabled={props.disabled || !props.canChoose || plan.units === 0}
              size="md"
              aria-describedby={wordsId}
              className={classes.wideOnPhone}
            >
              {props.hold ? 'Choose this plan and hold' : 'Choose this plan'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}

/** One substitute: what it keeps, what differs, why it still fits, its stock and what it costs. */
function SubstituteCard(props: { session: GuidanceSession; s: Substitute; a: Alternatives; onAnnounce: (m: string) => void }) {
  const { s, a, session } = props;
  const me = useSignedIn();
  const titleId = useId();
  const setBasket = useSetBasket(session.id);
  const writes = useGuidanceWrites();
  const [clientId, setClientId] = useState(newClientId);
  const here = Math.min(a.quantity, a.wanted.stock.here);
  const completes = s.completeWith.quantity > 0 && s.completeWith.quantity < s.instead.quantity;
  const add = useMutation({
    // Queued on the visit screen, so it runs while offline too.
    networkMode: 'always',
    mutationFn: (quantity: number) =>
      writes.addToBasket(session, {
        clientId,
        variantId: s.variantId,
        productId: s.productId,
        quantity,
        listId: null,
        title: s.title,
        unitPrice: s.unitPrice,
      }),
    onSuccess: (items, quantity) => {
      setBasket(items);
      setClientId(newClientId());
      props.onAnnounce(`Added ${quantity} ${s.title} to the basket.`);
    },
  });
  const inBasket = session.basket.filter((b) => b.variantId === s.variantId).reduce((n, b) => n + b.quantity, 0);
  return (
    <Card component="li" withBorder radius="md" padding="md" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <Stack gap={2} miw={0} style={{ flex: '1 1 12rem' }}>
            <Title order={4} size="h5" id={titleId}>
              {s.title}
            </Title>
            <Text size="sm" c="dimmed">
              {money(s.unitPrice, me)} each
            </Text>
          </Stack>
          <Group gap="xs" wrap="wrap">
            <OverBudget by={s.overBudgetBy} />
            <Badge variant="outline" color={s.stock.here > 0 ? 'moss.8' : 'gray.7'} size="lg" className={classes.wrapBadge}>
              {stockWords(s.stock, s.completeWith.quantity || a.quantity, me.retailer.locale)}
            </Badge>
          </Group>
        </Group>
        <div className={classes.reasons}>
          <ReasonList title="What it keeps" mark="✓" items={s.keeps} color="moss.9" />
          <ReasonList title="What differs" mark="≠" items={s.differs} color="gray.8" />
          <div className={classes.fullRow}>
            <ReasonList title="Why it still fits" mark="✓" items={s.fits} color="moss.9" />
          </div>
        </div>
        <Stack gap={2}>
          {completes && (
            <Text>
              With the {here} {a.wanted.title} here, {s.completeWith.quantity} of these:{' '}
              <Text span fw={700}>
                {money(s.completeWith.total, me)}
              </Text>{' '}
              in all
            </Text>
          )}
          <Text>
            All {s.instead.quantity} of these instead:{' '}
            <Text span fw={700}>
              {money(s.instead.total, me)}
            </Text>
          </Text>
        </Stack>
        <Group gap="sm" justify="space-between" align="center" wrap="wrap">
          {inBasket > 0 ? (
            <Text fw={600} c="moss.9">
              ✓ {inBasket} in the basket
            </Text>
          ) : (
            <span />
          )}
          <Group gap="sm" wrap="wrap" className={classes.wideOnPhone}>
            {completes && (
              <Button
                onClick={() => add.mutate(s.completeWith.quantity)}
                loading={add.isPending && add.variables === s.completeWith.quantity}
                disabled={add.isPending}
                aria-label={`Add ${s.completeWith.quantity} ${s.title} to the basket`}
                className={classes.wideOnPhone}
              >
                Add {s.completeWith.quantity} to basket
              </Button>
            )}
            <Button
              variant={completes ? 'default' : 'filled'}
              onClick={() => add.mutate(s.instead.quantity)}
              loading={add.isPending && add.variables === s.instead.quantity}
              disabled={add.isPending}
              aria-label={`Add ${s.instead.quantity} ${s.title} to the basket${completes ? ' instead' : ''}`}
              className={classes.wideOnPhone}
            >
              {completes ? `Add ${s.instead.quantity} instead` : `Add ${s.instead.quantity} to basket`}
            </Button>
          </Group>
        </Group>
        <FormError error={add.error} />
      </Stack>
    </Card>
  );
}

/** What a rule from today's answers left out of the substitutes, by reason. */
function LeftOutHere({ leftOut }: { leftOut: Alternatives['leftOut'] }) {
  const byReason = new Map<string, string[]>();
  for (const l of leftOut) byReason.set(l.reason, [...(byReason.get(l.reason) ?? []), l.title]);
  return (
    <Part title="Left out">
      <Text>Not offered, because of what they told us:</Text>
      {[...byReason].map(([reason, titles]) => (
        <Stack key={reason} gap={2}>
          <Text fw={650}>{reason}</Text>
          <Text component="ul" m={0} pl="lg" aria-label={reason}>
            {titles.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </Text>
        </Stack>
      ))}
    </Part>
  );
}

/**
 * The hold on a basket line: how many are set aside, where and until when; once it has ended, says
 * so and offers to hold them again (a new hold for the same units, if they are still there).
 */
export function LineHold(props: {
  session: GuidanceSession;
  line: BasketLine;
  hold: PlanHold;
  now: Date;
  /** Which state this place in the line shows: a hold in force beside the quantity, an ended one below the line. */
  show: 'held' | 'ended';
  onAnnounce: (m: string) => void;
}) {
  const { session, line, hold } = props;
  const me = useSignedIn();
  const store = visitStore(me, session);
  const queryClient = useQueryClient();
  const setBasket = useSetBasket(session.id);
  const { online } = useGuidanceWrites();
  const zone = me.stores.find((s) => s.id === hold.storeId)?.timeZone ?? store.timeZone;
  const state = holdState(hold, me.retailer.locale, zone, props.now);
  const again = useMutation({
    // The same units as a new line with a new hold; the old line goes once the new one is in, so a
    // refusal leaves the basket as it was.
    mutationFn: async () => {
      const here = hold.storeId === session.storeId;
      const taken = await choosePlan(session.id, {
        clientId: newClientId(),
        lines: [
          {
            variantId: line.variantId,
            quantity: line.quantity,
            source: here ? 'here' : 'other-store',
            ...(here ? {} : { storeId: hold.storeId }),
          },
        ],
        hold: true,
      });
      const after = await removeFromBasket(session.id, line.id);
      return { basket: after.items, holds: taken.holds };
    },
    onSuccess: ({ basket, holds }) => {
      setBasket(basket, holds);
      void queryClient.invalidateQueries({ queryKey: sessionKey(session.id), exact: true });
      props.onAnnounce(`${line.quantity} ${line.title} held again.`);
    },
  });
  if (!state || state.kind !== props.show) return null;
  if (state.kind === 'held')
    return (
      <Text size="sm" fw={600} c="moss.9">
        {state.text}
      </Text>
    );
  return (
    <Stack gap={6} className={classes.holdEnded} style={{ flex: '1 1 100%' }}>
      <Text size="sm" fw={600} c={WARM}>
        {state.text}
      </Text>
      <Group gap="sm" wrap="wrap">
        <Button
          variant="default"
          size="sm"
          onClick={() => again.mutate()}
          loading={again.isPending}
          disabled={!online}
          aria-label={`Hold ${line.quantity} ${line.title} again`}
        >
          Hold again
        </Button>
        <Text size="sm" c="dimmed">
          {online
            ? 'For 24 hours, if they are still there.'
            : 'Holding again needs the connection: the stock is checked as they are set aside.'}
        </Text>
      </Group>
      {again.error ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(again.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}

/** Up to six things that go well with what is in the basket, each with its reason and a way to add it. */
export function GoesWellWith({ session, onAnnounce }: { session: GuidanceSession; onAnnounce: (m: string) => void }) {
  const pairings = useGoesWellWith(session);
  const headingId = useId();
  if (session.basket.length === 0) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId}>
          Goes well with the basket
        </Title>
        {pairings.isPending ? (
          <LoadingState label="Looking for what goes with it…" />
        ) : pairings.isError ? (
          <ErrorState error={pairings.error} onRetry={() => pairings.refetch()} title="Pairings could not be found" />
        ) : pairings.data.items.length === 0 ? (
          <Text c="dimmed">Nothing is known to go with what is in the basket yet.</Text>
        ) : (
          <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Goes well with the basket">
            {pairings.data.items.map((p) => (
              <Pairing key={p.productId} session={session} p={p} onAnnounce={onAnnounce} />
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function Pairing({ session, p, onAnnounce }: { session: GuidanceSession; p: BasketPairing; onAnnounce: (m: string) => void }) {
  const me = useSignedIn();
  const setBasket = useSetBasket(session.id);
  const writes = useGuidanceWrites();
  const [variantId, setVariantId] = useState(p.variants[0]?.id ?? '');
  const [clientId, setClientId] = useState(newClientId);
  const variant = p.variants.find((v) => v.id === variantId);
  const name = variant && variant.title !== 'Default' ? `${p.title} — ${variant.title}` : p.title;
  const add = useMutation({
    // Queued on the visit screen, so it runs while offline too.
    networkMode: 'always',
    mutationFn: () =>
      writes.addToBasket(session, {
        clientId,
        variantId,
        productId: p.productId,
        quantity: 1,
        listId: null,
        title: name,
        unitPrice: variant?.price ?? 0,
      }),
    onSuccess: (items) => {
      setBasket(items);
      setClientId(newClientId());
      onAnnounce(`Added ${name} to the basket.`);
    },
  });
  return (
    <Box component="li" py="sm" className={classes.pairing}>
      <Stack gap={4} miw={0} style={{ flex: '1 1 14rem' }}>
        <Text fw={650}>
          {p.title}{' '}
          <Text span c="dimmed" fw={400}>
            with {p.withTitle}
          </Text>
        </Text>
        <Text size="sm">{sentence(p.reason)}</Text>
      </Stack>
      <Group gap="sm" wrap="nowrap" align="flex-end" className={classes.pairingActions}>
        {p.variants.length > 1 ? (
          <NativeSelect
            aria-label={`Which ${p.title}`}
            value={variantId}
            onChange={(e) => setVariantId(e.currentTarget.value)}
            data={p.variants.map((v) => ({ value: v.id, label: `${v.title} · ${money(v.price, me)}` }))}
            size="md"
            style={{ flex: '1 1 auto', minWidth: 0 }}
          />
        ) : (
          variant && <Text style={{ whiteSpace: 'nowrap' }}>{money(variant.price, me)}</Text>
        )}
        <Button
          variant="light"
          size="md"
          onClick={() => add.mutate()}
          loading={add.isPending}
          disabled={!variant}
          aria-label={`Add ${name} to the basket`}
        >
          Add
        </Button>
      </Group>
      {add.error ? (
        <Alert color="red" variant="light" role="alert" style={{ flexBasis: '100%' }}>
          {errorMessage(add.error)}
        </Alert>
      ) : null}
    </Box>
  );
}
