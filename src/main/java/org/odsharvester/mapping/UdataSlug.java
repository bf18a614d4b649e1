package org.odsharvester.mapping;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * The slug udata computes for tags and license titles, so that what we send is what udata stores.
 * <p>
 * udata (17) slugifies a tag with {@code awesome-slugify} 1.6.5: {@code slugify(value.lower())} on input,
 * then {@code slugify(v, to_lower=True)} when the document is cleaned. With the default settings that is:
 * <ol>
 *   <li>lower-case;</li>
 *   <li>transliterate to ASCII ({@code unidecode}: {@code é→e}, {@code œ→oe}, {@code ß→ss}, {@code ’→'}…);</li>
 *   <li>remove ASCII apostrophes ({@code l'eau → leau}, not {@code l-eau});</li>
 *   <li>split on every run of characters that are not letters or digits (spaces, punctuation, {@code _});</li>
 *   <li>join the words with {@code -}.</li>
 * </ol>
 * The Java side reproduces this for the Latin script: NFKD decomposition with the combining marks
 * dropped, plus a table for the letters NFKD does not decompose ({@code ß æ œ ø đ ð þ ł ı}) and for
 * the typographic apostrophes. <b>Deviation:</b> we have no {@code unidecode} tables for other scripts
 * (Cyrillic, Greek, CJK…); their letters are treated as separators here. udata would have transliterated
 * them, possibly into a longer slug than its 96-character limit, which would make udata refuse the whole
 * dataset: dropping them guarantees that what we send is already a slug (udata leaves it unchanged).
 * <p>
 * The computation stops once {@code limit} characters of slug are produced, so a megabyte-long keyword
 * costs nothing.
 */
final class UdataSlug {

    /** Letters that NFKD leaves alone but unidecode transliterates; typographic apostrophes become {@code '}. */
    private static final Map<Integer, String> TRANSLITERATIONS = Map.ofEntries(
            Map.entry((int) 'ß', "ss"), Map.entry((int) 'æ', "ae"), Map.entry((int) 'œ', "oe"),
            Map.entry((int) 'ø', "o"), Map.entry((int) 'đ', "d"), Map.entry((int) 'ð', "d"),
            Map.entry((int) 'þ', "th"), Map.entry((int) 'ł', "l"), Map.entry((int) 'ı', "i"),
            Map.entry((int) 'ħ', "h"), Map.entry((int) 'ŧ', "t"), Map.entry((int) 'ŋ', "ng"),
            Map.entry((int) 'ſ', "s"), Map.entry((int) 'ĸ', "q"),
            Map.entry((int) '’', "'"), Map.entry((int) '‘', "'"), Map.entry((int) 'ʼ', "'"),
            Map.entry((int) 'ʻ', "'"), Map.entry((int) '′', "'"),
            Map.entry((int) '€', "eur"), Map.entry((int) '°', "deg"), Map.entry((int) '©', "(c)"),
            Map.entry((int) '®', "(r)"), Map.entry((int) '×', "x"));

    private UdataSlug() {
    }

    /** The full slug of {@code text} (may be empty, never null). */
    static String slug(String text) {
        return slug(text, Integer.MAX_VALUE);
    }

    /**
     * The slug of {@code text}, computed only up to {@code limit} characters (the result may be
     * longer than {@code limit} by one word separator at most; callers cut it themselves).
     */
    static String slug(String text, int limit) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        boolean pendingSeparator = false;
        for (int i = 0; i < text.length() && out.length() <= limit; ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            for (char c : ascii(codePoint).toCharArray()) {
                if (c == '\'') {
                    continue; // removed, the words around it are glued
                }
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                    if (pendingSeparator && out.length() > 0) {
                        out.append('-');
                    }
                    pendingSeparator = false;
                    out.append(c);
                } else {
                    pendingSeparator = true;
                }
            }
        }
        return out.toString();
    }

    /** One code point as lower-case ASCII, or a space when it cannot be transliterated. */
    private static String ascii(int codePoint) {
        if (codePoint < 0x80) {
            return String.valueOf((char) Character.toLowerCase(codePoint));
        }
        String lower = new String(Character.toChars(codePoint)).toLowerCase(Locale.ROOT);
        StringBuilder ascii = new StringBuilder();
        lower.codePoints().forEach(cp -> {
            String known = TRANSLITERATIONS.get(cp);
            if (known != null) {
                ascii.append(known);
                return;
            }
            String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD);
            decomposed.codePoints().forEach(part -> {
                if (part < 0x80) {
                    ascii.append(Character.toLowerCase((char) part));
                } else if (Character.getType(part) == Character.NON_SPACING_MARK
                        || Character.getType(part) == Character.COMBINING_SPACING_MARK
                        || Character.getType(part) == Character.ENCLOSING_MARK) {
                    // accent: dropped, the base letter stays
                } else {
                    String knownPart = TRANSLITERATIONS.get(part);
                    ascii.append(knownPart != null ? knownPart : " ");
                }
            });
        });
        return ascii.toString();
    }

    /** Levenshtein distance, the measure udata's license guess uses (plain, not Damerau). */
    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
