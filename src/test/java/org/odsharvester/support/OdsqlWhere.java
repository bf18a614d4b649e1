package org.odsharvester.support;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code where} clause of ODSQL as the Explore API v2.1 reference documents it (the "Opendatasoft Query
 * Language (ODSQL)" section of {@code ods-samples/explore-v2.1-openapi.json}), for the catalog fields a test
 * portal serves; anything else is refused like ODS refuses it, with {@link Refused} (a 400 {@code ODSQLError}).
 * <ul>
 * <li>keywords case-insensitive, spaces optional; {@code and}, {@code or}, {@code not}, parentheses, with
 * {@code and} binding tighter ("Boolean operators");</li>
 * <li>{@code <field> is null} / {@code <field> is not null} ("IS NULL filter");</li>
 * <li>{@code <field> in (<literal>, …)} and {@code <date field> in [date'…'..date'…']} with {@code [ ] ] [}
 * bounds and {@code ..} or {@code to} ("IN filter");</li>
 * <li>text fields compare with {@code =} only ("Text comparison operators"); dates and numbers also with
 * {@code > < >= <=} ("Date comparison operators");</li>
 * <li>date literals {@code date'<ISO 8601>'} or {@code date'YYYY/MM/DD'} ("Date literal"), reduced forms
 * ({@code date'1972'}, {@code date'2017-04-03T08:02'}) included; without a zone a literal is UTC, the default of
 * the {@code timezone} parameter;</li>
 * <li>metadata of the {@code default} template named with or without {@code default.}
 * ({@code ../shared/FIELD-NOTES.md} C); {@code metas.default.modified} and any other unknown name is refused.</li>
 * </ul>
 */
public final class OdsqlWhere {

    /** The type of a field, which decides the comparisons it takes. */
    public enum Type { TEXT, DATE, NUMBER }

    /** A query ODS would answer with 400 {@code ODSQLError}; the message is the detail ODS gives. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super("ODSQL query is malformed: " + message + " Clause(s) containing the error(s): where.", null,
                    false, false);
        }
    }

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<date>date'[^']*')|(?<string>\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')"
                    + "|(?<number>-?\\d+(?:\\.\\d+)?)|(?<name>`[^`]+`|[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)"
                    + "|(?<symbol>>=|<=|\\.\\.|[=<>(),\\[\\]]))");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T(\\d{2}):(\\d{2})"
            + "(?::(\\d{2})(?:[.,](\\d{1,9}))?)?(Z|[+-]\\d{2}(?::?\\d{2})?)?)?)?)?");
    private static final Pattern SLASH_DATE = Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2})");

    private final Map<String, Type> fields;
    private final List<String> tokens = new ArrayList<>();
    private int next;

    private OdsqlWhere(Map<String, Type> fields, String where) {
        this.fields = fields;
        Matcher matcher = TOKEN.matcher(where);
        int at = 0;
        while (at < where.length()) {
            if (where.substring(at).isBlank()) {
                break;
            }
            if (!matcher.find(at) || matcher.start() != at) {
                throw new Refused("unexpected character at position " + at + ".");
            }
            tokens.add(matcher.group().trim());
            at = matcher.end();
        }
    }

    /**
     * Parses {@code where} against a catalog whose fields have these types (names without {@code default.}).
     * The predicate reads a field's value of a row with {@code value}: a String, an Instant, a Number or null.
     *
     * @throws Refused when ODS would refuse the clause
     */
    public static <R> Predicate<R> parse(String where, Map<String, Type> fields,
            Function<R, Function<String, Object>> value) {
        OdsqlWhere parser = new OdsqlWhere(fields, where);
        if (parser.tokens.isEmpty()) {
            return row -> true;
        }
        Condition condition = parser.or();
        if (parser.next < parser.tokens.size()) {
            throw new Refused("unexpected '" + parser.tokens.get(parser.next) + "'.");
        }
        return row -> condition.test(value.apply(row));
    }

    private interface Condition {
        boolean test(Function<String, Object> row);
    }

    private Condition or() {
        Condition left = and();
        while (accept("or")) {
            Condition a = left;
            Condition b = and();
            left = row -> a.test(row) || b.test(row);
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (accept("and")) {
            Condition a = left;
            Condition b = not();
            left = row -> a.test(row) && b.test(row);
        }
        return left;
    }

    private Condition not() {
        if (accept("not")) {
            Condition inner = not();
            return row -> !inner.test(row);
        }
        if (accept("(")) {
            Condition inner = or();
            expect(")");
            return inner;
        }
        return predicate();
    }

    private Condition predicate() {
        String field = field(take());
        Type type = fields.get(field);
        if (accept("is")) {
            boolean negated = accept("not");
            expect("null");
            return row -> (row.apply(field) == null) != negated;
        }
        if (accept("in")) {
            if (accept("(")) {
                List<Object> values = new ArrayList<>();
                do {
                    values.add(literal(take(), type, field));
                } while (accept(","));
                expect(")");
                return row -> {
                    Object value = row.apply(field);
                    return value != null && values.stream().anyMatch(listed -> compare(value, listed) == 0);
                };
            }
            return range(field, type);
        }
        String operator = take();
        if (!List.of("=", ">", "<", ">=", "<=").contains(operator)) {
            throw new Refused("unexpected '" + operator + "' after field " + field + ".");
        }
        if (type == Type.TEXT && !operator.equals("=")) {
            throw new Refused("operator " + operator + " cannot be used on text field " + field + ".");
        }
        Object literal = literal(take(), type, field);
        return row -> {
            Object value = row.apply(field);
            if (value == null) {
                return false; // a comparison with null is false ("Handling null values")
            }
            int order = compare(value, literal);
            return switch (operator) {
                case "=" -> order == 0;
                case ">" -> order > 0;
                case "<" -> order < 0;
                case ">=" -> order >= 0;
                default -> order <= 0;
            };
        };
    }

    private Condition range(String field, Type type) {
        String open = take();
        if (!open.equals("[") && !open.equals("]") || type == Type.TEXT) {
            throw new Refused("IN on " + field + " takes a list in parentheses or a range of dates or numbers.");
        }
        Object low = literal(take(), type, field);
        if (!accept("..") && !accept("to")) {
            throw new Refused("a range is written [low..high] or [low TO high].");
        }
        Object high = literal(take(), type, field);
        String close = take();
        if (!close.equals("[") && !close.equals("]")) {
            throw new Refused("a range ends with ] or [.");
        }
        boolean lowIncluded = open.equals("[");
        boolean highIncluded = close.equals("]");
        return row -> {
            Object value = row.apply(field);
            if (value == null) {
                return false;
            }
            int fromLow = compare(value, low);
            int fromHigh = compare(value, high);
            return (lowIncluded ? fromLow >= 0 : fromLow > 0) && (highIncluded ? fromHigh <= 0 : fromHigh < 0);
        };
    }

    /** A field name as the catalog knows it: the {@code default.} prefix is optional, nothing else is. */
    private String field(String token) {
        String name = token.startsWith("`") ? token.substring(1, token.length() - 1) : token;
        String lower = name.toLowerCase(Locale.ROOT);
        String bare = lower.startsWith("default.") ? lower.substring("default.".length()) : lower;
        if (!fields.containsKey(bare) || isKeyword(lower)) {
            throw new Refused("Unknown field: " + name + ".");
        }
        return bare;
    }

    private static boolean isKeyword(String token) {
        return List.of("and", "or", "not", "is", "null", "in", "to", "true", "false").contains(token);
    }

    private Object literal(String token, Type type, String field) {
        if (token.regionMatches(true, 0, "date'", 0, 5)) {
            if (type != Type.DATE) {
                throw new Refused("a date cannot be compared with " + type.name().toLowerCase(Locale.ROOT)
                        + " field " + field + ".");
            }
            return date(token.substring(5, token.length() - 1));
        }
        if (token.startsWith("\"") || token.startsWith("'")) {
            if (type != Type.TEXT) {
                throw new Refused("a string cannot be compared with " + type.name().toLowerCase(Locale.ROOT)
                        + " field " + field + ": dates are written date'…'.");
            }
            return token.substring(1, token.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        if (token.matches("-?\\d+(\\.\\d+)?")) {
            if (type != Type.NUMBER) {
                throw new Refused("a number cannot be compared with field " + field + ".");
            }
            return Double.parseDouble(token);
        }
        throw new Refused("expected a literal, found '" + token + "'.");
    }

    /** A documented date literal: ISO 8601 (reduced precision, fraction and zone allowed) or YYYY/MM/DD. */
    static Instant date(String text) {
        Matcher slash = SLASH_DATE.matcher(text);
        if (slash.matches()) {
            return LocalDateTime.of(Integer.parseInt(slash.group(1)), Integer.parseInt(slash.group(2)),
                    Integer.parseInt(slash.group(3)), 0, 0).toInstant(ZoneOffset.UTC);
        }
        Matcher iso = ISO_DATE.matcher(text);
        if (!iso.matches()) {
            throw new Refused("invalid date literal date'" + text + "'.");
        }
        try {
            String fraction = iso.group(7) == null ? "0" : (iso.group(7) + "00000000").substring(0, 9);
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(iso.group(1)), number(iso.group(2), 1),
                    number(iso.group(3), 1), number(iso.group(4), 0), number(iso.group(5), 0), number(iso.group(6), 0),
                    Integer.parseInt(fraction));
            String zone = iso.group(8);
            ZoneOffset offset = zone == null || zone.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone);
            return local.toInstant(offset);
        } catch (RuntimeException e) {
            throw new Refused("invalid date literal date'" + text + "'.");
        }
    }

    private static int number(String group, int fallback) {
        return group == null ? fallback : Integer.parseInt(group);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object value, Object literal) {
        if (value instanceof Number number && literal instanceof Number other) {
            return Double.compare(number.doubleValue(), other.doubleValue());
        }
        return ((Comparable) value).compareTo(literal);
    }

    private boolean accept(String keyword) {
        if (next < tokens.size() && tokens.get(next).equalsIgnoreCase(keyword)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String keyword) {
        if (!accept(keyword)) {
            throw new Refused("expected '" + keyword + "'"
                    + (next < tokens.size() ? ", found '" + tokens.get(next) + "'." : " at the end."));
        }
    }

    private String take() {
        if (next >= tokens.size()) {
            throw new Refused("unexpected end of the clause.");
        }
        return Objects.requireNonNull(tokens.get(next++));
    }
}
