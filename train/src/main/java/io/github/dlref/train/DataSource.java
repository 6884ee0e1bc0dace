package io.github.dlref.train;

/** Where a run's data comes from. */
public enum DataSource {
    /** Fisher's Iris data, embedded in the {@code data} module (150 samples, 4 features, 3 classes). */
    IRIS,
    /**
     * CS231n's spiral (the {@code data} module's {@code Spiral}): {@value DataConfig#SPIRAL_POINTS_PER_CLASS}
     * points per class, {@value DataConfig#SPIRAL_CLASSES} classes, noise 0.2, generated from {@link Seeds#data()}.
     */
    SPIRAL,
    /** Fashion-MNIST from a directory of IDX files (Debian's {@code dataset-fashion-mnist} by default). */
    FASHION_MNIST,
    /** A CSV file of numbers with one column of integer class labels. */
    CSV
}
