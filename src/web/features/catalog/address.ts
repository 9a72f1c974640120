import { useCallback, useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { type CatalogFilters, filtersFrom, paramsOf } from './catalog.api.ts';

/**
 * The catalog's filters as the address holds them, and a way to change some of them. A change
 * builds on the address last written rather than the one last rendered: the router renders a
 * navigation in a transition, and a tap handled before that lands would otherwise bring back
 * what the previous change removed.
 */
export function useCatalogAddress() {
  const [params, setParams] = useSearchParams();
  const latest = useRef(params.toString());
  useEffect(() => {
    latest.current = params.toString();
  }, [params]);
  const set = useRef(setParams);
  useEffect(() => {
    set.current = setParams;
  }, [setParams]);
  /** Filters are steps the person may want to go back through; `replace` is for typing. */
  const change = useCallback((patch: Partial<CatalogFilters>, replace = false) => {
    const next = paramsOf({ ...filtersFrom(new URLSearchParams(latest.current)), ...patch });
    latest.current = new URLSearchParams(next).toString();
    set.current(next, { replace });
  }, []);
  return { filters: filtersFrom(params), change };
}
