package io.github.dlref.cli;

import io.github.dlref.train.Activation;
import io.github.dlref.train.InitScheme;
import io.github.dlref.train.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The model options ({@code --hidden}, {@code --activation}, {@code --dropout}, {@code --batch-norm},
 * {@code --init}): a picocli mixin shared by {@code train}, {@code compare} and {@code search}.
 */
final class ModelOptions {

    @Option(names = "--hidden", paramLabel = "W[,W...]", defaultValue = "64", order = 10,
            converter = HiddenConverter.class,
            description = "Hidden layer widths, comma-separated, or 'none' (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden = List.of(64);

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu", order = 11,
            preprocessor = DashedEnumNames.class,
            description = "relu, tanh, sigmoid, leaky-relu, gelu, gelu-tanh, elu, selu, silu, softplus or hardtanh "
                    + "(PyTorch's defaults; default: ${DEFAULT-VALUE}).")
    Activation activation = Activation.RELU;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0", order = 12,
            description = "Drop probability after each hidden activation, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--batch-norm", order = 13, description = "Batch normalization after each hidden linear layer.")
    boolean batchNorm;

    @Option(names = "--init", paramLabel = "NAME", defaultValue = "pytorch", order = 14,
            description = "pytorch (U(-1/sqrt(in), 1/sqrt(in))), xavier or kaiming (default: ${DEFAULT-VALUE}).")
    InitScheme init = InitScheme.PYTORCH;

    /** Creates the option group (picocli fills it). */
    ModelOptions() {
    }

    /**
     * The model configuration the options describe.
     *
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range (the message names the setting)
     */
    ModelConfig config() {
        return new ModelConfig(hidden, activation, dropout, batchNorm, init);
    }

    /** Converts {@code --hidden}: comma-separated widths, or {@code none} for a linear classifier. */
    static final class HiddenConverter implements CommandLine.ITypeConverter<List<Integer>> {

        /** Creates the converter (picocli instantiates it). */
        HiddenConverter() {
        }

        /**
         * The widths of a value.
         *
         * @param value comma-separated integers, or {@code none} for no hidden layer
         * @return the widths, in order
         * @throws CommandLine.TypeConversionException if the value is blank or a part is not an integer
         */
        @Override
        public List<Integer> convert(String value) {
            List<Integer> widths = new ArrayList<>();
            if (value.isBlank()) {
                throw new CommandLine.TypeConversionException("hidden widths must be comma-separated integers, or "
                        + "'none' for a linear classifier; got an empty value");
            }
            if (value.trim().equalsIgnoreCase("none")) {
                return widths;
            }
            for (String part : value.split(",")) {
                try {
                    widths.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw new CommandLine.TypeConversionException("hidden widths must be comma-separated integers "
                            + "(or 'none'), got '" + value + "'");
                }
            }
            return widths;
        }
    }
}
