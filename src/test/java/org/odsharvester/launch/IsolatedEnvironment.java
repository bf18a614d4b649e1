package org.odsharvester.launch;

import java.util.Map;

import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** A Spring environment made of the given sources only: none of the test JVM's own variables or -D properties. */
final class IsolatedEnvironment {

    private IsolatedEnvironment() {
    }

    /** These OS environment variables, then {@code sources} before them in precedence order. */
    static StandardEnvironment of(Map<String, Object> variables, PropertySource<?>... sources) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        for (int i = sources.length - 1; i >= 0; i--) {
            environment.getPropertySources().addFirst(sources[i]);
        }
        return environment;
    }
}
