package io.github.deltapair.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Labels;
import io.github.deltapair.LossOption;
import io.github.deltapair.LossResult;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON of the contract's §7 (docs/contract.md): reads {@code {"cases": [...]}} and writes {@code {"backend": ...,
 * "results": [...]}}.
 *
 * <p>Numbers are read as doubles (correctly rounded) and written in the shortest decimal form that
 * reads back to the same bits (Jackson's Schubfach writer, {@link
 * StreamWriteFeature#USE_FAST_DOUBLE_WRITER}; the JDK 17 {@code toString} is not always shortest):
 * float64 values as doubles, and the delta and activations of a {@code "dtype": "float32"} case as
 * floats ({@code 0.1f} is written {@code 0.1}). Loss values are float64 in either precision.
 */
final class DeltaJson {

  /**
   * The fields a case may have: the pair, the reduction ({@code sum} by default), the precision
   * {@code dtype} ({@code float64} by default), {@code z}, the
   * targets ({@code y} or {@code labels}) and the options of docs/contract.md §2b under their
   * names ({@link LossOption#id()}).
   */
  static final Set<String> CASE_FIELDS = Set.of("activation", "loss", "reduction", "dtype", "z", "y",
      LossOption.LABELS.id(), LossOption.IGNORE_INDEX.id(), LossOption.CLASS_WEIGHTS.id(),
      LossOption.POS_WEIGHT.id(), LossOption.EXAMPLE_WEIGHTS.id(), LossOption.MASK.id(),
      LossOption.LABEL_SMOOTHING.id());

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .build();

  /**
   * One parsed case.
   *
   * @param dtype the precision of {@code z}, dense {@code y} and the mask
   * @param targets dense {@code y} or class-index {@code labels} (with {@code ignore_index})
   * @param options the other options given ({@link Options#NONE} if none)
   */
  record DeltaCase(Pair pair, Reduction reduction, Precision dtype, Batch z, Targets targets,
      Options options) {

    /** Evaluates this case on {@code evaluator}; the evaluator validates targets and options. */
    LossResult evaluate(Evaluator evaluator) {
      return evaluator.evaluate(pair, z, targets, options, reduction);
    }
  }

  private DeltaJson() {}

  /**
   * The {@code cases} array of a request.
   *
   * @throws CliException (bad input) for malformed JSON, naming line and column, or a document
   *     that is not {@code {"cases": [...]}}
   */
  static List<JsonNode> readCases(byte[] json, String source) {
    if (new String(json, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw new CliException(
          ExitCodes.BAD_INPUT, source + " is empty: expected a JSON object {\"cases\": [...]}");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      throw new CliException(
          ExitCodes.BAD_INPUT,
          "malformed JSON in " + source
              + (where == null ? "" : " at line " + where.getLineNr() + ", column "
                  + where.getColumnNr())
              + ": " + DeltapairCli.oneLine(e.getOriginalMessage()),
          e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "cannot read " + source + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("cases").isArray()) {
      throw new CliException(
          ExitCodes.BAD_INPUT,
          source + " must hold a JSON object {\"cases\": [...]} whose cases each have activation,"
              + " loss, reduction, z and y (or labels)");
    }
    Set<String> unknown = unknownFields(root, Set.of("cases"));
    if (!unknown.isEmpty()) {
      throw new CliException(
          ExitCodes.BAD_INPUT,
          source + " has unknown top-level field(s) " + unknown + "; the only field is \"cases\"");
    }
    List<JsonNode> cases = new ArrayList<>();
    root.get("cases").forEach(cases::add);
    return List.copyOf(cases);
  }

  /**
   * One case of a request.
   *
   * @throws IllegalArgumentException naming the field and the rule broken
   */
  static DeltaCase parseCase(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          "a case must be an object with activation, loss, reduction, z and y (or labels), not " + node);
    }
    Set<String> unknown = unknownFields(node, CASE_FIELDS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown field(s) " + unknown + "; the fields of a case are " + new TreeSet<>(CASE_FIELDS));
    }
    Pair pair = Pair.of(text(node, "activation"), text(node, "loss"));
    Reduction reduction =
        node.has("reduction") ? Reduction.fromId(text(node, "reduction")) : Reduction.SUM;
    boolean dense = present(node, "y");
    boolean indexed = present(node, "labels");
    if (dense == indexed) {
      throw new IllegalArgumentException(
          (dense ? "both \"y\" and \"labels\" are given" : "missing field \"y\" or \"labels\"")
              + ": a case gives its targets either as dense rows \"y\" or as class indices"
              + " \"labels\", exactly one of them");
    }
    if (!indexed && present(node, "ignore_index")) {
      throw new IllegalArgumentException(
          "field \"ignore_index\" applies only with class-index \"labels\", not with dense"
              + " targets \"y\"");
    }
    Precision dtype = dtype(node);
    Batch z = matrix(node, "z", dtype);
    Targets targets = indexed ? labels(node) : matrix(node, "y", dtype);
    return new DeltaCase(pair, reduction, dtype, z, targets, options(node, dtype));
  }

  /**
   * The options of a case besides its targets; their lengths, values and whether the loss takes
   * them are checked by the evaluator ({@code Validation.checkOptions}), whose message names the
   * option, the position and the rule.
   */
  private static Options options(JsonNode node, Precision dtype) {
    Options options = Options.NONE;
    if (present(node, "class_weights")) {
      options = options.withClassWeights(vector(node, "class_weights", "one per column of z"));
    }
    if (present(node, "pos_weight")) {
      options = options.withPosWeight(vector(node, "pos_weight", "one per column of z"));
    }
    if (present(node, "example_weights")) {
      options = options.withExampleWeights(vector(node, "example_weights", "one per row of z"));
    }
    if (present(node, "mask")) {
      options = options.withMask(matrix(node, "mask", dtype));
    }
    if (present(node, "label_smoothing")) {
      JsonNode value = node.get("label_smoothing");
      if (!value.isNumber()) {
        throw new IllegalArgumentException(
            "field \"label_smoothing\" must be a number ε in [0, 1), not " + value);
      }
      options = options.withLabelSmoothing(value.doubleValue());
    }
    return options;
  }

  /** A non-empty array of JSON numbers. */
  private static double[] vector(JsonNode node, String field, String rule) {
    JsonNode value = node.get(field);
    if (!value.isArray() || value.isEmpty()) {
      throw new IllegalArgumentException(
          "field \"" + field + "\" must be a non-empty array of numbers, " + rule + ", not " + value);
    }
    double[] out = new double[value.size()];
    for (int k = 0; k < out.length; k++) {
      JsonNode entry = value.get(k);
      if (!entry.isNumber()) {
        throw new IllegalArgumentException(
            "field \"" + field + "\" has " + entry + " at index " + k
                + ": every entry must be a JSON number");
      }
      out[k] = entry.doubleValue();
    }
    return out;
  }

  /** The result object of one computed case. */
  static ObjectNode result(DeltaCase request, LossResult result) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("activation", request.pair().activation().id());
    // the canonical spelling, e.g. huber(delta=0.5): it parses back to the same loss
    out.put("loss", request.pair().loss().name());
    out.put("reduction", request.reduction().id());
    out.put("dtype", request.dtype().id());
    out.put("contract", request.pair().contract().id());
    out.put("loss_value", result.loss());
    out.set("a", matrix(result.activations()));
    out.set("delta", matrix(result.delta()));
    ArrayNode losses = out.putArray("example_losses");
    for (double l : result.exampleLosses()) {
      losses.add(l);
    }
    return out;
  }

  /** The {@code {"error": message}} written in place of a case that failed. */
  static ObjectNode error(String message) {
    return MAPPER.createObjectNode().put("error", message);
  }

  /** The whole response. */
  static ObjectNode response(String backendId, List<ObjectNode> results) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("backend", backendId);
    ArrayNode array = out.putArray("results");
    results.forEach(array::add);
    return out;
  }

  /** Writes {@code node}, indented unless {@code compact}, followed by a newline. */
  static void write(JsonNode node, boolean compact, Writer out) throws IOException {
    ObjectWriter writer =
        compact
            ? MAPPER.writer()
            : MAPPER.writer(
                new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")));
    writer.writeValue(out, node);
    out.write('\n');
    out.flush();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing field \"" + field + "\"");
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(
          "field \"" + field + "\" must be a string, not " + value);
    }
    return value.asText();
  }

  private static boolean present(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  private static Labels labels(JsonNode node) {
    JsonNode value = node.get("labels");
    if (!value.isArray() || value.isEmpty()) {
      throw new IllegalArgumentException(
          "field \"labels\" must be a non-empty array of integer class indices, one per row of z,"
              + " e.g. [2, 0, 1]");
    }
    int[] classes = new int[value.size()];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = integer(value.get(i), "field \"labels\" has %s at row " + i);
    }
    if (!present(node, "ignore_index")) {
      return Labels.of(classes);
    }
    return Labels.of(classes, integer(node.get("ignore_index"), "field \"ignore_index\" is %s"));
  }

  /** A JSON number with an integral value in int range, such as 2 or 2.0 (not 2.5, "2" or 1e10). */
  private static int integer(JsonNode entry, String where) {
    if (entry.isNumber()) {
      double v = entry.doubleValue();
      if (entry.canConvertToInt() && (entry.isIntegralNumber() || v == Math.rint(v))
          && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
        return (int) v;
      }
    }
    throw new IllegalArgumentException(
        String.format(where, entry) + ": it must be an integer (a JSON number without a fraction)");
  }

  /** The case's {@code dtype}: float64 when absent. */
  private static Precision dtype(JsonNode node) {
    if (!present(node, "dtype")) {
      return Precision.FLOAT64;
    }
    JsonNode value = node.get("dtype");
    try {
      return Precision.of(value.isTextual() ? value.asText() : String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field \"dtype\" is " + value
          + ": it must be \"float64\" (the default) or \"float32\"", e);
    }
  }

  /**
   * A matrix field in {@code dtype}: for float32 each number rounded to the nearest float, and one
   * beyond float32's range rejected, naming it.
   */
  private static Batch matrix(JsonNode node, String field, Precision dtype) {
    Batch wide = matrix(node, field);
    if (dtype == Precision.FLOAT64) {
      return wide;
    }
    for (int k = 0; k < wide.size(); k++) {
      if (!dtype.holds(wide.at(k))) {
        throw new IllegalArgumentException(
            "field \"" + field + "\" has " + wide.at(k) + " at row " + k / wide.cols() + ", column "
                + k % wide.cols() + ": it overflows a float32 (largest " + (float) dtype.largest()
                + ") and the case's dtype is float32");
      }
    }
    return wide.toFloat32();
  }

  private static Batch matrix(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing field \"" + field + "\"");
    }
    String shapeRule =
        "field \"" + field + "\" must be a non-empty array of rows of numbers, e.g. [[0.5, -2.0]]";
    if (!value.isArray() || value.isEmpty()) {
      throw new IllegalArgumentException(shapeRule);
    }
    int rows = value.size();
    int cols = -1;
    double[][] data = new double[rows][];
    for (int i = 0; i < rows; i++) {
      JsonNode row = value.get(i);
      if (!row.isArray() || row.isEmpty()) {
        throw new IllegalArgumentException(shapeRule + "; row " + i + " is " + row);
      }
      if (cols >= 0 && row.size() != cols) {
        throw new IllegalArgumentException(
            "field \"" + field + "\" row " + i + " has " + row.size() + " numbers but row 0 has "
                + cols + ": the rows must have the same length");
      }
      cols = row.size();
      data[i] = new double[cols];
      for (int j = 0; j < cols; j++) {
        JsonNode entry = row.get(j);
        if (!entry.isNumber()) {
          throw new IllegalArgumentException(
              "field \"" + field + "\" has " + entry + " at row " + i + ", column " + j
                  + ": every entry must be a JSON number");
        }
        data[i][j] = entry.doubleValue();
      }
    }
    return Batch.of(data);
  }

  /** Rows of numbers in the batch's precision: a float32 batch's elements are written as floats. */
  private static ArrayNode matrix(Batch batch) {
    float[] floats = batch.precision() == Precision.FLOAT32 ? batch.floatArray() : null;
    ArrayNode rows = MAPPER.createArrayNode();
    for (int i = 0; i < batch.rows(); i++) {
      ArrayNode row = rows.addArray();
      for (int j = 0; j < batch.cols(); j++) {
        if (floats != null) {
          row.add(floats[i * batch.cols() + j]);
        } else {
          row.add(batch.get(i, j));
        }
      }
    }
    return rows;
  }

  private static Set<String> unknownFields(JsonNode node, Set<String> known) {
    Set<String> unknown = new TreeSet<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        unknown.add(name);
      }
    }
    return unknown;
  }
}
