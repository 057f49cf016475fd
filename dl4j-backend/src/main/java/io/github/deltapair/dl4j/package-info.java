/**
 * The {@code dl4j} backend: every pair of the catalog computed in float64 by ND4J/DL4J, through
 * DL4J's activations and loss functions where their semantics meet the contract (DESIGN §2–3) and
 * ND4J ops where they do not. ND4J starts on first use, not at discovery.
 */
package io.github.deltapair.dl4j;
