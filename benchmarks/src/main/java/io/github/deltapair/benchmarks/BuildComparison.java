package io.github.deltapair.benchmarks;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import io.github.deltapair.nativebackend.NativeBackend;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Two builds of the API and the native backend measured against each other in one JVM: each build
 * is loaded by a class loader of its own, and {@link PairedRatios#compare} alternates a batch of
 * calls of one with a batch of the other, so that both see the same state of the machine and the
 * same JVM. Two JVMs running the same code here differed by up to 50 % (docs/benchmarks.md); a
 * change of a few percent shows only within one.
 *
 * <pre>
 * git worktree add /tmp/before HEAD~1 &amp;&amp; (cd /tmp/before &amp;&amp; mvn -B -q -DskipTests package -pl api,native-backend)
 * java -Ddeltapair.native.vector=false -cp benchmarks/target/benchmarks.jar \
 *     io.github.deltapair.benchmarks.BuildComparison \
 *     /tmp/before/api/target/deltapair-api-0.1.0-SNAPSHOT.jar:/tmp/before/native-backend/target/deltapair-native-0.1.0-SNAPSHOT.jar \
 *     api/target/deltapair-api-0.1.0-SNAPSHOT.jar:native-backend/target/deltapair-native-0.1.0-SNAPSHOT.jar \
 *     40 softmax+cross-entropy@4096x1000@float64
 * </pre>
 *
 * Arguments: the first build's class path, the second's (jar files or class folders, joined by
 * the path separator), the number of rounds, then cases {@code pair@shape@dtype} (default: the
 * three pairs of issue 12 at 256x100 and 4096x1000 in both dtypes). Each case is {@link
 * OutputDeltaBenchmark#lossAndDelta}'s call, the buffer overload under SUM on {@link Workload}'s
 * data; {@code pair@shape@dtype@labels} takes the class indices of its one-hot rows instead
 * ({@link LabelsBenchmark}'s call), and {@code options:which@shape} is {@link OptionsBenchmark}'s
 * call ({@code which} one of its cases, e.g. {@code ce-labels-weighted-smoothed}). Prints {@link PairedRatios}'s line per case: the first build's median µs per call, the
 * second's, and second / first. Both builds take the path {@code deltapair.native.vector} names
 * (the scalar kernels when false).
 */
public final class BuildComparison {

  /** The project's packages: a build's classes. */
  private static final String PROJECT = "io.github.deltapair.";
  /** This module's package: defined anew in each build's loader. */
  private static final String BENCHMARKS = BuildComparison.class.getPackageName() + ".";

  private BuildComparison() {}

  /**
   * Compares two builds case by case.
   *
   * @param args first class path, second class path, rounds, then cases {@code pair@shape@dtype}
   */
  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: BuildComparison first-classpath second-classpath rounds [pair@shape@dtype ...]");
    }
    int rounds = PairedRatios.rounds(args[2]);
    List<String> cases = new ArrayList<>(List.of(args).subList(3, args.length));
    if (cases.isEmpty()) {
      for (String shape : List.of("256x100", "4096x1000")) {
        for (String pair : List.of("softmax+cross-entropy", "sigmoid+binary-cross-entropy",
            "identity+squared-error")) {
          for (String dtype : List.of("float64", "float32")) {
            cases.add(pair + "@" + shape + "@" + dtype);
          }
        }
      }
    }
    ClassLoader first = loader(args[0]);
    ClassLoader second = loader(args[1]);
    for (String name : cases) {
      String[] parts = name.split("@");
      boolean options = parts.length == 2 && parts[0].startsWith("options:");
      if (!options && (parts.length < 3 || parts.length > 4
          || parts.length == 4 && !parts[3].equals("labels"))) {
        throw new IllegalArgumentException(
            "a case is pair@shape@dtype[@labels] or options:which@shape, not " + name);
      }
      PairedRatios.compare(name, parts[1], "first build", call(first, parts), "second build",
          call(second, parts), rounds);
    }
  }

  /** A class loader for one build: its jars for the project's classes, this one's benchmark classes. */
  private static ClassLoader loader(String classPath) {
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      File file = new File(entry);
      if (!file.exists()) {
        throw new IllegalArgumentException("no such jar or class folder: " + entry);
      }
      try {
        urls.add(file.toURI().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("not a path: " + entry, e);
      }
    }
    return new BuildLoader(urls.toArray(URL[]::new));
  }

  /** The case's call, made by the build's own copy of {@link Call}. */
  private static DoubleSupplier call(ClassLoader build, String[] parts) {
    try {
      Class<?> type = Class.forName(Call.class.getName(), true, build);
      if (parts.length == 2) {
        return (DoubleSupplier) type.getMethod("options", String.class, String.class)
            .invoke(null, parts[0].substring("options:".length()), parts[1]);
      }
      return (DoubleSupplier) type.getConstructor(String.class, String.class, String.class,
          boolean.class).newInstance(parts[0], parts[1], parts[2], parts.length == 4);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the build could not set up " + String.join("@", parts),
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the build has no usable " + Call.class.getName(), e);
    }
  }

  /**
   * Loads the project's classes from one build only, never from this jar's copy, and defines the
   * benchmark classes anew from this jar's bytes so that they link against that build; every
   * other class (the JDK's, SLF4J's) comes from this jar as usual.
   */
  private static final class BuildLoader extends URLClassLoader {

    BuildLoader(URL[] urls) {
      super(urls, BuildComparison.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(PROJECT)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = name.startsWith(BENCHMARKS) ? defineFromThisJar(name) : findClass(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }

    private Class<?> defineFromThisJar(String name) throws ClassNotFoundException {
      String resource = name.replace('.', '/') + ".class";
      try (InputStream in = getParent().getResourceAsStream(resource)) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** One case's call on the build that loaded this class: {@link OutputDeltaBenchmark#lossAndDelta}'s. */
  public static final class Call implements DoubleSupplier {

    private final Evaluator evaluator = Evaluator.of(new NativeBackend());
    private final Pair pair;
    private final Batch z;
    private final Targets y;
    private final Batch delta;

    /**
     * Sets up the call.
     *
     * @param pair the pair, e.g. {@code softmax+cross-entropy}
     * @param shape {@code rowsxcols}
     * @param dtype {@code float64} or {@code float32}
     * @param labels whether the targets are the class indices of the workload's one-hot rows
     */
    public Call(String pair, String shape, String dtype, boolean labels) {
      this.pair = Pair.parse(pair);
      Precision precision = Precision.of(dtype);
      Workload work = Workload.of(this.pair.loss(), shape);
      z = work.z(precision);
      y = labels ? work.labels() : work.y(precision);
      delta = Batch.zeros(work.rows(), work.cols(), precision);
    }

    /**
     * {@link OptionsBenchmark}'s call on the scalar or vector path, as {@code
     * deltapair.native.vector} says.
     *
     * @param which one of its cases
     * @param shape {@code rowsxcols}
     * @return the call
     */
    public static DoubleSupplier options(String which, String shape) {
      OptionsBenchmark benchmark = new OptionsBenchmark();
      benchmark.backend = Boolean.getBoolean("deltapair.native.vector") ? "native-vector" : "native";
      benchmark.which = which;
      benchmark.shape = shape;
      benchmark.setUp();
      return benchmark::lossAndDelta;
    }

    @Override
    public double getAsDouble() {
      return evaluator.evaluate(pair, z, y, Reduction.SUM, delta);
    }
  }
}
