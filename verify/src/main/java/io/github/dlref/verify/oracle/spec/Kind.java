package io.github.dlref.verify.oracle.spec;

import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * The type and range of one setting of a component (package-private: the schema of the spec format).
 * Values are held as {@link Double}, {@link Long}, {@link Boolean}, {@link String}, {@code double[]}, {@code List<Double>},
 * {@code List<Long>}, {@link Matrix}, {@link Component} or {@code List<String>}.
 */
sealed interface Kind {

    /** A short description of the expected value, used in error messages and the JSON Schema. */
    String expected();

    /**
     * A number in a range. Non-finite values are refused unless {@code allowInfinity} (then only
     * {@code +Infinity}, written as the string {@code "Infinity"}).
     */
    record Num(double min, boolean minInclusive, double max, boolean maxInclusive, boolean allowInfinity)
            implements Kind {

        static Num atLeast(double min) {
            return new Num(min, true, Double.POSITIVE_INFINITY, false, false);
        }

        static Num above(double min) {
            return new Num(min, false, Double.POSITIVE_INFINITY, false, false);
        }

        static Num unitOpen() {
            return new Num(0.0, true, 1.0, false, false);
        }

        static Num unitClosed() {
            return new Num(0.0, true, 1.0, true, false);
        }

        static Num any() {
            return new Num(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false, false);
        }

        boolean accepts(double v) {
            if (Double.isNaN(v)) {
                return false;
            }
            if (Double.isInfinite(v)) {
                return allowInfinity && v > 0 && max == Double.POSITIVE_INFINITY;
            }
            boolean lo = minInclusive ? v >= min : v > min;
            boolean hi = max == Double.POSITIVE_INFINITY || (maxInclusive ? v <= max : v < max);
            return lo && hi;
        }

        String range() {
            if (min == Double.NEGATIVE_INFINITY && max == Double.POSITIVE_INFINITY) {
                return "";
            }
            if (max == Double.POSITIVE_INFINITY) {
                return (minInclusive ? " >= " : " > ") + Format.number(min)
                        + (allowInfinity ? " (or \"Infinity\")" : "");
            }
            return " in " + (minInclusive ? "[" : "(") + Format.number(min) + ", " + Format.number(max)
                    + (maxInclusive ? "]" : ")");
        }

        @Override
        public String expected() {
            return (allowInfinity ? "a number" : "a finite number") + range();
        }
    }

    /** An integer (a JSON number without fraction or exponent) in {@code [min, max]}. */
    record Int(long min, long max) implements Kind {

        static Int atLeast(long min) {
            return new Int(min, Long.MAX_VALUE);
        }

        static Int any() {
            return new Int(Long.MIN_VALUE, Long.MAX_VALUE);
        }

        /** A count: an integer in {@code [1, Integer.MAX_VALUE]}. */
        static Int count() {
            return new Int(1, Integer.MAX_VALUE);
        }

        @Override
        public String expected() {
            if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
                return "an integer";
            }
            if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
                return "an integer >= " + min;
            }
            return "an integer in [" + min + ", " + max + "]";
        }
    }

    /** {@code true} or {@code false}. */
    record Bool() implements Kind {
        @Override
        public String expected() {
            return "true or false";
        }
    }

    /** One of the given strings. */
    record Choice(List<String> values) implements Kind {
        @Override
        public String expected() {
            return "one of " + Format.quoted(values);
        }
    }

    /** An array of exactly {@code length} numbers, each of kind {@code element}. */
    record NumArray(int length, Num element) implements Kind {
        @Override
        public String expected() {
            return "an array of " + length + " numbers, each " + element.expected().replaceFirst("^a ", "");
        }
    }

    /** A non-empty array of numbers of any length, each of kind {@code element} (class weights). */
    record NumList(Num element) implements Kind {
        @Override
        public String expected() {
            return "a non-empty array of numbers, each " + element.expected().replaceFirst("^a ", "");
        }
    }

    /** A non-empty, strictly increasing array of integers, each {@code >= min}. */
    record IntList(long min) implements Kind {
        @Override
        public String expected() {
            return "a non-empty, strictly increasing array of integers >= " + min;
        }
    }

    /** A matrix: a non-empty array of non-empty rows of equal length, each a finite number. */
    record Mat() implements Kind {
        @Override
        public String expected() {
            return "a matrix (a non-empty array of equal-length, non-empty arrays of finite numbers)";
        }
    }

    /** A nested component of the given family (an object with a {@code "type"}). */
    record Nested(String family) implements Kind {
        @Override
        public String expected() {
            return "an object with a \"type\" (" + family + ")";
        }
    }

    /** A parameter selector: {@code "weights"}, {@code "all"}, or an array of qualified parameter names. */
    record Selector() implements Kind {
        @Override
        public String expected() {
            return "\"weights\", \"all\", or an array of parameter names such as [\"0.weight\"]";
        }
    }

    /**
     * An optimizer's parameter groups (PyTorch's {@code param_groups}): a non-empty array of objects, each with
     * {@code "params"} ({@code "weights"}, {@code "biases"} or a non-empty array of parameter names) and any of the
     * enclosing optimizer type's settings but {@code preset}. Held as a {@code List<Map<String, Object>>}; the
     * settings are checked against the optimizer type by {@link Values#checkComponent}.
     */
    record Groups() implements Kind {
        @Override
        public String expected() {
            return "a non-empty array of objects, each with \"params\" (\"weights\", \"biases\" or an array of "
                    + "parameter names) and overrides of this optimizer's settings";
        }
    }
}
