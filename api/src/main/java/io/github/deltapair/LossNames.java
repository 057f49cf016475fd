package io.github.deltapair;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes and reads loss names: {@code id} or {@code id(name=value, …)}. */
final class LossNames {

  private static final Pattern NAME = Pattern.compile("\\s*([^()\\s]+)\\s*(?:\\((.*)\\))?\\s*");

  private LossNames() {}

  /** {@code id(k1=v1, k2=v2)}, or the bare id without parameters. */
  static String format(String id, Map<String, Double> parameters) {
    if (parameters.isEmpty()) {
      return id;
    }
    StringBuilder name = new StringBuilder(id).append('(');
    String separator = "";
    for (Map.Entry<String, Double> p : parameters.entrySet()) {
      name.append(separator).append(p.getKey()).append('=').append(p.getValue());
      separator = ", ";
    }
    return name.append(')').toString();
  }

  /** A parsed name: the lower-case id and the parameters in the order written. */
  record Parsed(String id, Map<String, Double> parameters) {}

  /**
   * Splits {@code name} into its id and parameters.
   *
   * @throws IllegalArgumentException if the name is malformed, a parameter repeats, or a value is
   *     not a finite number
   */
  static Parsed parse(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a loss name: write ID or ID(name=value, …), e.g. huber(delta=1.5)");
    }
    String id = m.group(1).toLowerCase(Locale.ROOT);
    Map<String, Double> parameters = new LinkedHashMap<>();
    String list = m.group(2);
    if (list != null && !list.isBlank()) {
      for (String item : list.split(",")) {
        String[] kv = item.split("=", -1);
        if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
          throw new IllegalArgumentException(
              "'" + name + "': parameter '" + item.trim() + "' must be written name=value");
        }
        String key = kv[0].trim().toLowerCase(Locale.ROOT);
        double value;
        try {
          value = Double.parseDouble(kv[1].trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "'" + name + "': parameter '" + key + "' has value '" + kv[1].trim()
                  + "', which is not a number");
        }
        if (!Double.isFinite(value)) {
          throw new IllegalArgumentException(
              "'" + name + "': parameter '" + key + "' is " + value + "; it must be finite");
        }
        if (parameters.put(key, value) != null) {
          throw new IllegalArgumentException(
              "'" + name + "': parameter '" + key + "' is given twice");
        }
      }
    }
    return new Parsed(id, Collections.unmodifiableMap(parameters));
  }
}
