import { Empty, Segmented, Spin } from 'antd';
import { useState, type ReactNode } from 'react';
import { unwrap } from '../api/errors';
import { useRemote } from '../api/useRemote';
import { useApi } from '../auth/AuthContext';
import { ErrorAlert } from './ErrorAlert';

/**
 * For an owner's page about one estate: the estates they hold units in (GET /me/units), a switch across the
 * phone's width when there are several, and `children` for the one chosen.
 */
export function OwnerEstateScope({ children }: { children: (estateId: string) => ReactNode }) {
  const api = useApi();
  const units = useRemote(() => unwrap(api.GET('/me/units')), [api]);
  const estates = [...new Map((units.data ?? []).map((u) => [u.estateId, u.estateName])).entries()];
  const [chosen, setChosen] = useState<string | null>(null);
  const estateId = chosen ?? estates[0]?.[0] ?? null;

  if (units.error) return <ErrorAlert error={units.error} retry={units.reload} />;
  if (!units.data) return <Spin description="正在读取…" />;
  return (
    <>
      {estates.length > 1 && (
        <Segmented
          block
          value={estateId ?? undefined}
          onChange={(value) => setChosen(String(value))}
          options={estates.map(([id, name]) => ({ value: id, label: name }))}
        />
      )}
      {estateId ? children(estateId) : <Empty description="您名下没有房屋。" />}
    </>
  );
}
