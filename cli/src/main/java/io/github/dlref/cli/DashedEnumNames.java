package io.github.dlref.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Stack;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Lets an enum option take the dashed spelling of a constant that the help lists ({@code fashion-mnist} for
 * {@code FASHION_MNIST}, {@code leaky-relu}, {@code inverse-time}): before picocli's case-insensitive enum
 * conversion ({@link CommandLine#setCaseInsensitiveEnumValuesAllowed(boolean)}) converts the value, every
 * part of a split value (such as {@code --schedules step,inverse-time}) that names a constant once its dashes are underscores is replaced by that constant's name.
 * A part that names no constant is left as the user wrote it, so the conversion error quotes it unchanged.
 *
 * <p>Used as {@code @Option(preprocessor = DashedEnumNames.class)} on the options whose enum has a constant with
 * an underscore; the others need only the case-insensitive conversion.
 */
final class DashedEnumNames implements CommandLine.IParameterPreprocessor {

    /** Creates the preprocessor (picocli instantiates it). */
    DashedEnumNames() {
    }

    /**
     * Rewrites the option's value, which is on top of the stack, and lets picocli process it as usual.
     *
     * @param args the remaining arguments, the option's value on top (picocli has split {@code --option=value})
     * @param commandSpec the command (not used)
     * @param argSpec the option; its type, or element type, is an enum
     * @param info picocli's details of the option (not used)
     * @return {@code false}: picocli goes on to convert the (rewritten) value
     */
    @Override
    public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
        Class<?> type = CommandErrors.elementType(argSpec);
        if (args.isEmpty() || type == null || !type.isEnum()) {
            return false;
        }
        String value = args.pop();
        if (argSpec.splitRegex().isEmpty()) {
            args.push(constantName(type, value));
            return false;
        }
        StringBuilder rewritten = new StringBuilder();
        Matcher separator = Pattern.compile(argSpec.splitRegex()).matcher(value);
        int start = 0;
        while (separator.find()) {
            rewritten.append(constantName(type, value.substring(start, separator.start()))).append(separator.group());
            start = separator.end();
        }
        args.push(rewritten.append(constantName(type, value.substring(start))).toString());
        return false;
    }

    private static String constantName(Class<?> type, String part) {
        String key = part.replace('-', '_');
        for (Object constant : type.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            if (!key.equals(part) && name.equals(key.toUpperCase(Locale.ROOT))) {
                return name;
            }
        }
        return part;
    }
}
