package io.github.dlref.cli;

import io.github.dlref.data.io.CsvReader;
import io.github.dlref.data.io.CsvTable;
import io.github.dlref.data.io.DataFormatException;
import io.github.dlref.train.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * What {@code evaluate} and {@code predict} share: finding and loading the model of {@code --model} (a run
 * directory holding {@value TrainCommand#MODEL_FILE}, or a model file) and reading a CSV file of raw features.
 */
final class ModelInputs {

    private ModelInputs() {
    }

    /**
     * The model file that {@code --model} names: the value itself if it is a file, else
     * {@code <dir>/}{@value TrainCommand#MODEL_FILE}.
     *
     * @param cl the command line, for errors
     * @param model the {@code --model} value
     * @return the model file, which exists
     * @throws ParameterException if neither exists (exit status 2)
     */
    static Path modelFile(CommandLine cl, Path model) {
        if (Files.isDirectory(model)) {
            Path file = model.resolve(TrainCommand.MODEL_FILE);
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(cl, "--model " + model + ": no " + TrainCommand.MODEL_FILE
                        + " in this directory (dlref train writes one into its output directory)");
            }
            return file;
        }
        if (!Files.isRegularFile(model)) {
            throw new ParameterException(cl, "--model " + model + ": no such file or directory");
        }
        return model;
    }

    /**
     * Loads a model file.
     *
     * @param cl the command line, for errors
     * @param file the model file
     * @return the model
     * @throws ParameterException if the file is not a valid model file (exit status 2; the message names the file
     *     and the problem)
     * @throws IOException if it cannot be read (exit status 1)
     */
    static SavedModel load(CommandLine cl, Path file) throws IOException {
        try {
            return SavedModel.load(file);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            if (Files.isReadable(file)) {
                throw new ParameterException(cl, "--model: " + e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Reads a comma-separated file of numbers.
     *
     * @param cl the command line, for errors
     * @param file the file
     * @param header whether its first line is a header
     * @return the table
     * @throws ParameterException if the file does not exist (exit status 2)
     * @throws DataFormatException if a value is not a number or a row has another number of fields (naming the
     *     file, line and column; exit status 2)
     * @throws IOException if the file cannot be read (exit status 1)
     */
    static CsvTable readCsv(CommandLine cl, Path file, boolean header) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(cl, "--data " + file + ": no such file");
        }
        return CsvReader.read(file, header ? CsvReader.Options.commaWithHeader() : CsvReader.Options.comma());
    }

    /**
     * Checks that a table has the expected number of columns.
     *
     * @param table the table, with at least one row
     * @param expected the number of columns expected
     * @param what what the columns are, for the message (such as {@code 4 features and a label})
     * @throws DataFormatException naming the file and the first data line if the number differs (exit status 2)
     */
    static void checkColumns(CsvTable table, int expected, String what) throws DataFormatException {
        if (table.cols() != expected) {
            throw new DataFormatException(table.source(), table.line(0), DataFormatException.NO_POSITION,
                    "expected " + expected + " columns (" + what + "), got " + table.cols());
        }
    }
}
