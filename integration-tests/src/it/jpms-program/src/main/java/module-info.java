/** A user's program on the module path: it needs deltapair's api module and nothing else. */
module com.example.jpms {
  requires io.github.deltapair;
}
