/**
 * A stretch of the match key ("pro power bank") as the customer wrote it ("Pro power bank"), for
 * saying it back; the key itself when it cannot be found.
 */
export function asWritten(keyText: string, question: string): string {
  const words = keyText.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const found = new RegExp(words.join('[\\s\\p{P}\\p{S}]*'), 'iu').exec(question.normalize('NFKC'));
  return found ? found[0] : keyText;
}
