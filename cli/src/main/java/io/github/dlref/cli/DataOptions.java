package io.github.dlref.cli;

import io.github.dlref.train.DataConfig;
import io.github.dlref.train.DataSource;
import picocli.CommandLine.Option;

/**
 * The data options ({@code --dataset}, {@code --data}, {@code --label-column}, {@code --header}, {@code --limit},
 * {@code --validation-fraction}, {@code --test-fraction}): a picocli mixin shared by {@code train},
 * {@code compare} and {@code search}.
 */
final class DataOptions {

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "iris", order = 1,
            preprocessor = DashedEnumNames.class,
            description = "iris (embedded), spiral (CS231n, generated), fashion-mnist, or csv "
                    + "(default: ${DEFAULT-VALUE}).")
    DataSource dataset = DataSource.IRIS;

    @Option(names = "--data", paramLabel = "PATH", order = 2,
            description = "fashion-mnist: the directory of its IDX files (default: "
                    + "/usr/share/datasets/fashion-mnist); csv: the file.")
    String path;

    @Option(names = "--label-column", paramLabel = "N", order = 3,
            description = "csv: the 0-based column of the class labels (default: the last).")
    Integer labelColumn;

    @Option(names = "--header", order = 4, description = "csv: the first line is a header.")
    boolean header;

    @Option(names = "--limit", paramLabel = "N", order = 5,
            description = "fashion-mnist and csv: read at most N samples per file, N >= 1 (default: all).")
    Integer limit;

    @Option(names = "--validation-fraction", paramLabel = "F", order = 6,
            description = "Fraction held out for validation (default: 0.2; fashion-mnist 0.1 of its training "
                    + "part).")
    Double validationFraction;

    @Option(names = "--test-fraction", paramLabel = "F", order = 7,
            description = "Fraction held out for testing (default: 0.2; fashion-mnist has its own test part).")
    Double testFraction;

    /** Creates the option group (picocli fills it). */
    DataOptions() {
    }

    /**
     * The data configuration the options describe.
     *
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range (the message names the setting)
     */
    DataConfig config() {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be >= 1 (omit it to read every sample), got " + limit);
        }
        return new DataConfig(dataset, path, labelColumn, header, limit == null ? 0 : limit, validationFraction,
                testFraction);
    }
}
