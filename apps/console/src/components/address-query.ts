import { useSearchParams } from 'react-router';

/** A list's place: which page and how many rows, always set. */
export interface Paged {
  page: number;
  pageSize: number;
}

/**
 * A list page's filters kept in the address, so a reload, a link or a return from login shows the same list.
 * `read` turns the address into the filters; a change resets to page 1 unless it names a page, and values
 * equal to `defaults` (or empty) are left out of the address.
 */
export function useAddressQuery<Q extends Paged>(
  read: (params: URLSearchParams) => Omit<Q, keyof Paged>,
  defaults: Partial<Q> = {},
): [Q, (change: Partial<Q>) => void] {
  const [params, setParams] = useSearchParams();
  const query = {
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('pageSize') ?? 20) || 20,
    ...read(params),
  } as Q;
  const update = (change: Partial<Q>) => {
    const next: Partial<Q> = { ...query, page: 1, ...change };
    const entries = Object.entries(next).filter(
      ([key, value]) => value !== undefined && value !== '' && value !== false && value !== defaults[key as keyof Q],
    );
    setParams(new URLSearchParams(entries.map(([key, value]) => [key, String(value)])), { replace: true });
  };
  return [query, update];
}
