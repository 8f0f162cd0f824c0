/** Masks for personal data shown to roles that may know a person exists but not who they are. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export function maskIdNumber(idNumber: string): string {
  return idNumber.length < 10
    ? '*'.repeat(idNumber.length)
    : `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

export function maskPhone(phone: string | null): string | null {
  return phone === null
    ? null
    : phone.length < 7
      ? '*'.repeat(phone.length)
      : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** ID-card and mobile numbers inside free text (a notice, an error message), masked as above. */
export function maskNumbersInText(text: string): string {
  return text
    .replace(/(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g, maskIdNumber)
    .replace(/(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g, (phone) => maskPhone(phone) ?? phone);
}
