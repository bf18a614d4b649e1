package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.odsharvester.udata.UdataDataset.TemporalCoverage;

class TemporalCoveragesTest {

    @Test
    void aStartAndAnEndAreDates() {
        assertThat(TemporalCoverages.of("2013-01-01", "2026-05-31"))
                .isEqualTo(new TemporalCoverage("2013-01-01", "2026-05-31"));
    }

    @Test
    void aStartAloneIsAnOpenPeriod() {
        assertThat(TemporalCoverages.of("2013-01-01", null)).isEqualTo(new TemporalCoverage("2013-01-01", null));
        assertThat(TemporalCoverages.of("2013-01-01", "  ")).isEqualTo(new TemporalCoverage("2013-01-01", null));
    }

    @Test
    void aDateTimeKeepsItsDateAsWrittenLikeDateutil() {
        assertThat(TemporalCoverages.of("2016-01-24T00:00:00+00:00", "2018-12-31T23:30:00-05:00"))
                .isEqualTo(new TemporalCoverage("2016-01-24", "2018-12-31"));
        assertThat(TemporalCoverages.of("2016-01-24T10:00:00Z", "2018-12-31 08:00:00"))
                .isEqualTo(new TemporalCoverage("2016-01-24", "2018-12-31"));
        assertThat(TemporalCoverages.of("2016-01-24T10:00:00.123456+01:00", null))
                .isEqualTo(new TemporalCoverage("2016-01-24", null));
    }

    @Test
    void aStartAfterTheEndIsSwappedAsUdataDoes() {
        assertThat(TemporalCoverages.of("2026-05-31", "2013-01-01"))
                .isEqualTo(new TemporalCoverage("2013-01-01", "2026-05-31"));
    }

    @Test
    void noStartOrADateThatIsNotOneIsNoCoverage() {
        assertThat(TemporalCoverages.of(null, null)).isNull();
        assertThat(TemporalCoverages.of(null, "2026-05-31")).as("udata needs a start").isNull();
        assertThat(TemporalCoverages.of("", "2026-05-31")).isNull();
        assertThat(TemporalCoverages.of("2013", null)).as("udata would add today's month and day").isNull();
        assertThat(TemporalCoverages.of("janvier 2013", null)).isNull();
        assertThat(TemporalCoverages.of("2013-02-30", null)).isNull();
        assertThat(TemporalCoverages.of("2013-01-01", "depuis toujours")).as("not half of it").isNull();
        assertThat(TemporalCoverages.of("2013-01-01Tnoon", null)).isNull();
    }
}
