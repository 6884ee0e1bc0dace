/**
 * Dense double-precision matrices ({@link io.github.dlref.math.Matrix}) and the seeded random number
 * generator ({@link io.github.dlref.math.Rng}).
 *
 * <p>Owns: every use of EJML in the project. Must not depend on any other dlref module; every module
 * above it speaks {@code Matrix} and never sees an EJML type.
 */
package io.github.dlref.math;
