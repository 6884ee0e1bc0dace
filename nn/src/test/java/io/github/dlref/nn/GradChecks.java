package io.github.dlref.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.check.GradCheck;
import io.github.dlref.autograd.check.GradCheckReport;
import io.github.dlref.autograd.check.GradCheckSettings;
import java.util.List;
import java.util.function.Supplier;

/** Gradient-check assertions with the project's default settings (PyTorch's: h 1e-6, atol 1e-5, rtol 1e-3). */
public final class GradChecks {

    private GradChecks() {
    }

    /**
     * Asserts that a function of inputs passes the full gradient check and that something was compared.
     *
     * @param f the function
     * @param inputs the inputs (those requiring a gradient are checked)
     * @return the report
     */
    public static GradCheckReport assertInputs(GradCheck.TensorFunction f, Tensor... inputs) {
        GradCheckReport report = GradCheck.check(GradCheckSettings.DEFAULTS, f, inputs);
        assertFalse(report.inputs().isEmpty(), "nothing was gradient-checked");
        assertTrue(report.passed(), report::toString);
        return report;
    }

    /**
     * Asserts that a computation passes the full gradient check with respect to parameters.
     *
     * @param f recomputes the output from the parameters
     * @param parameters the parameters
     * @return the report
     */
    public static GradCheckReport assertParameters(Supplier<Tensor> f, List<Parameter> parameters) {
        GradCheckReport report = GradCheck.checkParameters(GradCheckSettings.DEFAULTS, f, parameters);
        assertFalse(report.inputs().isEmpty(), "nothing was gradient-checked");
        assertTrue(report.passed(), report::toString);
        return report;
    }
}
