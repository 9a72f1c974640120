import { Badge, Box, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { MAX_QUANTITY, type Question, type QuestionSetDefinition, questionsToAsk } from '../../../../shared/domain/question-sets.ts';
import type { Vocabulary } from '../../vocabulary/vocabulary.api.ts';

/** How many of the first questions the preview shows. */
const SHOWN = 3;
/** Words of a vocabulary question shown before "and N more". */
const WORDS = 8;

/** The answers an associate is offered, in a few words. */
function answers(q: Question, vocab: Vocabulary): { pills: { id: string; label: string }[]; more: string | null } {
  if (q.type === 'single' || q.type === 'multiple')
    return {
      pills: (q.choices ?? []).map((c, j) => ({ id: `${j}`, label: c.label || c.value })),
      more: q.type === 'multiple' ? 'Several may be chosen' : null,
    };
  if (q.type === 'vocabulary') {
    const words = q.vocabulary ? vocab.active(q.vocabulary) : [];
    return {
      pills: words.slice(0, WORDS).map((t) => ({ id: t.key, label: t.label })),
      more: words.length > WORDS ? `and ${words.length - WORDS} more` : null,
    };
  }
  const said = {
    number: 'A number',
    quantity: `How many, from 1 to ${MAX_QUANTITY.toLocaleString('en-GB')}`,
    budget: 'An amount, and whether it is firm',
    text: 'Their own words',
  } as const;
  return { pills: [], more: said[q.type] };
}

/** A compact, read-only look at the first questions as an associate meets them at the start of a visit. */
export function Preview({ definition, vocab }: { definition: QuestionSetDefinition; vocab: Vocabulary }) {
  const [shown, setShown] = useState(false);
  const first = questionsToAsk(definition, {}).slice(0, SHOWN);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="preview-heading">
      <Stack gap="md">
        <Group justify="space-between" align="center" gap="sm">
          <Title order={2} size="h3" id="preview-heading">
            How associates see it
          </Title>
          <Button variant="default" onClick={() => setShown((s) => !s)} aria-expanded={shown} aria-controls="preview-body">
            {shown ? 'Hide preview' : 'Show preview'}
          </Button>
        </Group>
        {shown && (
          <Stack gap="md" id="preview-body">
            <Text size="sm" c="dimmed">
              The first questions of a visit, with this version’s words. Questions that depend on an answer appear once it is given.
            </Text>
            {first.length === 0 && <Text>No question is asked at the start: every one depends on an earlier answer.</Text>}
            {first.map((q) => {
              const a = answers(q, vocab);
              return (
                <Box
                  key={definition.questions.indexOf(q)}
                  p="md"
                  style={{ background: 'var(--mantine-color-gray-0)', borderRadius: 'var(--mantine-radius-md)' }}
                >
                  <Stack gap={6}>
                    <Text fw={650} size="lg">
                      {q.prompt || 'A question without words yet'}
                    </Text>
                    {q.help && (
                      <Text size="sm" c="dimmed">
                        Why it matters: {q.help}
                      </Text>
                    )}
                    {a.pills.length > 0 && (
                      <Group gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Answers offered">
                        {a.pills.map((p) => (
                          <li key={p.id}>
                            <Badge variant="outline" color="gray.7" size="lg" radius="xl">
                              {p.label}
                            </Badge>
                          </li>
                        ))}
                      </Group>
                    )}
                    {a.more && (
                      <Text size="sm" c="dimmed">
                        {a.more}
                      </Text>
                    )}
                  </Stack>
                </Box>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
