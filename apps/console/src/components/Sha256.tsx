import { Typography } from 'antd';

/** A file's SHA-256, shortened for the table and copied whole, so a clerk can compare it with the archive's. */
export function Sha256({ value }: { value: string }) {
  return (
    <Typography.Text code copyable={{ text: value }} aria-label={`SHA-256 ${value}`}>
      {value.slice(0, 16)}…
    </Typography.Text>
  );
}
