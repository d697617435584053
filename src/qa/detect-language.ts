import type { Language } from './types.js';

/** Any Han character makes it Chinese: mixed questions ("X1 耳机多少钱") are Chinese with English names. */
export function detectLanguage(text: string): Language {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}
