package org.odsharvester.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odsharvester.InvalidConfigurationException;
import org.odsharvester.launch.OptionCatalog.Option;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The start-up check of the options: unknown keys, stray environment variables, values that do not parse. */
class OptionCheckTest {

    private static final OptionCatalog CATALOG = OptionCatalog.load();

    private final OptionCheck check = new OptionCheck(CATALOG);

    /** An environment with this command line and these OS variables, and nothing of the real process. */
    private static StandardEnvironment environment(Map<String, Object> variables, String... args) {
        return IsolatedEnvironment.of(variables, new SimpleCommandLinePropertySource(args));
    }

    private static StandardEnvironment commandLine(String... args) {
        return environment(Map.of(), args);
    }

    private static final String ODS_URL = "--ods.url=http://127.0.0.1:9";

    @Test
    void aMistypedDryRunOnTheCommandLineIsRefusedNamingTheOptionMeant() {
        assertThatThrownBy(() -> check.check(commandLine(ODS_URL, "--harvest.dry-runn=true",
                "--udata.url=http://127.0.0.1:9", "--udata.organization=org")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Unknown option `harvest.dry-runn` on the command line; did you mean `harvest.dry-run`?");
    }

    @Test
    void theClosestOptionIsSuggestedForEachArea() {
        assertThat(check.closest("harvest.concurency")).isEqualTo("harvest.concurrency");
        assertThat(check.closest("harvest.dryRunn")).isEqualTo("harvest.dry-run");
        assertThat(check.closest("ods.inspir")).isEqualTo("ods.inspire");
        assertThat(check.closest("udata.organisation")).isEqualTo("udata.organization");
        assertThat(check.closest("ods.refin.keyword")).isEqualTo("ods.refine.keyword");
    }

    @Test
    void aKeyInAPropertiesFileIsRefusedNamingTheFile() {
        StandardEnvironment environment = commandLine(ODS_URL);
        environment.getPropertySources().addLast(new MapPropertySource("Config resource 'file [paris.properties]'",
                Map.of("harvest.concurency", "2")));

        assertThatThrownBy(() -> check.check(environment)).hasMessage("Unknown option `harvest.concurency` in"
                + " Config resource 'file [paris.properties]'; did you mean `harvest.concurrency`?");
    }

    @Test
    void aJvmSystemPropertyIsCheckedLikeTheCommandLine() {
        StandardEnvironment environment = commandLine(ODS_URL);
        environment.getPropertySources().addLast(new MapPropertySource(
                StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, Map.of("ods.inspyre", "true")));

        assertThatThrownBy(() -> check.check(environment)).hasMessage("Unknown option `ods.inspyre` in the JVM system"
                + " properties (-D); did you mean `ods.inspire`?");
    }

    @Test
    void everyUnknownKeyIsNamed() {
        assertThatThrownBy(() -> check.check(commandLine(ODS_URL, "--ods.inspyre=true", "--udata.orga=x")))
                .hasMessageContaining("`ods.inspyre`").hasMessageContaining("`udata.orga`");
    }

    @Test
    void aFacetFilterWithoutAFacetSaysSo() {
        assertThatThrownBy(() -> check.check(commandLine(ODS_URL, "--ods.refine=transport")))
                .hasMessageContaining("`ods.refine` on the command line needs a facet name");
    }

    @ParameterizedTest
    @ValueSource(strings = { "--harvest.dryRun=true", "--harvest.dry_run=true", "--harvest.DRY-RUN=true",
            "--harvest.dry-run=true", "--ods.refine.keyword=transport", "--ods.exclude.publisher=ACME,Other",
            "--ods.refine.any_facet-name=x", "--ods.exclude.theme[0]=Culture", "--udata.apiKey=k",
            "--harvest.maxItems=3", "--spring.datasource.url=jdbc:hsqldb:mem:x", "--odsharvester.anything=1" })
    void relaxedFormsAndFacetFiltersAreAccepted(String arg) {
        assertThatCode(() -> check.check(commandLine(ODS_URL, arg))).doesNotThrowAnyException();
    }

    @Test
    void relaxedBindingReallyReachesTheRecord() {
        StandardEnvironment environment = commandLine(ODS_URL, "--harvest.dryRun=true", "--harvest.max_items=3");
        check.check(environment);

        org.odsharvester.job.HarvestProperties harvest = org.springframework.boot.context.properties.bind.Binder
                .get(environment).bindOrCreate("harvest", org.odsharvester.job.HarvestProperties.class);
        assertThat(harvest.dryRun()).isTrue();
        assertThat(harvest.maxItems()).isEqualTo(3L);
    }

    @Test
    void environmentVariablesThatBindAreKnownAndTheOthersAreListed() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("HARVEST_DRY_RUN", "true");
        variables.put("HARVEST_DRYRUN", "true");
        variables.put("UDATA_API_KEY", "k");
        variables.put("ODS_REFINE_KEYWORD", "transport");
        variables.put("ODS_HARVESTER_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1/x");
        variables.put("HARVEST_CONCURENCY", "2");
        variables.put("PATH", "/usr/bin");

        assertThat(check.unknownVariables(environment(variables, ODS_URL)))
                .containsExactly("HARVEST_CONCURENCY", "ODS_HARVESTER_TEST_POSTGRES_URL");
    }

    @Test
    void anUnknownEnvironmentVariableWarnsButNeverFailsTheRun() {
        Logger logger = (Logger) LoggerFactory.getLogger(OptionCheck.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            assertThatCode(() -> check.check(environment(
                    Map.of("ODS_HARVESTER_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1/x"), ODS_URL)))
                    .doesNotThrowAnyException();
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel().toString()).isEqualTo("WARN");
            assertThat(event.getFormattedMessage()).contains("ODS_HARVESTER_TEST_POSTGRES_URL")
                    .contains("matches none").contains("ignored");
        });
    }

    @Test
    void variablesAreNotCheckedAsKeysEvenWhenMistyped() {
        assertThatCode(() -> check.check(environment(Map.of("HARVEST_DRY_RUNN", "true"), ODS_URL)))
                .doesNotThrowAnyException();
    }

    // --- values that do not parse: every option of the catalog, so that a new one is covered too ---

    /** Values that fail for options whose type accepts any text; each names the option and the value. */
    private static final Map<String, String> BAD_TEXT = Map.of(
            "ods.url", "ftp://data.example.org",
            "ods.api", "v3",
            "ods.previous-urls", "ftp://old.example.org",
            "udata.url", "ftp://www.data.gouv.fr",
            "harvest.language", "de");

    /** Options where any text is a valid value (an id, a key, a path, facet values). */
    private static final Set<String> FREE_TEXT = Set.of("ods.api-key", "ods.refine", "ods.exclude", "udata.api-key",
            "udata.organization", "udata.restore-deleted", "udata.organizations-file", "harvest.default-license",
            "harvest.data-dir");

    static Stream<Option> options() {
        return CATALOG.options().stream().filter(o -> !FREE_TEXT.contains(o.key()));
    }

    private static String badValue(Option option) {
        return switch (option.type()) {
            case "java.lang.Boolean" -> "yes please";
            case "java.lang.Integer", "java.lang.Long" -> "eight";
            case "java.time.Duration" -> "a week";
            default -> {
                String value = BAD_TEXT.get(option.key());
                if (value == null) {
                    fail("New option " + option.key() + " (" + option.type() + "): add a value that must be refused"
                            + " to BAD_TEXT, or list it in FREE_TEXT");
                }
                yield value;
            }
        };
    }

    @ParameterizedTest
    @MethodSource("options")
    void aValueThatDoesNotParseIsRefusedNamingTheOptionAndTheValue(Option option) {
        String value = badValue(option);
        List<String> args = option.key().equals("ods.url") ? List.of("--ods.url=" + value)
                : List.of(ODS_URL, "--" + option.key() + "=" + value);

        assertThatThrownBy(() -> check.check(commandLine(args.toArray(String[]::new))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(option.key())
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void theSentenceSaysWhatWasExpected() {
        assertThatThrownBy(() -> check.check(commandLine(ODS_URL, "--harvest.concurrency=eight")))
                .hasMessage("Invalid value 'eight' for harvest.concurrency: expected a whole number.");
        assertThatThrownBy(() -> check.check(commandLine(ODS_URL, "--ods.inspire=yes please")))
                .hasMessage("Invalid value 'yes please' for ods.inspire: expected true or false.");
        assertThatThrownBy(() -> check.check(commandLine(ODS_URL, "--harvest.stale-after=a week")))
                .hasMessageStartingWith("Invalid value 'a week' for harvest.stale-after: expected a duration");
    }

    /** Written as a flag, the option must not fall back to its default, false, and write to udata. */
    @Test
    void aDryRunWrittenAsAFlagIsRefusedRatherThanTakenAsFalse() {
        assertThatThrownBy(() -> check.check(commandLine(ODS_URL, "--harvest.dry-run")))
                .hasMessage("Invalid value '' for harvest.dry-run: expected true or false.");
    }

    @Test
    void aVariableWithAValueThatDoesNotParseIsRefusedToo() {
        assertThatThrownBy(() -> check.check(environment(Map.of("HARVEST_CONCURRENCY", "eight"), ODS_URL)))
                .hasMessage("Invalid value 'eight' for harvest.concurrency: expected a whole number.");
    }

    @Test
    void everyOptionIsCoveredByTheValueTest() {
        assertThat(CATALOG.options()).allSatisfy(option -> {
            if (!FREE_TEXT.contains(option.key())) {
                assertThat(badValue(option)).isNotBlank();
            }
        });
    }
}
