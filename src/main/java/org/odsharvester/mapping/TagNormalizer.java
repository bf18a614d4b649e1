package org.odsharvester.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * udata tags from the ODS keywords and themes (SPEC §3 "tags").
 * <p>
 * Keywords are taken as they are (one keyword, one tag, even when it contains a comma); each theme
 * is split on commas first (ODS themes such as {@code "Administration, Government, Public finances"}
 * hold several). Every value is then slugified exactly like udata does ({@link UdataSlug}, python-slugify:
 * lower-case, transliterated to ASCII, words joined by {@code -}), so that the tags we send are the
 * tags udata stores and an unchanged dataset compares equal.
 * <p>
 * udata refuses a whole dataset when one tag is shorter than {@value #MIN_TAG_LENGTH} or longer than
 * {@value #MAX_TAG_LENGTH} characters ({@code udata.tags.MIN_TAG_LENGTH/MAX_TAG_LENGTH}). So a slug that
 * is too short is dropped, and a slug that is too long is cut at {@value #MAX_TAG_LENGTH} characters,
 * without the trailing {@code -} a cut between two words would leave (udata's own {@code normalize}
 * keeps it, but its slugify would then strip it: we send the fixed point directly).
 * The result is de-duplicated and sorted, as udata's {@code TagListField} stores it.
 */
public class TagNormalizer {

    /** udata {@code MIN_TAG_LENGTH}. */
    public static final int MIN_TAG_LENGTH = 3;
    /** udata {@code MAX_TAG_LENGTH}. */
    public static final int MAX_TAG_LENGTH = 96;

    /** The tags for these keywords and themes: normalised, distinct, sorted. */
    public List<String> normalize(List<String> keywords, List<String> themes) {
        TreeSet<String> tags = new TreeSet<>();
        if (keywords != null) {
            for (String keyword : keywords) {
                add(tags, keyword);
            }
        }
        if (themes != null) {
            for (String theme : themes) {
                if (theme == null) {
                    continue;
                }
                for (String part : theme.split(",")) {
                    add(tags, part);
                }
            }
        }
        return new ArrayList<>(tags);
    }

    /** One value as a udata tag, or null when it is too short to be one. */
    public String normalizeOne(String value) {
        if (value == null) {
            return null;
        }
        String slug = UdataSlug.slug(value.trim(), MAX_TAG_LENGTH);
        if (slug.length() > MAX_TAG_LENGTH) {
            slug = slug.substring(0, MAX_TAG_LENGTH);
            while (slug.endsWith("-")) {
                slug = slug.substring(0, slug.length() - 1);
            }
        }
        return slug.length() < MIN_TAG_LENGTH ? null : slug;
    }

    private void add(TreeSet<String> tags, String value) {
        String tag = normalizeOne(value);
        if (tag != null) {
            tags.add(tag);
        }
    }
}
