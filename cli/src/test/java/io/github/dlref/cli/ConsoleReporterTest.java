package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.train.EpochMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The run's estimated time left (closed-form arithmetic) and the table's accuracy unit. */
class ConsoleReporterTest {

    @Test
    void remainingTimeExtrapolatesTheRateSoFar() {
        // half done in 1 s: 1 s left
        assertEquals(1000, ConsoleReporter.remainingMillis(5, 10, 1000));
        // a quarter done in 0.3 s: 3 quarters at 0.3 s each
        assertEquals(900, ConsoleReporter.remainingMillis(1, 4, 300));
        // 3 of 7 in 1 s: 4000 / 3 ms, rounded
        assertEquals(1333, ConsoleReporter.remainingMillis(3, 7, 1000));
        // the whole run, not the epoch: 1 batch of 10 epochs x 20 batches done in 50 ms leaves 199 x 50 ms
        assertEquals(9950, ConsoleReporter.remainingMillis(1, 200, 50));
        assertEquals(0, ConsoleReporter.remainingMillis(10, 10, 1234));
        assertEquals(-1, ConsoleReporter.remainingMillis(0, 10, 500), "no rate before the first batch");
        assertEquals(0, ConsoleReporter.remainingMillis(0, 0, 0), "nothing to do");
    }

    @Test
    void remainingTimeRejectsImpossibleCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsoleReporter.remainingMillis(11, 10, 5));
        assertTrue(e.getMessage().contains("done 11") && e.getMessage().contains("total 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConsoleReporter.remainingMillis(-1, 10, 5));
        e = assertThrows(IllegalArgumentException.class, () -> ConsoleReporter.remainingMillis(1, 10, -5));
        assertTrue(e.getMessage().contains("elapsedMillis") && e.getMessage().contains("-5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ConsoleReporter(new PrintWriter(new StringWriter()), null, 0));
    }

    @Test
    void clockShowsMinutesAndSecondsAndHoursOnlyWhenNeeded() {
        assertEquals("0:00", ConsoleReporter.clock(0));
        assertEquals("0:07", ConsoleReporter.clock(7400));
        assertEquals("0:08", ConsoleReporter.clock(7500));
        assertEquals("12:30", ConsoleReporter.clock(750_000));
        assertEquals("1:02:03", ConsoleReporter.clock(3_723_000));
        assertEquals("?", ConsoleReporter.clock(-1));
    }

    @Test
    void theTotalCoversEveryPlannedEpochOfEveryRun() {
        ConsoleReporter r = new ConsoleReporter(new PrintWriter(new StringWriter()), null, false, 6);
        // a comparison of two variants of 3 epochs: 4 batches per epoch
        r.epochStarted(1, 4);
        assertEquals(24, r.batchesTotal());
        for (int b = 1; b <= 4; b++) {
            r.batchFinished(1, b, 1.0);
        }
        assertEquals(4, r.batchesDone());
        r.epochFinished(new EpochMetrics(1, 1, 0.5, Double.NaN, Double.NaN, 0.1, 1));
        r.epochStarted(2, 4);
        r.batchFinished(2, 1, 1.0);
        assertEquals(5, r.batchesDone());
        assertEquals(24, r.batchesTotal());
        // a search trial with a different batch count re-estimates the rest from its epoch
        for (int b = 2; b <= 4; b++) {
            r.batchFinished(2, b, 1.0);
        }
        r.epochStarted(1, 10);
        assertEquals(8 + 10 * 4, r.batchesTotal());
    }

    @Test
    void theProgressBarShowsTheRunsTimeLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream progress = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ConsoleReporter r = new ConsoleReporter(new PrintWriter(new StringWriter()), progress, false, 2);
        r.epochStarted(1, 3);
        for (int b = 1; b <= 3; b++) {
            r.batchFinished(1, b, 0.25);
        }
        r.epochFinished(new EpochMetrics(1, 0.25, 0.5, Double.NaN, Double.NaN, 0.1, 1));
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("epoch 1"), shown);
        assertTrue(shown.matches("(?s).*run \\d+:\\d\\d left.*"), shown);
    }

    @Test
    void accuraciesAreFractionsAsInTheFiles() {
        String row = ConsoleReporter.row(new EpochMetrics(3, 0.5, 0.875, 0.25, 29.0 / 30, 0.001, 1.5));
        String[] f = row.trim().split("\\s+");
        assertEquals("0.8750", f[2]);
        assertEquals("0.9667", f[4]);
        assertFalse(row.contains("%"), row);
        assertEquals("-", ConsoleReporter.accuracy(Double.NaN));
        assertEquals("1.0000", ConsoleReporter.accuracy(1));
        assertEquals(ConsoleReporter.HEADER.length(), row.length(), "the row lines up with the header");
    }
}
