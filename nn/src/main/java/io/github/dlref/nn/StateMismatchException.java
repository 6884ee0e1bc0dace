package io.github.dlref.nn;

import java.util.List;

/**
 * Thrown by {@link Module#loadStateDict(java.util.Map)} when the given state does not fit the model: names
 * the model has but the state lacks, names the state has but the model lacks, entries whose shape
 * differs, and shared parameters or buffers (one object reachable under several names) given different
 * values under their names. All problems are collected before anything is assigned, so the model is left
 * unchanged.
 */
public final class StateMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Names of the model's parameters and buffers missing from the state (model order). */
    private final List<String> missing;
    /** Names in the state that the model does not have (state order). */
    private final List<String> unexpected;
    /** One line per entry whose shape differs: {@code name: model RxC, state RxC}. */
    private final List<String> shapeMismatches;
    /** Groups of names of one shared object that were given different values. */
    private final List<String> conflicts;

    /**
     * Creates the exception.
     *
     * @param missing names the model has but the state lacks
     * @param unexpected names the state has but the model lacks
     * @param shapeMismatches descriptions of entries whose shapes differ
     * @param conflicts descriptions of shared objects given different values under different names
     */
    public StateMismatchException(List<String> missing, List<String> unexpected, List<String> shapeMismatches,
            List<String> conflicts) {
        super(message(missing, unexpected, shapeMismatches, conflicts));
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.shapeMismatches = List.copyOf(shapeMismatches);
        this.conflicts = List.copyOf(conflicts);
    }

    private static String message(List<String> missing, List<String> unexpected, List<String> shapes,
            List<String> conflicts) {
        StringBuilder sb = new StringBuilder("state does not match the model:");
        if (!missing.isEmpty()) {
            sb.append(" missing ").append(missing).append(';');
        }
        if (!unexpected.isEmpty()) {
            sb.append(" unexpected ").append(unexpected).append(';');
        }
        if (!shapes.isEmpty()) {
            sb.append(" wrong shapes ").append(shapes).append(';');
        }
        if (!conflicts.isEmpty()) {
            sb.append(" conflicting values for shared entries ").append(conflicts).append(';');
        }
        sb.setLength(sb.length() - 1);
        return sb.append("; the model was not changed").toString();
    }

    /**
     * Names of the model's entries that the state lacks.
     *
     * @return an unmodifiable list, in model order
     */
    public List<String> missing() {
        return missing;
    }

    /**
     * Names in the state that the model does not have.
     *
     * @return an unmodifiable list, in the state's order
     */
    public List<String> unexpected() {
        return unexpected;
    }

    /**
     * The entries whose shapes differ, each as {@code "name: model RxC, state RxC"}.
     *
     * @return an unmodifiable list, in model order
     */
    public List<String> shapeMismatches() {
        return shapeMismatches;
    }

    /**
     * The shared objects that were given different values, each as {@code "[name1, name2]"}.
     *
     * @return an unmodifiable list
     */
    public List<String> conflicts() {
        return conflicts;
    }
}
