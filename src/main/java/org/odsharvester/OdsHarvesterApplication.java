package org.odsharvester;

import java.util.List;

import org.odsharvester.http.BoundedHttp;
import org.odsharvester.launch.FailureClassifier;
import org.odsharvester.launch.HelpText;
import org.odsharvester.launch.OptionCatalog;
import org.odsharvester.launch.OptionCheck;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar ods-harvester.jar --ods.url=… --udata.url=… --udata.organization=…}: one harvest
 * run, then the exit code of SPEC §2. The options are checked as soon as they are all known ({@link
 * OptionCheck}). A failure before the job starts (an invalid option, a job
 * repository held by another run) is turned into its exit code and one sentence here.
 */
@SpringBootApplication
public class OdsHarvesterApplication {

    public static void main(String[] args) {
        if (HelpText.requested(args)) {
            System.out.print(HelpText.text(OptionCatalog.load()));
            System.exit(0);
        }
        System.exit(run(args));
    }

    /** Runs one harvest and returns the process exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return run(List.of(), args);
    }

    /**
     * The same, with initializers applied to the context before it starts (a test registers its own
     * {@link java.time.Clock} this way).
     */
    public static int run(List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers,
            String... args) {
        BoundedHttp.warmUpInBackground();
        ConfigurableApplicationContext context;
        try {
            SpringApplication application = new SpringApplication(OdsHarvesterApplication.class);
            // unknown keys and unreadable values end the launch before the context (database, clients) exists
            application.addListeners(new OptionCheck(OptionCatalog.load()));
            initializers.forEach(application::addInitializers);
            context = application.run(args);
        } catch (Throwable startupFailure) {
            FailureClassifier.Failure failure = FailureClassifier.classify(startupFailure);
            System.err.println("ods-harvester: " + failure.sentence());
            return failure.exitCode().code();
        }
        return SpringApplication.exit(context);
    }
}
