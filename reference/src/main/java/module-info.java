/**
 * deltapair's independent float64 reference oracle, seeded input generators, the pairs compared
 * by default and the catalog of bad inputs, shared by the conformance kit and the command-line
 * tool. No test framework.
 */
module io.github.deltapair.reference {
  requires transitive io.github.deltapair;

  exports io.github.deltapair.reference;
}
