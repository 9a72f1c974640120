import { Alert, Anchor, Box, Button, Stack, Text } from '@mantine/core';
import { ApiError, errorMessage } from '../../api.ts';
import { TAP } from '../../ui/text.tsx';
import type { Me } from '../auth/auth.api.ts';
import { dateTime } from '../customers/format.ts';
import { Section } from '../customers/Section.tsx';
import { useFeedbackLink } from '../feedback/feedback.api.ts';

/**
 * After the close: the customer's own feedback page as a QR code, for them to scan with their phone
 * before they leave. Each showing makes a new link and retires the one shown before (only a digest of
 * each is kept on the server, so a code cannot be shown twice, and one left on a screen stops working);
 * every link leads to the same answers, amendable until the request expires.
 */
export function FeedbackQr({ visitId, me, online }: { visitId: string; me: Me; online: boolean }) {
  const link = useFeedbackLink(visitId);
  const refused = link.error instanceof ApiError && link.error.status === 404;
  return (
    <Section id="feedback-heading" title="Ask how it went">
      <Text>
        The customer decides whether the visit was good. Show them this code: twenty seconds, on their own phone, with no sign-in.
      </Text>
      {link.data ? (
        <Stack gap="sm" align="center">
          <Box
            role="img"
            aria-label="QR code of the customer’s feedback page"
            w={240}
            maw="100%"
            p="sm"
            bg="white"
            style={{ lineHeight: 0 }}
            // The server's SVG of the link: markup it made from its own address and a random token.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: the QR code is SVG the server made, not text anyone typed
            dangerouslySetInnerHTML={{ __html: link.data.svg }}
          />
          <Text size="sm" c="dimmed" ta="center">
            Works until {dateTime(link.data.expiresAt, me.retailer.locale)}. Showing the code again makes a new one; this one then stops
            working.
          </Text>
          <Anchor href={link.data.url} target="_blank" rel="noreferrer" style={TAP}>
            Open the page here
          </Anchor>
        </Stack>
      ) : refused ? (
        <Alert color="gray" variant="light" title="No feedback asked for this visit">
          {errorMessage(link.error)}
        </Alert>
      ) : (
        <Stack gap="sm" align="flex-start">
          {link.isError && (
            <Alert color="red" variant="light" role="alert" w="100%">
              {errorMessage(link.error)}
            </Alert>
          )}
          <Button onClick={() => link.mutate()} loading={link.isPending} disabled={!online}>
            Show the QR code
          </Button>
          {!online && (
            <Text size="sm" c="dimmed">
              The code needs the connection: it shows once Ones can be reached.
            </Text>
          )}
        </Stack>
      )}
    </Section>
  );
}
