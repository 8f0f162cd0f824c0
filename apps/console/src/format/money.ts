/** 12,345.67 from fen (a bigint, or the API's decimal string / integer of fen). */
export function yuan(fen: bigint | string | number): string {
  const value = typeof fen === 'bigint' ? fen : BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return `${negative ? '-' : ''}${text.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}
