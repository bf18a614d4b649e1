package org.odsharvester.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code ods.*}, {@code udata.*} and {@code harvest.*} option the harvester accepts: the one list
 * that {@code --help} prints and the start-up check ({@link OptionCheck}) compares the given keys with.
 * <p>
 * It is read from {@code META-INF/spring-configuration-metadata.json}, which
 * spring-boot-configuration-processor writes at compile time from the {@code @ConfigurationProperties}
 * records (names, types, {@code @DefaultValue}s and the javadoc {@code @param} of each component). A
 * component added to one of those records is therefore an accepted option and a help line at once.
 *
 * @param options          the options, by key
 * @param propertiesClasses prefix → name of the {@code @ConfigurationProperties} class bound under it
 */
public record OptionCatalog(List<Option> options, Map<String, String> propertiesClasses) {

    /** The areas whose keys are checked; anything else ({@code spring.*}, {@code logging.*}) is Spring Boot's. */
    public static final List<String> PREFIXES = List.of("ods", "udata", "harvest");

    static final String METADATA = "META-INF/spring-configuration-metadata.json";

    /**
     * One option.
     *
     * @param key          canonical (kebab-case) key, e.g. {@code harvest.dry-run}; for a map, its root ({@code ods.refine})
     * @param type         Java type as the metadata writes it, e.g. {@code java.lang.Integer}
     * @param description  the javadoc of the record component
     * @param defaultValue the {@code @DefaultValue}, or null
     */
    public record Option(String key, String type, String description, String defaultValue) {

        /** {@code ods.refine.<facet>}: any sub-key is valid, the values are a list. */
        public boolean isMap() {
            return type.startsWith("java.util.Map");
        }

        /** The key as the help shows it: a map option with its {@code <facet>} placeholder. */
        public String displayKey() {
            return isMap() ? key + ".<facet>" : key;
        }

        public String prefix() {
            return key.substring(0, key.indexOf('.'));
        }
    }

    public OptionCatalog {
        options = List.copyOf(options);
        propertiesClasses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(propertiesClasses));
    }

    /** The options of every metadata file on the class path (ours, and none of Spring Boot's own prefixes). */
    public static OptionCatalog load(ClassLoader classLoader) {
        JsonMapper mapper = JsonMapper.builder().build();
        Map<String, Option> options = new LinkedHashMap<>();
        Map<String, String> classes = new LinkedHashMap<>();
        try {
            Enumeration<URL> files = classLoader.getResources(METADATA);
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    JsonNode metadata = mapper.readTree(in);
                    for (JsonNode group : metadata.path("groups")) {
                        if (PREFIXES.contains(group.path("name").asString())) {
                            classes.put(group.path("name").asString(), group.path("type").asString());
                        }
                    }
                    for (JsonNode property : metadata.path("properties")) {
                        String key = property.path("name").asString();
                        if (PREFIXES.contains(key.substring(0, Math.max(0, key.indexOf('.'))))) {
                            JsonNode defaultValue = property.get("defaultValue");
                            options.put(key, new Option(key, property.path("type").asString(),
                                    javadocToText(property.path("description").asString("")),
                                    defaultValue == null || defaultValue.isNull() ? null : defaultValue.asString()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the option metadata " + METADATA, e);
        }
        if (options.isEmpty()) {
            // the processor did not run: accepting every key silently is what this class exists to prevent
            throw new IllegalStateException("No option metadata (" + METADATA + ") on the class path: the jar was"
                    + " built without spring-boot-configuration-processor");
        }
        List<Option> sorted = new ArrayList<>(options.values());
        // the order of the records' components, as their authors grouped them (ods.url first)
        sorted.sort(Comparator.comparing((Option o) -> PREFIXES.indexOf(o.prefix()))
                .thenComparing(o -> declarationIndex(o, classes.get(o.prefix()), classLoader))
                .thenComparing(Option::key));
        return new OptionCatalog(sorted, classes);
    }

    public static OptionCatalog load() {
        return load(OptionCatalog.class.getClassLoader());
    }

    private static int declarationIndex(Option option, String className, ClassLoader classLoader) {
        if (className == null || !ClassUtils.isPresent(className, classLoader)) {
            return Integer.MAX_VALUE;
        }
        RecordComponent[] components = ClassUtils.resolveClassName(className, classLoader).getRecordComponents();
        String name = option.key().substring(option.key().indexOf('.') + 1).replace("-", "");
        for (int i = 0; components != null && i < components.length; i++) {
            if (components[i].getName().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    public Optional<Option> find(String key) {
        return options.stream().filter(o -> o.key().equals(key)).findFirst();
    }

    /** {@code {@code x}} and {@code {@link a.B}} as plain text, whitespace collapsed. */
    static String javadocToText(String javadoc) {
        return javadoc.replaceAll("\\{@(?:code|literal) ([^}]*)}", "$1")
                .replaceAll("\\{@link(?:plain)?\\s+(?:[\\w.]*\\.)?([\\w#]+)[^}]*}", "$1")
                .replaceAll("\\s+", " ")
                .trim();
    }
}
