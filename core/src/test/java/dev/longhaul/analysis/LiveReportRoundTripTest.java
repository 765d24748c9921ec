package dev.longhaul.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.LongSession;
import dev.longhaul.testing.ScriptedBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A run's report read back from its own JSON: everything but the summary is the live report's; the summary is as
 * the file holds it, in the seed's rounding, and {@link Summaries#of(SessionReport)} gives the run's own again.
 */
class LiveReportRoundTripTest {

    @Test
    void aReportReadBackHoldsTheSeedsRoundedSummaryAndItsTurnsGiveTheLiveOneAgain() throws Exception {
        SessionReport live = LongSession.builder().backend(ScriptedBackend.healthy(), "scripted").turns(7)
                .delay(Duration.ZERO).run();
        SessionReport readBack = ReportCodec.fromJson(ReportCodec.toJson(live));

        assertNotEquals(live.summary(), live.summary().seedRounded(), "the scripted run's means have more digits");
        assertEquals(live.summary().seedRounded(), readBack.summary());
        assertEquals(live.summary(), Summaries.of(readBack));
        assertEquals(live.turnMetrics(), readBack.turnMetrics());
        assertEquals(live.degradationAlerts(), readBack.degradationAlerts());
        assertEquals(live.config(), readBack.config());
        assertEquals(ReportCodec.toJson(live), ReportCodec.toJson(readBack));
    }
}
