import { Box } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { useSignedIn } from '../auth/me-context.ts';
import { CUSTOMERS_KEY, createCustomer, customerKey } from './customers.api.ts';
import { LinkButton } from './LinkButton.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { type ProfileValues, toInput, valuesOf } from './profile-values.ts';

/** What was typed in the search box, as a first guess at the new customer's details. */
function fromSearch(q: string, values: ProfileValues): ProfileValues {
  const text = q.trim();
  if (!text) return values;
  if (/^[\d\s()+.-]{4,}$/.test(text)) return { ...values, phones: [{ label: 'mobile', number: text }] };
  if (text.includes('@')) return { ...values, emails: [{ label: 'home', address: text }] };
  const [first = '', ...rest] = text.split(/\s+/);
  return { ...values, firstName: first, lastName: rest.join(' ') };
}

/** `/customers/new`: a first name is enough; the rest can follow. */
export function NewCustomerPage() {
  const me = useSignedIn();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const [values, setValues] = useState<ProfileValues>(() => {
    const blank = valuesOf(null, me.currentStoreId);
    return fromSearch(search.get('q') ?? '', {
      ...blank,
      phones: [{ label: 'mobile', number: '' }],
      emails: [{ label: 'home', address: '' }],
    });
  });

  const save = useMutation({
    mutationFn: () => createCustomer(toInput(values)),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKey(customer.id), customer);
      void queryClient.invalidateQueries({ queryKey: [...CUSTOMERS_KEY, 'search'] });
      navigate(`/customers/${customer.id}`, { replace: true });
    },
  });

  return (
    <Page title="New customer">
      <Box maw={720}>
        <ProfileForm
          values={values}
          onChange={setValues}
          onSubmit={() => save.mutate()}
          error={save.error}
          pending={save.isPending}
          submitLabel="Add customer"
          cancel={
            <LinkButton variant="default" to="/customers">
              Cancel
            </LinkButton>
          }
        />
      </Box>
    </Page>
  );
}
