package org.odsharvester.udata;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link FakeUdata} for a test class, as a static {@code @RegisterExtension} field: emptied before each test
 * (datasets, faults, recorded requests), stopped after the last.
 */
public final class FakeUdataExtension implements BeforeEachCallback, AfterAllCallback {

    private final FakeUdata fake = new FakeUdata();

    public FakeUdata fake() {
        return fake;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        fake.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        fake.close();
    }
}
