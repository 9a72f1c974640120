import { Button, Group, List, Loader, Stack, Text } from '@mantine/core';
import type { RoadmapDefinition } from '../../../../shared/domain/roadmap.ts';
import { dateTime } from '../../customers/format.ts';
import { WarningAlert } from '../../customers/WarningAlert.tsx';
import type { Roadmap } from '../visits.api.ts';
import { differences } from './draft.ts';

/**
 * A colleague saved a newer version than the one being edited: says so, shows what they changed
 * beside the owner's own changes (which stay in the editor), and lets the owner choose.
 */
export function Conflict(props: {
  /** The version the editor started from. */
  base: Roadmap;
  /** The newer version, once loaded. */
  newer: Roadmap | null;
  /** What the editor holds now. */
  mine: RoadmapDefinition;
  /** A save was refused (rather than the newer version being noticed before saving). */
  refused: boolean;
  /** The newer version could not be fetched. */
  failed: boolean;
  onRetry: () => void;
  locale: string;
  onKeepMine: () => void;
  onLoadTheirs: () => void;
}) {
  const { base, newer } = props;
  const theirs = newer ? differences(base.definition, newer.definition) : [];
  const mine = differences(base.definition, props.mine);
  return (
    <WarningAlert title={newer ? `A colleague saved version ${newer.currentVersion}` : 'A colleague saved a newer version'}>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">
          {props.refused
            ? `They saved it after you opened version ${base.currentVersion}, so your save did not go through and nothing of theirs was overwritten. `
            : `They saved it after you opened version ${base.currentVersion}. `}
          <strong>Your changes are still here</strong>, not saved yet.
        </Text>
        {!newer && props.failed ? (
          <Stack gap="xs" align="flex-start">
            <Text size="sm">The newer version could not be loaded to show you what changed.</Text>
            <Button variant="default" onClick={props.onRetry}>
              Try again
            </Button>
          </Stack>
        ) : !newer ? (
          <Group gap="xs" role="status">
            <Loader size="sm" aria-hidden="true" />
            <Text size="sm">Loading the newer version…</Text>
          </Group>
        ) : (
          <>
            <ChangeList
              title={`What they changed in version ${newer.currentVersion} (saved ${dateTime(newer.updatedAt, props.locale)})`}
              items={theirs}
              none="Nothing you can see: the steps are as they were."
            />
            <ChangeList title="Your changes" items={mine} none="None yet." />
            <Text size="sm">
              Keep yours to save them as version {newer.currentVersion + 1}; what they changed is then undone. Or load their version and
              make your changes again on top of it.
            </Text>
            <Group gap="sm">
              <Button onClick={props.onKeepMine}>Keep my changes</Button>
              <Button variant="default" onClick={props.onLoadTheirs}>
                Load their version
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </WarningAlert>
  );
}

function ChangeList({ title, items, none }: { title: string; items: string[]; none: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={650}>
        {title}
      </Text>
      {items.length ? (
        <List size="sm" spacing={2} aria-label={title}>
          {items.map((item) => (
            <List.Item key={item} style={{ overflowWrap: 'anywhere' }}>
              {item}
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" c="dimmed">
          {none}
        </Text>
      )}
    </Stack>
  );
}
