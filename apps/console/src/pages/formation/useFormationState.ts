import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';

/**
 * The estate's formation as both its pages read it — the office's formation page and the owner's /my/formation:
 * the workflow's state, its candidates (names masked for owners), and the committee it seated (its members and,
 * after the first meeting, 主任/副主任).
 */
export function useFormationState(estateId: string, pollMs: number) {
  const api = useApi();
  const state = useRemote(
    () => unwrap(api.GET('/estates/{estateId}/committee-formation', { params: { path: { estateId } } })),
    [api, estateId],
    { pollMs },
  );
  const candidates = useRemote(
    () => unwrap(api.GET('/estates/{estateId}/committee-formation/candidates', { params: { path: { estateId } } })),
    [api, estateId],
    { pollMs },
  );
  const committeeId = state.data?.committeeId ?? null;
  const committee = useRemote(
    () =>
      committeeId
        ? unwrap(api.GET('/committees/{committeeId}', { params: { path: { committeeId } } }))
        : Promise.resolve(null),
    [api, committeeId, state.data?.stage],
  );
  const reload = () => {
    state.reload();
    committee.reload();
  };
  return { state, candidates, committee, reload };
}

export type FormationState = ReturnType<typeof useFormationState>;
