package org.odsharvester.udata;

import java.util.regex.Pattern;

/**
 * udata's limit on titles, datasets' and resources' alike ({@code TITLE_SIZE_LIMIT}, 350, in
 * udata/core/dataset/constants.py; {@code DatasetForm.title} and {@code BaseResourceForm.title} check it): one
 * resource title over it makes udata refuse the whole dataset.
 */
public final class UdataTitle {

    /** udata's {@code TITLE_SIZE_LIMIT}. */
    public static final int MAX_LENGTH = 350;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private UdataTitle() {
    }

    /**
     * The title trimmed, whitespace runs (new lines, tabs) made single spaces, and at most {@value #MAX_LENGTH}
     * characters: a longer one is cut on a word boundary (within the last 50 characters) and ends with {@code …}.
     */
    public static String fit(String raw) {
        if (raw == null) {
            return null;
        }
        String title = WHITESPACE.matcher(raw.strip()).replaceAll(" ");
        if (title.length() <= MAX_LENGTH) {
            return title;
        }
        int end = MAX_LENGTH - 1; // room for the ellipsis
        if (Character.isLowSurrogate(title.charAt(end))) {
            end--;
        }
        int space = title.lastIndexOf(' ', end);
        if (space > end - 50) {
            end = space;
        }
        return title.substring(0, end).stripTrailing() + "…";
    }
}
