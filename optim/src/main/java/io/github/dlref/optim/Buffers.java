package io.github.dlref.optim;

import java.util.Arrays;
import java.util.List;

/**
 * The buffers an optimizer keeps for one parameter: one flat row-major {@code double[]} per {@link Slot}, each
 * of the parameter's size, updated in place by the optimizer's step. Looked up by slot, never by position.
 *
 * <p>Only {@link BaseOptimizer} creates them and hands them to {@link BaseOptimizer#update}, the one place a
 * rule reads and writes them; outside that call the buffers are seen as immutable snapshots
 * ({@link ParameterState#buffers()}).
 *
 * <pre>{@code
 * double[] m = buffers.get(EXP_AVG);      // the storage itself: no copy
 * for (int k = 0; k < theta.length; k++) {
 *     m[k] = beta * m[k] + (1 - beta) * g[k];
 * }
 * }</pre>
 */
public final class Buffers {

    private final String owner;
    private final Slot[] slots;
    private final double[][] values;

    /**
     * Allocates the buffers at their initial values.
     *
     * @param owner the optimizer's name, for messages
     * @param slots the slots, in the order snapshots list them
     * @param initialValues the initial value of every element of each slot's buffer, in slot order
     * @param size the parameter's number of elements
     */
    Buffers(String owner, List<Slot> slots, double[] initialValues, int size) {
        this.owner = owner;
        this.slots = slots.toArray(new Slot[0]);
        this.values = new double[this.slots.length][];
        for (int b = 0; b < this.slots.length; b++) {
            double[] buffer = new double[size];
            if (initialValues[b] != 0.0) {
                Arrays.fill(buffer, initialValues[b]);
            }
            values[b] = buffer;
        }
    }

    /**
     * The buffer of a slot: its storage, not a copy, to be read and updated in place during the
     * {@link BaseOptimizer#update} call that received these buffers. Row-major, of the parameter's number of
     * elements; element {@code k} belongs to {@code theta[k]}. Do not keep the array after the call returns:
     * {@link Optimizer#loadState(OptimizerState)} overwrites it and snapshots copy it.
     *
     * @param slot one of the slots the optimizer declared (compared by equality of names)
     * @return the buffer's storage
     * @throws IllegalStateException naming the buffers that exist if this optimizer has no such buffer (a
     *     programming error in the rule)
     */
    public double[] get(Slot slot) {
        for (int b = 0; b < slots.length; b++) {
            if (slots[b].equals(slot)) {
                return values[b];
            }
        }
        throw new IllegalStateException(owner + ": no buffer '" + slot.name() + "'; buffers are "
                + Arrays.toString(slots));
    }

    /**
     * Replaces a buffer's contents (snapshot restore).
     *
     * @param slot the slot
     * @param contents the new contents, of the buffer's length
     */
    void set(Slot slot, double[] contents) {
        double[] buffer = get(slot);
        System.arraycopy(contents, 0, buffer, 0, buffer.length);
    }
}
