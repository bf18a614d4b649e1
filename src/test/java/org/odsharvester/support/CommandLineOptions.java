package org.odsharvester.support;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Options as the application gets them: {@code --key=value} arguments, bound by Boot's binder. */
public final class CommandLineOptions {

    private CommandLineOptions() {
    }

    /** The {@code @ConfigurationProperties} record of {@code prefix} bound from these arguments. */
    public static <T> T bind(String prefix, Class<T> type, String... args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate(prefix, type);
    }
}
