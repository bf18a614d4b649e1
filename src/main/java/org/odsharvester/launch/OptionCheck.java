package org.odsharvester.launch;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.odsharvester.InvalidConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.util.ClassUtils;

/**
 * Checks the options once every property source is loaded (command line, {@code
 * --spring.config.additional-location} files, {@code -D}, environment) and before the application context
 * exists, so that nothing is read, written or locked when an option is wrong:
 * <ul>
 * <li>an {@code ods.}/{@code udata.}/{@code harvest.} key that is no option ends the run (exit 2), naming the
 * closest option: Spring Boot would silently ignore it, and a mistyped {@code harvest.dry-run} writes to
 * production;</li>
 * <li>an {@code ODS_}/{@code UDATA_}/{@code HARVEST_} environment variable that is no option only warns: the
 * environment is shared with other programs (CI sets {@code ODS_HARVESTER_TEST_POSTGRES_URL});</li>
 * <li>every options record is bound once, so a value that does not parse ({@code --harvest.concurrency=eight})
 * ends the run with a sentence naming the option and the value.</li>
 * </ul>
 * Relaxed binding is Spring Boot's own: whether a key matches an option is asked of Spring's property
 * sources, not re-implemented here.
 */
public class OptionCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(OptionCheck.class);

    private final OptionCatalog catalog;

    public OptionCheck(OptionCatalog catalog) {
        this.catalog = catalog;
    }

    /** After Boot's own listeners: the config files are loaded, logging is set up. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    /**
     * Throws {@link InvalidConfigurationException} (exit 2) naming every unknown key, else naming the first value
     * that does not parse; only warns for stray variables.
     */
    public void check(ConfigurableEnvironment environment) {
        List<String> unknown = unknownKeys(environment);
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationException(String.join(" ", unknown));
        }
        for (String variable : unknownVariables(environment)) {
            log.warn("Environment variable {} looks like an ods-harvester option but matches none (--help lists"
                    + " them); it is ignored{}", variable, suggestion(variable));
        }
        bindEveryOption(environment);
    }

    /** One sentence per key under our prefixes, outside the OS environment, that is no option. */
    List<String> unknownKeys(ConfigurableEnvironment environment) {
        List<String> sentences = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (isOsEnvironment(source) || !(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String key : enumerable.getPropertyNames()) {
                if (hasOurPrefix(key, '.')
                        && !isKnown(new MapPropertySource(source.getName(), Map.of(key, "")))) {
                    sentences.add(unknownKeySentence(key, where(source, key)));
                }
            }
        }
        return sentences;
    }

    /** Variables named like our options (ODS_*, UDATA_*, HARVEST_*) that bind to none. */
    List<String> unknownVariables(ConfigurableEnvironment environment) {
        PropertySource<?> source = environment.getPropertySources()
                .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        List<String> unknown = new ArrayList<>();
        if (source instanceof EnumerablePropertySource<?> enumerable) {
            for (String variable : enumerable.getPropertyNames()) {
                if (hasOurPrefix(variable, '_') && !isKnown(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "")))) {
                    unknown.add(variable);
                }
            }
        }
        unknown.sort(Comparator.naturalOrder());
        return unknown;
    }

    private static boolean isOsEnvironment(PropertySource<?> source) {
        return source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    }

    private static boolean hasOurPrefix(String name, char separator) {
        String lower = name.toLowerCase(Locale.ROOT);
        return OptionCatalog.PREFIXES.stream().anyMatch(p -> lower.startsWith(p + separator));
    }

    /** Asks Spring whether binding would read this single property for one of the options. */
    private boolean isKnown(PropertySource<?> single) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(single);
        for (OptionCatalog.Option option : catalog.options()) {
            ConfigurationPropertyName name = ConfigurationPropertyName.of(option.key());
            boolean found = option.isMap()
                    ? source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT
                    : source.getConfigurationProperty(name) != null;
            if (found) {
                return true;
            }
        }
        return false;
    }

    private String unknownKeySentence(String key, String where) {
        String normalised = ConfigurationPropertyName.adapt(key, '.').toString();
        Optional<OptionCatalog.Option> map = catalog.find(normalised).filter(OptionCatalog.Option::isMap);
        if (map.isPresent()) {
            return "Option `" + key + "` " + where + " needs a facet name, e.g. `" + map.get().key()
                    + ".keyword=transport`.";
        }
        return "Unknown option `" + key + "` " + where + "; did you mean `" + closest(key) + "`?";
    }

    private String suggestion(String variable) {
        return " (did you mean " + closest(variable.replace('_', '.')).toUpperCase(Locale.ROOT)
                .replace('.', '_').replace("-", "") + "?)";
    }

    /**
     * The option nearest to what was typed, ignoring case, dashes and underscores (relaxed forms of one key).
     * A mistyped facet filter ({@code ods.refin.keyword}) is compared with the filter and the same facet.
     */
    String closest(String typed) {
        String[] elements = typed.split("\\.", 3);
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (OptionCatalog.Option option : catalog.options()) {
            String candidate = option.isMap()
                    ? option.key() + (elements.length == 3 ? "." + elements[2] : ".<facet>")
                    : option.key();
            int d = distance.apply(comparable(typed), comparable(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String comparable(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** "on the command line", "in file [jobs/x.properties] line 4"... */
    private static String where(PropertySource<?> source, String key) {
        if (source.getName().equals("commandLineArgs")) {
            return "on the command line";
        }
        if (source.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            return "in the JVM system properties (-D)";
        }
        Origin origin = source instanceof OriginLookup<?> ? originOf(source, key) : null;
        if (origin instanceof TextResourceOrigin text && text.getResource() != null) {
            String line = text.getLocation() == null ? "" : " line " + (text.getLocation().getLine() + 1);
            return "in " + describe(text.getResource()) + line;
        }
        return "in " + source.getName();
    }

    /** A file as its path, which the operator wrote in --spring.config.additional-location. */
    private static String describe(Resource resource) {
        try {
            if (resource.isFile()) {
                return resource.getFile().getPath();
            }
        } catch (IOException e) {
            // not a plain file after all: Spring's description names it well enough
        }
        return resource.getDescription();
    }

    @SuppressWarnings("unchecked")
    private static Origin originOf(PropertySource<?> source, String key) {
        return ((OriginLookup<String>) source).getOrigin(key);
    }

    /** Binds each options record as the application will, turning a conversion failure into one sentence. */
    private void bindEveryOption(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        for (Map.Entry<String, String> entry : catalog.propertiesClasses().entrySet()) {
            Class<?> type = ClassUtils.resolveClassName(entry.getValue(), getClass().getClassLoader());
            try {
                binder.bindOrCreate(entry.getKey(), Bindable.of(type));
            } catch (BindException e) {
                throw invalidValue(e);
            }
        }
    }

    private static InvalidConfigurationException invalidValue(BindException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationException own) {
                return own; // the record's own check already wrote the sentence
            }
        }
        ConfigurationProperty property = e.getProperty();
        if (property == null) {
            return new InvalidConfigurationException("Invalid options under " + e.getName() + ": "
                    + rootMessage(e));
        }
        String key = property.getName().toString();
        String value = key.endsWith("api-key") ? "***" : String.valueOf(property.getValue());
        return new InvalidConfigurationException("Invalid value '" + value + "' for " + key + ": expected "
                + expected(e.getTarget().getType().resolve(Object.class)) + ".");
    }

    private static String expected(Class<?> type) {
        Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
        if (boxed == Boolean.class) {
            return "true or false";
        }
        if (boxed == Integer.class || boxed == Long.class) {
            return "a whole number";
        }
        if (boxed == Duration.class) {
            return "a duration such as 500ms, 30s, 15m, 2h or 7d";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "a " + type.getSimpleName();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
