package org.odsharvester.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.odsharvester.job.HarvestProperties;
import org.odsharvester.launch.OptionCatalog.Option;
import org.odsharvester.ods.OdsProperties;
import org.odsharvester.udata.UdataProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

/** {@code --help} lists exactly the keys that start-up accepts, each with a description. */
class HelpTextTest {

    private static final OptionCatalog CATALOG = OptionCatalog.load();
    private static final String HELP = HelpText.text(CATALOG);
    private static final Pattern HELP_KEY = Pattern.compile("--((?:ods|udata|harvest)\\.[\\w.<>-]+)=");

    private static List<String> keysInHelp() {
        List<String> keys = new ArrayList<>();
        Matcher m = HELP_KEY.matcher(HELP.substring(HELP.indexOf("Options")));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    @Test
    void helpListsEveryAcceptedOptionOnceAndNothingElse() {
        assertThat(keysInHelp()).containsExactlyElementsOf(CATALOG.options().stream().map(Option::displayKey).toList());
    }

    @Test
    void everyKeyInTheHelpIsAcceptedAtStartUp() {
        OptionCheck check = new OptionCheck(CATALOG);
        for (String key : keysInHelp()) {
            StandardEnvironment environment = IsolatedEnvironment.of(Map.of(), new SimpleCommandLinePropertySource(
                    "--" + key.replace("<facet>", "keyword") + "=x"));
            assertThat(check.unknownKeys(environment)).as(key).isEmpty();
        }
    }

    /** The metadata the catalog is read from is complete: each component of each options record is an option. */
    @Test
    void everyComponentOfTheOptionsRecordsIsInTheCatalog() {
        assertThat(CATALOG.propertiesClasses()).containsOnlyKeys(OptionCatalog.PREFIXES);
        for (Class<?> type : List.of(OdsProperties.class, UdataProperties.class, HarvestProperties.class)) {
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            assertThat(CATALOG.propertiesClasses()).containsEntry(prefix, type.getName());
            for (RecordComponent component : type.getRecordComponents()) {
                String key = prefix + "." + kebab(component.getName());
                assertThat(CATALOG.find(key)).as(key).isPresent();
            }
        }
        for (Map.Entry<String, String> entry : CATALOG.propertiesClasses().entrySet()) {
            Class<?> type = ClassUtils.resolveClassName(entry.getValue(), null);
            assertThat(CATALOG.options().stream().filter(o -> o.prefix().equals(entry.getKey())).count())
                    .as(type.getName()).isEqualTo(type.getRecordComponents().length);
        }
    }

    @Test
    void everyOptionHasADescriptionFromItsJavadoc() {
        assertThat(CATALOG.options()).allSatisfy(option -> assertThat(option.description())
                .as(option.key() + ": write its @param in the record's javadoc").isNotBlank().doesNotContain("{@"));
    }

    @Test
    void optionsAreInTheOrderOfTheRecordsComponents() {
        assertThat(keysInHelp()).startsWith("ods.url", "ods.api", "ods.api-key", "ods.inspire");
        assertThat(keysInHelp().indexOf("udata.url")).isGreaterThan(keysInHelp().indexOf("ods.retry-delay"));
    }

    @Test
    void helpShowsTypeAndDefault() {
        assertThat(HELP).containsPattern("--harvest\\.concurrency=N +udata writes in flight at once \\(1 to 64\\) \\(default 8\\)")
                .containsPattern("--harvest\\.dry-run=true\\|false +read, filter and map")
                .containsPattern("--ods\\.refine\\.<facet>=V\\[,V] ")
                .containsPattern("--harvest\\.stale-after=DURATION +.*")
                .contains("Exit codes:");
        assertThat(HELP.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(120));
    }

    @Test
    void javadocMarkupBecomesText() {
        assertThat(OptionCatalog.javadocToText("{@code auto}, {@code v2.1}\n   or {@link guard.RunGuard}"))
                .isEqualTo("auto, v2.1 or RunGuard");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
