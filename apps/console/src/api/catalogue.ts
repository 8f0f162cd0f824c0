import { useApi } from '../auth/AuthContext';
import type { Schemas } from './client';
import { unwrap } from './errors';
import { useRemote } from './useRemote';

export type ProcedureTypeInfo = Schemas['ProcedureTypeResponse'];

/** The procedure types and their declared stages (GET /procedures/types), for filters and labels. */
export function useProcedureTypes(): {
  types: ProcedureTypeInfo[];
  typeLabel(type: string | null | undefined): string;
  stageOptions(type?: string | null): Array<{ value: string; label: string }>;
} {
  const api = useApi();
  const { data } = useRemote(() => unwrap(api.GET('/procedures/types')), [api]);
  const types = data ?? [];
  return {
    types,
    typeLabel: (type) => types.find((t) => t.type === type)?.label ?? type ?? '—',
    stageOptions: (type) => {
      const seen = new Map<string, string>();
      for (const t of types) {
        if (type && t.type !== type) continue;
        for (const s of t.stages) if (!seen.has(s.key)) seen.set(s.key, s.label);
      }
      return [...seen].map(([value, label]) => ({ value, label }));
    },
  };
}
