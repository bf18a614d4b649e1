package org.odsharvester.ods;

/** A record field of an ODS dataset: {@code name}, {@code label}, {@code type}, {@code description} (may be null). */
public record OdsField(String name, String label, String type, String description) {
}
