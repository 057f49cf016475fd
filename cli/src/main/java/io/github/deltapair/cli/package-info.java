/**
 * The {@code deltapair} command-line tool: {@code compare}, {@code delta}, {@code explain} and
 * {@code backends}. See {@link io.github.deltapair.cli.DeltapairCli} for the exit codes.
 */
package io.github.deltapair.cli;
