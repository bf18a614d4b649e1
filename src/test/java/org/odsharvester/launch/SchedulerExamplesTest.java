package org.odsharvester.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler examples in {@code jobs/} (and the commands in the README's code blocks) use only options that exist: an
 * operator copies them, and a misspelt key there would be refused at the first nightly run. The files are
 * only read here.
 */
class SchedulerExamplesTest {

    private static final OptionCheck CHECK = new OptionCheck(OptionCatalog.load());

    /** {@code --harvest.dry-run=} in a command, {@code ods.url=} in a properties block, {@code `ods.inspire=}. */
    private static final Pattern KEY = Pattern.compile("(?<![\\w.])((?:ods|udata|harvest)\\.[\\w.\\[\\]<>-]+)=");
    private static final Pattern CRONTAB_VARIABLE = Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_]*)=");
    private static final Pattern YAML_ENV_NAME = Pattern.compile("-\\s*name:\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern LOCAL_CONFIG_FILE = Pattern.compile("--spring\\.config\\.additional-location=file:"
            + "(jobs/[\\w./-]+\\.(?:properties|ya?ml))");

    /** What one example sets: option keys and environment variables. */
    record Settings(List<String> keys, List<String> variables, List<String> localConfigFiles) {
        boolean isEmpty() {
            return keys.isEmpty() && variables.isEmpty() && localConfigFiles.isEmpty();
        }
    }

    static Settings settings(String fileName, String text) {
        List<String> keys = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        if (fileName.endsWith(".properties")) {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.stringPropertyNames().forEach(keys::add);
        } else {
            keys.addAll(all(KEY, text));
        }
        if (fileName.endsWith(".json")) {
            // Control-M: "Variables": [{"UDATA_API_KEY": "%%..."}] are the job's environment
            for (JsonNode variable : JsonMapper.builder().build().readTree(text).findValues("Variables")) {
                variable.forEach(entry -> variables.addAll(entry.propertyNames()));
            }
        } else if (fileName.endsWith(".yaml") || fileName.endsWith(".yml")) {
            variables.addAll(all(YAML_ENV_NAME, text));
        } else if (fileName.startsWith("crontab")) {
            variables.addAll(all(CRONTAB_VARIABLE, text));
        }
        return new Settings(keys, variables, all(LOCAL_CONFIG_FILE, text));
    }

    /** The sentences start-up would print for these settings, with environment variables as strict as keys. */
    static List<String> problems(Settings settings) {
        Map<String, Object> keys = new LinkedHashMap<>();
        settings.keys().forEach(k -> keys.put(k.replace("<facet>", "keyword"), "x"));
        Map<String, Object> variables = new LinkedHashMap<>();
        settings.variables().forEach(v -> variables.put(v, "x"));
        StandardEnvironment environment = IsolatedEnvironment.of(variables, new MapPropertySource("example", keys));
        List<String> problems = new ArrayList<>(CHECK.unknownKeys(environment));
        CHECK.unknownVariables(environment).forEach(v -> problems.add("Unknown environment variable " + v));
        for (String file : settings.localConfigFiles()) {
            if (!Files.isRegularFile(Path.of(file))) {
                problems.add("Missing configuration file " + file);
            }
        }
        return problems;
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("jobs"))) {
            // an organizations file maps publishers, it sets no option: checked by its own parser below
            List<Path> examples = new ArrayList<>(files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(ORGANIZATIONS)).sorted().toList());
            examples.add(Path.of("README.md"));
            return examples.stream();
        }
    }

    /** The README's commands are its fenced code blocks; its prose quotes typos on purpose. */
    private static final Pattern FENCED_BLOCK = Pattern.compile("(?ms)^```[a-z]*\\n(.*?)^```");

    private static String commandsOf(Path example) throws IOException {
        String text = Files.readString(example);
        return example.getFileName().toString().endsWith(".md") ? String.join("\n", all(FENCED_BLOCK, text)) : text;
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleUsesOnlyKnownOptions(Path example) throws IOException {
        Settings settings = settings(example.getFileName().toString(), commandsOf(example));

        assertThat(settings.isEmpty()).as(example + " sets no option at all: is it still parsed?").isFalse();
        assertThat(problems(settings)).as(example.toString()).isEmpty();
    }

    private static final String ORGANIZATIONS = ".organizations";

    @Test
    void theExampleOrganizationsFilesAreReadAsTheHarvesterReadsThem() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(Path.of("jobs"))) {
            files = all.filter(f -> f.getFileName().toString().endsWith(ORGANIZATIONS)).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(org.odsharvester.udata.OrganizationsFile.read(file).lines()).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void theExamplesCoverEverySchedulerFormat() throws IOException {
        assertThat(examples().map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.endsWith(".properties")).anyMatch(n -> n.startsWith("crontab"))
                .anyMatch(n -> n.endsWith(".json")).anyMatch(n -> n.endsWith(".yaml"));
    }

    @Test
    void aMisspeltKeyIsCaughtInEachFormat() {
        assertThat(problems(settings("paris.properties", "ods.url=https://opendata.paris.fr\nharvest.dry-runn=true\n")))
                .singleElement().asString().contains("`harvest.dry-runn`").contains("`harvest.dry-run`");
        assertThat(problems(settings("crontab.example",
                "15 2 * * * java -jar ods-harvester.jar --harvest.concurency=2 >> log 2>&1")))
                .singleElement().asString().contains("`harvest.concurrency`");
        assertThat(problems(settings("jobs.json", """
                {"J": {"Command": "java -jar ods-harvester.jar --ods.inspyre=true",
                       "Variables": [{"UDATA_APIKEY_X": "%%K"}]}}""")))
                .hasSize(2).anySatisfy(p -> assertThat(p).contains("`ods.inspire`"))
                .anySatisfy(p -> assertThat(p).contains("UDATA_APIKEY_X"));
        assertThat(problems(settings("cronjob.yaml", """
                          env:
                            - name: HARVEST_DRY_RUNN
                  source.properties: |
                    udata.organisation=x
                """))).hasSize(2).anySatisfy(p -> assertThat(p).contains("`udata.organization`"))
                .anySatisfy(p -> assertThat(p).contains("HARVEST_DRY_RUNN"));
    }

    @Test
    void theReadmesFirstCommandIsARealDryRunWithKnownOptions() throws IOException {
        String commands = commandsOf(Path.of("README.md"));
        String first = commands.lines().filter(l -> l.contains("java -jar")).findFirst().orElseThrow();

        assertThat(first).contains("--ods.url=https://opendata.paris.fr").contains("--harvest.dry-run=true");
    }

    @Test
    void aConfigurationFileThatDoesNotExistIsCaught() {
        assertThat(problems(settings("crontab.example",
                "java -jar ods-harvester.jar --spring.config.additional-location=file:jobs/sources/nowhere.properties")))
                .containsExactly("Missing configuration file jobs/sources/nowhere.properties");
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
