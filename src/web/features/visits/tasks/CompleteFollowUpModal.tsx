import { useQueryClient } from '@tanstack/react-query';
import { timelineKey } from '../../customers/customers.api.ts';
import { cancelFollowUp, completeFollowUp, type FollowUp, VISITS_KEY, visitKey } from '../visits.api.ts';
import { ReasonModal } from './ReasonModal.tsx';

/** The lists a follow-up shows on: the follow-ups, its visit, and its customer's timeline. */
function useRefreshFollowUp(f: FollowUp) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: [...VISITS_KEY, 'follow-ups'] });
    if (f.encounterId) void queryClient.invalidateQueries({ queryKey: visitKey(f.encounterId) });
    if (f.customer) void queryClient.invalidateQueries({ queryKey: timelineKey(f.customer.id) });
  };
}

/** Asks what came of a follow-up (required), then marks it done; the outcome goes on the customer's timeline. */
export function CompleteFollowUpModal(props: { item: FollowUp; onClose: () => void; onDone: (f: FollowUp) => void }) {
  const { item: f } = props;
  const refresh = useRefreshFollowUp(f);
  return (
    <ReasonModal
      title="Mark as done"
      subject={f.title}
      label="What came of it?"
      description={
        f.customer
          ? `For example: “Called, she loved the roses and will come back for the party.” It is kept on ${f.customer.name}’s timeline.`
          : 'For example: “Called, no answer; left a message.”'
      }
      missingMessage="Say what came of it, even in a few words."
      field="outcome"
      maxLength={2000}
      submitLabel="Mark as done"
      submit={(text) => completeFollowUp(f.id, text)}
      refresh={refresh}
      onClose={props.onClose}
      onDone={() => props.onDone(f)}
    />
  );
}

/** Asks why a follow-up is no longer needed (required), then closes it; an e-mail queued for it is not sent. */
export function CancelFollowUpModal(props: { item: FollowUp; onClose: () => void; onDone: (f: FollowUp) => void }) {
  const { item: f } = props;
  const refresh = useRefreshFollowUp(f);
  return (
    <ReasonModal
      title="No longer needed"
      subject={f.title}
      label="Why is it no longer needed?"
      description="For example: “She came back in and we thanked her then.”"
      missingMessage="Say why, even in a few words."
      field="reason"
      maxLength={2000}
      submitLabel="Cancel the follow-up"
      dismissLabel="Keep it"
      note={f.message?.status === 'queued' ? 'The e-mail waiting to go with it will not be sent.' : undefined}
      submit={(text) => cancelFollowUp(f.id, text)}
      refresh={refresh}
      onClose={props.onClose}
      onDone={() => props.onDone(f)}
    />
  );
}
