/**
 * Feature preprocessing: min-max scaling and standardization (dl-basics, "data preprocessing", after
 * [Book NNDL]), fitted on training data only and applied, with exact-up-to-rounding inverses, to any split.
 *
 * <p>Owns: {@link io.github.dlref.data.preprocess.FeatureScaler},
 * {@link io.github.dlref.data.preprocess.MinMaxScaler}, {@link io.github.dlref.data.preprocess.StandardScaler}.
 * Constant columns never cause a division by zero; each scaler documents what it does with them (the
 * scikit-learn behaviour: a scale of 1).
 *
 * <p>Depends on {@code io.github.dlref.math} and {@code io.github.dlref.data} only; must not depend on
 * {@code .io}, {@code .synthetic} or any other dlref module.
 */
package io.github.dlref.data.preprocess;
