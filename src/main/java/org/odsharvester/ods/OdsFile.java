package org.odsharvester.ods;

/**
 * An attachment or an alternative export of an ODS dataset.
 *
 * @param id          the portal's file id (stable key of the resource)
 * @param title       may be null
 * @param description may be null
 * @param mimetype    as declared by the portal, may be null
 * @param fileName    the original file name when the portal tells it ({@code odsfile://name.xls}), may be null
 * @param url         public download URL, already built for the API version the dataset was read from
 */
public record OdsFile(String id, String title, String description, String mimetype, String fileName, String url) {
}
