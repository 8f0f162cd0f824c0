import { Select } from 'antd';
import { useState } from 'react';
import { useApi } from '../auth/AuthContext';
import { unwrap } from '../api/errors';
import { useRemote } from '../api/useRemote';

/** Picks one of the estates the caller may see, searched by name on the server (a filter, or a form's field). */
export function EstateSelect(props: {
  value?: string;
  onChange?(value: string | undefined): void;
  placeholder?: string;
  id?: string;
  style?: React.CSSProperties;
}) {
  const api = useApi();
  const [q, setQ] = useState('');
  const { data, loading } = useRemote(
    () => unwrap(api.GET('/estates', { params: { query: { q: q || undefined, pageSize: 20 } } })),
    [api, q],
  );
  return (
    <Select
      id={props.id}
      aria-label="小区"
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      placeholder={props.placeholder ?? '全部小区'}
      value={props.value}
      onChange={(value) => props.onChange?.(value ?? undefined)}
      loading={loading}
      options={(data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.jurisdictionName}）` }))}
      notFoundContent={loading ? '正在查找…' : '没有匹配的小区'}
      style={{ minWidth: 220, ...props.style }}
    />
  );
}
