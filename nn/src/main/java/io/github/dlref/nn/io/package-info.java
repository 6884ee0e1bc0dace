/**
 * Model files: {@link io.github.dlref.nn.io.ModelFile} saves and loads a model's parameters and buffers in a
 * documented binary format (magic, version, length, names, shapes, raw IEEE 754 bits, CRC-32) with an exact
 * round trip and an atomic write; {@link io.github.dlref.nn.io.ModelFileException} says what was wrong with a
 * file.
 *
 * <p>Depends on {@code io.github.dlref.nn} (for {@code Module}) and {@code io.github.dlref.math}; must not
 * depend on layers, losses, {@code optim}, {@code data} or {@code verify}.
 */
package io.github.dlref.nn.io;
