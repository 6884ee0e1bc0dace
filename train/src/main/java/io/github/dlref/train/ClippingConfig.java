package io.github.dlref.train;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.optim.GradientClipping;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Gradient clipping of a training run: applied to the model's gradients after {@code backward()} and before the
 * optimizer's step ({@link Trainer}), in one framework's form ({@code io.github.dlref.optim.GradientClipping}).
 * With {@code g_i} the gradient of parameter {@code i} and {@code ||g||} the norm of all of them together:
 * <ul>
 *   <li>{@link Form#PYTORCH_NORM}: PyTorch's {@code clip_grad_norm_(parameters, max_norm)}:
 *       {@code g_i <- g_i min(1, c / (||g|| + 1e-6))}, one global norm;</li>
 *   <li>{@link Form#KERAS_NORM}: Keras's {@code clipnorm}: each parameter on its own,
 *       {@code g_i <- g_i c / max(||g_i||, c)} (per tensor, not global: the directions of the parameters' gradients
 *       relative to each other change);</li>
 *   <li>{@link Form#KERAS_GLOBAL_NORM}: Keras's {@code global_clipnorm}: {@code g_i <- g_i c min(1 / ||g||, 1 / c)};</li>
 *   <li>{@link Form#OPTAX_GLOBAL_NORM}: Optax's {@code clip_by_global_norm}: unchanged if {@code ||g|| < c}, else
 *       {@code (g_i / ||g||) c};</li>
 *   <li>{@link Form#VALUE}: PyTorch's {@code clip_grad_value_}, Keras's {@code clipvalue}, Optax's {@code clip}:
 *       every element clamped to {@code [-c, c]}.</li>
 * </ul>
 * The three global-norm forms agree except near the threshold (PyTorch's {@code 1e-6}, Optax's strict
 * {@code <}); Keras's per-tensor form differs whenever more than one parameter has a gradient.
 *
 * @param form the framework's form
 * @param threshold {@code c}: the norm or value bound, finite; {@code >= 0} for {@link Form#PYTORCH_NORM} and
 *     {@link Form#VALUE}, {@code > 0} for the Keras and Optax norm forms (as each framework requires)
 */
public record ClippingConfig(Form form, double threshold) {

    /** The clipping forms; see {@link ClippingConfig}. */
    public enum Form {
        /** PyTorch's {@code clip_grad_norm_}: global 2-norm, {@code 1e-6} added to the norm. */
        PYTORCH_NORM,
        /** Keras's {@code clipnorm}: each parameter's gradient by its own norm. */
        KERAS_NORM,
        /** Keras's {@code global_clipnorm}: global 2-norm, no epsilon. */
        KERAS_GLOBAL_NORM,
        /** Optax's {@code clip_by_global_norm}: global 2-norm, untouched below the bound. */
        OPTAX_GLOBAL_NORM,
        /** Clipping each element to {@code [-c, c]} (PyTorch, Keras and Optax agree). */
        VALUE;

        /**
         * The form's identifier ({@code pytorch-norm}, ..., {@code value}).
         *
         * @return the identifier
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Validates.
     *
     * @param form the form
     * @param threshold the bound
     * @throws IllegalArgumentException naming the bound, its value and the valid range
     */
    public ClippingConfig {
        Objects.requireNonNull(form, "clipping: form must not be null");
        boolean zeroAllowed = form == Form.PYTORCH_NORM || form == Form.VALUE;
        String what = form == Form.VALUE ? "clip value" : "clip norm";
        if (!Double.isFinite(threshold) || threshold < 0 || (!zeroAllowed && threshold == 0)) {
            throw new IllegalArgumentException("clipping: " + what + " (" + form.id() + ") must be finite and "
                    + (zeroAllowed ? ">= 0" : "> 0") + ", got " + threshold);
        }
    }

    /**
     * Clips the gradients in place.
     *
     * @param parameters the parameters whose gradients are clipped (Modified: their gradients); those without a
     *     gradient are skipped
     */
    public void apply(List<Parameter> parameters) {
        switch (form) {
            case PYTORCH_NORM -> GradientClipping.pytorchClipGradNorm(parameters, threshold);
            case KERAS_NORM -> GradientClipping.kerasClipNorm(parameters, threshold);
            case KERAS_GLOBAL_NORM -> GradientClipping.kerasGlobalClipNorm(parameters, threshold);
            case OPTAX_GLOBAL_NORM -> GradientClipping.optaxClipByGlobalNorm(parameters, threshold);
            case VALUE -> GradientClipping.clipGradValue(parameters, threshold);
        }
    }

    /**
     * A short description, for example {@code clip-norm 1.0 (pytorch-norm)} or {@code clip-value 0.5}.
     *
     * @return the description
     */
    public String describe() {
        return form == Form.VALUE ? "clip-value " + threshold : "clip-norm " + threshold + " (" + form.id() + ")";
    }
}
