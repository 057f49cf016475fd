/**
 * The engine behind {@code deltapair compare}: generates cases over the whole catalog, runs every
 * backend on them, checks each against the reference oracle and against the others, and renders
 * the table, the progress bar and the HTML report.
 */
package io.github.deltapair.cli.compare;
