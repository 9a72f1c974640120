import { useSearchParams } from 'react-router';
import type { Me, StoreRef } from '../auth/auth.api.ts';
import { useSignedIn } from '../auth/me-context.ts';

/** The store a page is about: the one in the address, else the one the person is working in. */
export function chosenStore(me: Me, asked: string | null): StoreRef | undefined {
  return me.stores.find((s) => s.id === asked) ?? me.stores.find((s) => s.id === me.currentStoreId) ?? me.stores[0];
}

/**
 * The page's store, kept in the address (`?store=`) so Back returns to the same list, and a way to
 * change it; the store the person is working in needs no parameter.
 */
export function useChosenStore(): { me: Me; store: StoreRef | undefined; choose: (storeId: string) => void } {
  const me = useSignedIn();
  const [params, setParams] = useSearchParams();
  const store = chosenStore(me, params.get('store'));
  const choose = (storeId: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (storeId === me.currentStoreId) next.delete('store');
        else next.set('store', storeId);
        return next;
      },
      { replace: true },
    );
  return { me, store, choose };
}
