import { Button, Card, ColorInput, Group, NumberInput, SimpleGrid, Stack, TagsInput, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldError } from '../../api.ts';
import { ErrorState, FormError, LoadingState } from '../../ui/states.tsx';
import { type FeedbackSettings, useFeedbackSettings, useSaveFeedbackSettings } from './feedback.api.ts';

/** The owner decides when customers are asked, how often, for how long a link works, the page's colour and the watch words. */
export function FeedbackSettingsCard() {
  const settings = useFeedbackSettings();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="feedback-settings-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="feedback-settings-heading">
          Asking for feedback
        </Title>
        {settings.isPending ? (
          <LoadingState label="Loading the settings…" />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => settings.refetch()} title="The settings could not be loaded" />
        ) : (
          <SettingsForm saved={settings.data} />
        )}
      </Stack>
    </Card>
  );
}

function SettingsForm({ saved }: { saved: FeedbackSettings }) {
  const [draft, setDraft] = useState(saved);
  const [done, setDone] = useState(false);
  const save = useSaveFeedbackSettings();
  const set = <K extends keyof FeedbackSettings>(key: K, value: FeedbackSettings[K]) => {
    setDone(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const whole = (v: string | number) => (typeof v === 'number' ? v : Number.NaN);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(draft, { onSuccess: () => setDone(true) });
  };
  const err = (field: keyof FeedbackSettings) => fieldError(save.error, field);
  const named = (['delayMinutes', 'limitDays', 'linkDays', 'brandColour', 'watchWords'] as const).some((f) => err(f));
  return (
    <form onSubmit={submit} noValidate aria-label="Asking for feedback">
      <Stack gap="md">
        <Text c="dimmed">
          Closing a visit asks the customer how it went: a QR code on the tablet at once, a link on the receipt when it is e-mailed, and
          otherwise, with their consent, an e-mail later.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <NumberInput
            label="E-mail after (minutes)"
            description="0 sends it at once"
            value={draft.delayMinutes}
            onChange={(v) => set('delayMinutes', whole(v))}
            min={0}
            max={10080}
            allowDecimal={false}
            allowNegative={false}
            error={err('delayMinutes')}
          />
          <NumberInput
            label="At most once in (days)"
            description="per customer; 0 asks after every visit"
            value={draft.limitDays}
            onChange={(v) => set('limitDays', whole(v))}
            min={0}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            error={err('limitDays')}
          />
          <NumberInput
            label="A link works for (days)"
            value={draft.linkDays}
            onChange={(v) => set('linkDays', whole(v))}
            min={1}
            max={90}
            allowDecimal={false}
            allowNegative={false}
            error={err('linkDays')}
          />
        </SimpleGrid>
        <ColorInput
          label="Colour of the customer’s page"
          description="Its text is white or black, whichever reads better"
          value={draft.brandColour}
          onChange={(v) => set('brandColour', v)}
          format="hex"
          withEyeDropper={false}
          maw={320}
          error={err('brandColour')}
        />
        <TagsInput
          label="Watch words"
          description="A comment with one of these (any case) opens a follow-up for the store’s manager. Press Enter after each."
          value={draft.watchWords}
          onChange={(v) => set('watchWords', v)}
          maxTags={50}
          clearable
          clearButtonProps={{ 'aria-label': 'Remove every watch word' }}
          error={err('watchWords')}
        />
        <FormError error={save.error && !named ? save.error : null} />
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
          <Text role="status" size="sm" c="dimmed">
            {done ? 'Saved.' : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
