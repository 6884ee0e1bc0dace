/**
 * The hand-written baseline of the large benchmark workload: the 784-256-10 MLP's forward pass, backward pass
 * and Adam step written directly against EJML, with every buffer allocated once, no graph and no
 * {@code Matrix}. Comparing the matrix engine with it measures what the engine's generality (graph recording,
 * immutable values, one op object per operation) costs.
 *
 * <p>This package is the one deliberate use of EJML outside {@code io.github.dlref.math}: a baseline that
 * went through {@code Matrix} would measure dlref against itself. The architecture rules in verify make a
 * narrow, commented exception for exactly this package; everything else in bench speaks {@code Matrix}.
 * Depends on EJML, math, nn (only to draw the same initial parameters as the engine's layers) and data; never
 * prints.
 */
package io.github.dlref.bench.baseline;
