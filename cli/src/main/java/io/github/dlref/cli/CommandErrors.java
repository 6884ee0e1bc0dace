package io.github.dlref.cli;

import io.github.dlref.data.io.DataFormatException;
import io.github.dlref.train.OptimizerStepException;
import io.github.dlref.train.TrainingDivergedException;
import io.github.dlref.verify.oracle.OracleException;
import io.github.dlref.verify.oracle.spec.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one error path of every command: maps an exception to an exit status and prints one line on standard
 * error, {@code dlref <command>: <message>}, never a stack trace. {@link Dlref#commandLine} installs it as the
 * parameter-exception handler (errors found while parsing the arguments, and {@link ParameterException}s a
 * command throws) and as the execution-exception handler (anything else a command throws).
 *
 * <p>Exit status:
 * <ul>
 *   <li>2 ({@link CommandLine.ExitCode#USAGE}): a usage error ({@link ParameterException}: an unknown option or
 *       value, a value out of range), or malformed input: a spec or trajectory file ({@link SpecException},
 *       naming the JSON path), a data file ({@link DataFormatException}, naming the file and the line and column
 *       or offset), a value a library constructor rejects ({@link IllegalArgumentException}, naming the
 *       parameter);</li>
 *   <li>1 ({@link CommandLine.ExitCode#SOFTWARE}): the computation failed ({@link TrainingDivergedException}, an
 *       {@link OptimizerStepException} or {@link OracleException} such as a division by zero in a step), a file cannot be read or written
 *       ({@link IOException}, {@link UncheckedIOException}), or anything unforeseen (printed as
 *       {@code internal error: <exception class>: <message>}).</li>
 * </ul>
 * A {@link FileException} adds the name of the file it concerns to its cause's message and has the cause's exit
 * status. A command that finds a check failing (an example, a comparison) returns 1 itself after printing its
 * report; that is a result, not an error.
 *
 * <p>An invalid value of an enum option, which picocli's case-insensitive enum conversion rejects, is reworded
 * with the lower-case names the help lists: {@code Invalid value for option '--optimizer': unknown optimizer
 * 'adamx'; expected one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw}.
 */
final class CommandErrors implements CommandLine.IParameterExceptionHandler,
        CommandLine.IExecutionExceptionHandler {

    /** Creates the handler ({@link Dlref#commandLine} installs one). */
    CommandErrors() {
    }

    /**
     * Prints one line for a usage error.
     *
     * @param ex the error; its command line names the command
     * @param args the arguments (not used)
     * @return 2
     */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        return report(ex.getCommandLine(), ex);
    }

    /**
     * Prints one line for an exception a command threw.
     *
     * @param ex the exception
     * @param commandLine the command that threw it
     * @param parseResult the parsed arguments (not used)
     * @return the exit status of {@link #exitStatus(Throwable)}
     */
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        return report(commandLine, ex);
    }

    /**
     * Runs the parsed command (picocli's {@code RunLast}) and reports a {@link VirtualMachineError} it raises
     * (out of memory, stack overflow), which picocli would let through as a stack trace, as one line with exit
     * status 1: {@code dlref <command>: internal error: out of memory (...)}. Sizes from the input are checked
     * against documented limits before anything is allocated, so this is a last resort (a heap smaller than the
     * limits assume).
     *
     * @param parseResult the parsed arguments
     * @return the command's exit status, or 1
     */
    static int executeOrReport(ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (OutOfMemoryError | StackOverflowError e) {
            List<CommandLine> parsed = parseResult.asCommandLineList();
            CommandLine last = parsed.get(parsed.size() - 1);
            PrintWriter err = last.getErr();
            err.println(last.getCommandSpec().qualifiedName() + ": internal error: " + (e instanceof OutOfMemoryError
                    ? "out of memory (" + oneLine(e.getMessage()) + "); give the JVM more heap (java -Xmx...) or a"
                    + " smaller input" : "stack overflow (the input nests too deeply)"));
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    private static int report(CommandLine commandLine, Throwable ex) {
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + message(ex));
        err.flush();
        return exitStatus(ex);
    }

    /**
     * The exit status of an exception (see the class documentation).
     *
     * @param ex the exception
     * @return 2 for a usage error or malformed input, 1 otherwise
     */
    static int exitStatus(Throwable ex) {
        if (ex instanceof FileException f) {
            return exitStatus(f.getCause());
        }
        if (ex instanceof ParameterException || ex instanceof SpecException || ex instanceof DataFormatException
                || ex instanceof IllegalArgumentException) {
            return CommandLine.ExitCode.USAGE;
        }
        return CommandLine.ExitCode.SOFTWARE;
    }

    /**
     * The one-line message of an exception, without the command name (see the class documentation).
     *
     * @param ex the exception
     * @return the message
     */
    static String message(Throwable ex) {
        if (ex instanceof ParameterException p) {
            return usageMessage(p);
        }
        if (ex instanceof FileException || ex instanceof SpecException || ex instanceof DataFormatException
                || ex instanceof IllegalArgumentException || ex instanceof TrainingDivergedException
                || ex instanceof OptimizerStepException || ex instanceof OracleException || ex instanceof UncheckedIOException) {
            return oneLine(ex.getMessage());
        }
        if (ex instanceof IOException io) {
            return ioMessage(io);
        }
        return "internal error: " + ex.getClass().getName() + (ex.getMessage() == null ? "" : ": "
                + oneLine(ex.getMessage()));
    }

    private static String usageMessage(ParameterException ex) {
        String message = oneLine(ex.getMessage());
        ArgSpec arg = ex.getArgSpec();
        Class<?> type = arg == null ? null : elementType(arg);
        if (ex.getCause() instanceof TypeConversionException && type != null && type.isEnum()
                && arg instanceof OptionSpec option) {
            String name = option.longestName();
            if (type == io.github.dlref.train.OptimizerKind.class && ex.getValue() != null
                    && ex.getValue().toLowerCase(Locale.ROOT).replace("-", "").matches("(.*,)?lbfgs(,.*)?")) {
                return "Invalid value for option '" + name + "': " + io.github.dlref.train.OptimizerConfig.LBFGS_REFUSAL;
            }
            String noun = name.replaceFirst("^-+", "");
            if (option.isMultiValue() && noun.endsWith("s")) {
                noun = noun.substring(0, noun.length() - 1);
            }
            return "Invalid value for option '" + name + "': unknown " + noun + " '" + ex.getValue()
                    + "'; expected one of " + names(type);
        }
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            return message + "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        }
        return message;
    }

    /**
     * The type of an argument's values: its type, or for a list or array option its element type.
     *
     * @param arg the argument
     * @return the type of one value, or {@code null} if picocli does not know it
     */
    static Class<?> elementType(ArgSpec arg) {
        if (arg.isMultiValue()) {
            Class<?>[] aux = arg.auxiliaryTypes();
            return aux.length == 0 ? null : aux[aux.length - 1];
        }
        return arg.type();
    }

    private static String ioMessage(IOException ex) {
        if (ex instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file";
        }
        if (ex instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        return ex.getMessage() == null ? ex.getClass().getName() : oneLine(ex.getMessage());
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * The name of an enum constant as the help lists it: lower case, underscores as dashes
     * ({@code FASHION_MNIST} is {@code fashion-mnist}).
     *
     * @param constant the constant
     * @return its name on the command line
     */
    static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The names of an enum type's constants as the help lists them, in declaration order.
     *
     * @param type the enum type
     * @return the names, separated by {@code ", "}
     */
    static String names(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> name((Enum<?>) c)).collect(Collectors.joining(", "));
    }

    /**
     * Checks an integer option against its lower bound.
     *
     * @param cl the command line, for the error
     * @param option the option's name, such as {@code --epochs}
     * @param value its value
     * @param min the smallest valid value
     * @return {@code value}
     * @throws ParameterException {@code <option> must be >= <min>, got <value>} if {@code value < min}
     */
    static int atLeast(CommandLine cl, String option, int value, int min) {
        if (value < min) {
            throw new ParameterException(cl, option + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /**
     * An unchecked exception for a failed write, worded {@code cannot write <what>: <reason>}.
     *
     * @param what what could not be written, such as {@code the output}
     * @param cause the failure, an {@link IOException} or {@link UncheckedIOException}
     * @return the exception to throw (exit status 1)
     */
    static UncheckedIOException cannotWrite(Object what, Exception cause) {
        IOException io = cause instanceof UncheckedIOException u ? u.getCause()
                : cause instanceof IOException i ? i : new IOException(cause);
        String reason = ioMessage(io);
        if (io instanceof FileSystemException f && f.getReason() != null && !(io instanceof NoSuchFileException)
                && !(io instanceof AccessDeniedException)) {
            reason = (f.getFile() == null || f.getFile().equals(String.valueOf(what)) ? "" : f.getFile() + ": ")
                    + oneLine(f.getReason());
        }
        return new UncheckedIOException("cannot write " + what + ": " + reason, io);
    }

    /** An exception concerning one input file: its message is the file's name, then the cause's message. */
    static final class FileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Wraps an exception with the file it concerns.
         *
         * @param file the file
         * @param cause the exception; its class decides the exit status
         */
        FileException(Path file, RuntimeException cause) {
            super(file + ": " + cause.getMessage(), cause);
        }
    }
}
