package io.github.deltapair.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --progress auto|always|never} in any case. */
final class ProgressModeConverter implements ITypeConverter<CompareCommand.ProgressMode> {

  @Override
  public CompareCommand.ProgressMode convert(String value) {
    try {
      return CompareCommand.ProgressMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          "'" + value + "' is not one of auto, always, never");
    }
  }
}
