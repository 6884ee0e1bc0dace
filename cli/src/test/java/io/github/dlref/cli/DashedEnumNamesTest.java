package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.train.DataSource;
import io.github.dlref.train.ScheduleKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@link DashedEnumNames}: a dashed spelling ({@code fashion-mnist}) reaches picocli's case-insensitive enum
 * conversion as the constant's name, in single and in split values, in every case and with {@code --option=value};
 * an unknown value is left as written, and an option name that follows an option without its value is not taken
 * for a value.
 */
class DashedEnumNamesTest {

    @Command(name = "dashed")
    static final class Dashed {

        @Option(names = "--dataset", preprocessor = DashedEnumNames.class)
        DataSource dataset;

        @Option(names = "--schedules", split = ",", preprocessor = DashedEnumNames.class)
        List<ScheduleKind> schedules = new ArrayList<>();

        @Option(names = "--out")
        String out;
    }

    private static Dashed parse(String... args) {
        Dashed d = new Dashed();
        CommandLine cl = new CommandLine(d);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.parseArgs(args);
        return d;
    }

    @Test
    void dashedNamesInAnyCase() {
        assertEquals(DataSource.FASHION_MNIST, parse("--dataset", "fashion-mnist").dataset);
        assertEquals(DataSource.FASHION_MNIST, parse("--dataset", "Fashion-MNIST").dataset);
        assertEquals(DataSource.FASHION_MNIST, parse("--dataset=fashion-mnist").dataset);
        assertEquals(DataSource.FASHION_MNIST, parse("--dataset", "fashion_mnist").dataset);
        assertEquals(DataSource.IRIS, parse("--dataset", "IRIS").dataset);
    }

    @Test
    void everyPartOfASplitValue() {
        assertEquals(List.of(ScheduleKind.STEP, ScheduleKind.INVERSE_TIME, ScheduleKind.COSINE),
                parse("--schedules", "step,Inverse-Time,COSINE").schedules);
        assertEquals(List.of(ScheduleKind.INVERSE_TIME, ScheduleKind.CONSTANT),
                parse("--schedules=inverse-time,constant").schedules);
    }

    @Test
    void anUnknownValueIsReportedAsWritten() {
        ParameterException single = assertThrows(ParameterException.class, () -> parse("--dataset", "fashion-mnst"));
        assertEquals("fashion-mnst", single.getValue());
        ParameterException split = assertThrows(ParameterException.class,
                () -> parse("--schedules", "inverse-time,every-epoch"));
        assertEquals("every-epoch", split.getValue());
    }

    /** The same options without the preprocessor. */
    @Command(name = "dashed")
    static final class Plain {

        @Option(names = "--dataset")
        DataSource dataset;

        @Option(names = "--out")
        String out;
    }

    @Test
    void aFollowingOptionIsNotTakenForTheValue() {
        ParameterException dashed = assertThrows(ParameterException.class, () -> parse("--dataset", "--out", "x"));
        CommandLine plain = new CommandLine(new Plain());
        plain.setCaseInsensitiveEnumValuesAllowed(true);
        ParameterException expected = assertThrows(ParameterException.class,
                () -> plain.parseArgs("--dataset", "--out", "x"));
        assertEquals(expected.getClass(), dashed.getClass());
        assertEquals(expected.getMessage(), dashed.getMessage());
        assertTrue(dashed.getMessage().contains("--dataset"), dashed.getMessage());
    }
}
