/**
 * Finding the source's personal data in text: e-mail addresses and members' names, by the
 * fingerprints the import keeps of them (data/personal-fingerprints.json), never the data itself.
 */
import { loadPersonalFingerprints, personalFingerprint as fingerprint } from '@gouvgraph/data';

export { loadPersonalFingerprints };

const fingerprints = loadPersonalFingerprints();

/** The personal data a string holds: e-mail addresses and runs of two to four words, by fingerprint. */
export function personalIn(text: string): string[] {
  const found: string[] = [];
  for (const email of text.match(/[\p{L}\d._%+-]+@[\p{L}\d.-]+\.[\p{L}]{2,}/gu) ?? []) {
    if (fingerprints.emails.has(fingerprint(email))) found.push(`an e-mail address (${fingerprint(email).slice(0, 8)}…)`);
  }
  const words = text
    .toLowerCase()
    .split(/[^\p{L}-]+/u)
    .filter(Boolean);
  for (let n = 2; n <= 4; n++) {
    for (let i = 0; i + n <= words.length; i++) {
      if (fingerprints.names.has(fingerprint(words.slice(i, i + n).join(' ')))) found.push(`a name ("${words.slice(i, i + n).join(' ')}")`);
    }
  }
  return found;
}
