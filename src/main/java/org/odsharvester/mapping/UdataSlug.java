package org.odsharvester.mapping;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.gcardone.junidecode.Junidecode;
import org.apache.commons.text.translate.EntityArrays;

/**
 * The slug udata computes for tags ({@code udata/tags.py}: {@code slugify(value.lower())}) and license
 * names, so that what we send is what udata stores. The one slugifier of the harvester: the tags we
 * send ({@link TagNormalizer}) and the tags we compare ({@code OwnedContent}) both go through it.
 * <p>
 * udata's {@code slugify} is python-slugify's, with its defaults, and its transliteration is
 * text-unidecode. The steps, in python-slugify's order:
 * <ol>
 *   <li>runs of ASCII apostrophes become {@code -} ({@code l'eau → l-eau});</li>
 *   <li>NFKD, then Unidecode transliteration to ASCII ({@code œ→oe}, {@code ß→ss}, {@code Москва→Moskva},
 *       {@code ’→'}); characters outside the Basic Multilingual Plane have no entry and disappear;</li>
 *   <li>HTML entities decoded: named ({@code &amp;amp;}), decimal ({@code &amp;#39;}), hexadecimal
 *       ({@code &amp;#x27;}), in that order;</li>
 *   <li>NFKD again and lower case;</li>
 *   <li>the apostrophes left (those the transliteration produced, {@code d’art → dart}) removed;</li>
 *   <li>a comma between two digits removed ({@code 1,5 → 15});</li>
 *   <li>every run of characters other than ASCII letters, digits and {@code -} becomes one {@code -},
 *       runs of {@code -} become one, and none is left at either end.</li>
 * </ol>
 * Transliteration uses junidecode, a Java port of the same Unidecode tables.
 * <p>
 * {@link #slug(String, int)} bounds the work on a huge value: it slugifies a prefix that ends before a
 * whitespace character (no step reaches across one, so the slug of that prefix is the start of the
 * whole slug) once that prefix gives at least {@code limit} characters.
 */
public final class UdataSlug {

    private static final Pattern QUOTES = Pattern.compile("'+");
    private static final Pattern NAMED_ENTITY = Pattern.compile("&([A-Za-z0-9]+);");
    private static final Pattern DECIMAL_ENTITY = Pattern.compile("&#([0-9]+);");
    private static final Pattern HEX_ENTITY = Pattern.compile("&#x([0-9a-fA-F]+);");
    private static final Pattern DIGIT_COMMA_DIGIT = Pattern.compile("(?<=\\p{Nd}),(?=\\p{Nd})");
    private static final Pattern DISALLOWED = Pattern.compile("[^-a-zA-Z0-9]+");
    private static final Pattern DASHES = Pattern.compile("-{2,}");
    /** The HTML 4 entities, the set Python's {@code html.entities.name2codepoint} holds. */
    private static final Map<String, String> ENTITIES = new HashMap<>();

    static {
        for (Map<CharSequence, CharSequence> table : java.util.List.of(EntityArrays.BASIC_UNESCAPE,
                EntityArrays.ISO8859_1_UNESCAPE, EntityArrays.HTML40_EXTENDED_UNESCAPE)) {
            table.forEach((entity, value) -> {
                String name = entity.toString();
                ENTITIES.put(name.substring(1, name.length() - 1), value.toString());
            });
        }
    }

    private UdataSlug() {
    }

    /** The full slug of {@code text} (may be empty, never null). */
    public static String slug(String text) {
        return text == null ? "" : slugify(text);
    }

    /**
     * The slug of {@code text}, of which at least the first {@code limit} characters are exact (the
     * result can be longer; callers cut it themselves). Reads only a prefix of a huge {@code text}.
     */
    public static String slug(CharSequence text, int limit) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        int threshold = Math.max(64, 2 * limit);
        while (threshold < text.length()) {
            int cut = threshold;
            while (cut < text.length() && !isBoundary(text.charAt(cut))) {
                cut++;
            }
            if (cut >= text.length()) {
                break;
            }
            String slug = slugify(text.subSequence(0, cut).toString());
            if (slug.length() >= limit) {
                return slug;
            }
            threshold = cut + Math.max(threshold, 64);
        }
        return slugify(text.toString());
    }

    private static boolean isBoundary(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static String slugify(String value) {
        if (isPlainAscii(value)) {
            return slugifyAscii(value);
        }
        String text = value.toLowerCase(Locale.ROOT); // udata's value.lower()
        text = QUOTES.matcher(text).replaceAll("-");
        text = transliterate(Normalizer.normalize(text, Normalizer.Form.NFKD));
        text = decodeEntities(text);
        text = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        text = QUOTES.matcher(text).replaceAll("");
        text = DIGIT_COMMA_DIGIT.matcher(text).replaceAll("");
        text = DISALLOWED.matcher(text).replaceAll("-");
        text = DASHES.matcher(text).replaceAll("-");
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }

    /** ASCII without DEL and {@code &}: normalisation, transliteration and entities change nothing (most tags). */
    private static boolean isPlainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x7F || c == '&') { // Unidecode drops DEL
                return false;
            }
        }
        return true;
    }

    /**
     * The steps of {@link #slugify} that can change plain ASCII, in one pass: a comma between two digits removed,
     * every run of other characters than letters and digits (apostrophes and {@code -} included) one {@code -},
     * none at either end. Avoids two normalisations, the transliteration and six regular expressions per tag.
     */
    private static String slugifyAscii(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean separator = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (separator && !out.isEmpty()) {
                    out.append('-');
                }
                separator = false;
                out.append(c);
            } else if (c != ',' || i == 0 || i == value.length() - 1 || !isDigit(value.charAt(i - 1))
                    || !isDigit(value.charAt(i + 1))) {
                separator = true;
            }
        }
        return out.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Unidecode, code point by code point; those past U+FFFF have no entry and give nothing, as in text-unidecode. */
    private static String transliterate(String text) {
        StringBuilder bmp = new StringBuilder(text.length());
        text.codePoints().filter(cp -> cp <= 0xFFFF).forEach(bmp::appendCodePoint);
        return Junidecode.unidecode(bmp.toString());
    }

    /** python-slugify's legacy decoding: each kind in turn, a numeric kind skipped whole if one value is out of range. */
    private static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        String named = NAMED_ENTITY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                ENTITIES.getOrDefault(m.group(1), m.group())));
        String decimal = numeric(named, DECIMAL_ENTITY, 10);
        return numeric(decimal, HEX_ENTITY, 16);
    }

    private static String numeric(String text, Pattern pattern, int radix) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            int codePoint;
            try {
                codePoint = Integer.parseInt(matcher.group(1), radix);
            } catch (NumberFormatException e) {
                return text;
            }
            if (codePoint > Character.MAX_CODE_POINT) {
                return text;
            }
            String decoded = codePoint == 0 ? "\0"
                    : codePoint >= 0xD800 && codePoint <= 0xDFFF ? String.valueOf((char) codePoint)
                    : new String(Character.toChars(codePoint));
            matcher.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
