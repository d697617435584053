/**
 * Replaces personal data in free text with a marker naming what was removed, so logs keep their
 * shape ("my number is [phone]") without the data. Deliberately errs towards masking: an order
 * number that looks like a card number is masked too.
 *
 * A match must not touch letters or digits on either side, so hashes, UUIDs and model names
 * (RTX4090, a3f91234…) are left alone. Order matters: e-mail addresses first (QQ addresses are
 * digits), then identity numbers and phones, then what is left of long digit runs.
 */
const EDGE_BEFORE = '(?<![A-Za-z0-9+])';
const EDGE_AFTER = '(?![A-Za-z0-9])';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** Mainland mobile, optionally +86 / 0086, optionally grouped 3-4-4. */
const CN_MOBILE = new RegExp(`${EDGE_BEFORE}(?:(?:\\+|00)86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}${EDGE_AFTER}`, 'g');
/** Mainland landline with area code: 010-12345678, 0755-1234567. */
const CN_LANDLINE = new RegExp(`${EDGE_BEFORE}0\\d{2,3}-\\d{7,8}${EDGE_AFTER}`, 'g');
/** International: + country code, then groups; accepted when it holds 8–15 digits (E.164). */
const INTERNATIONAL = new RegExp(`${EDGE_BEFORE}\\+\\d[\\d ().-]{6,22}\\d${EDGE_AFTER}`, 'g');
/** Resident identity number: 17 digits and a digit or X check character. */
const CN_ID = new RegExp(`${EDGE_BEFORE}\\d{17}[\\dXx]${EDGE_AFTER}`, 'g');
/** Digit runs, possibly grouped by single spaces or dashes; a card number when it holds 13–19 digits. */
const DIGIT_GROUPS = new RegExp(`${EDGE_BEFORE}\\d{3,19}(?:[ -]\\d{3,19})*${EDGE_AFTER}`, 'g');

const digitCount = (s: string) => s.replace(/\D/g, '').length;
const isCard = (s: string) => digitCount(s) >= 13 && digitCount(s) <= 19;

function maskCards(run: string): string {
  if (isCard(run)) return '[card]';
  // A long run may be several numbers side by side ("订单 1234 6222021234567890"): judge each group.
  return digitCount(run) > 19 ? run.replace(/\d+/g, (g) => (isCard(g) ? '[card]' : g)) : run;
}

export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(CN_ID, '[id-number]')
    .replace(CN_MOBILE, '[phone]')
    .replace(CN_LANDLINE, '[phone]')
    .replace(INTERNATIONAL, (m) => (digitCount(m) >= 8 && digitCount(m) <= 15 ? '[phone]' : m))
    .replace(DIGIT_GROUPS, maskCards);
}
