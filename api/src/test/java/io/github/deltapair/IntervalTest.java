package io.github.deltapair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IntervalTest {

  @Test
  @DisplayName("open and closed ends decide membership at the boundary")
  void membership() {
    assertThat(Interval.open(0, 1).contains(0)).isFalse();
    assertThat(Interval.closed(0, 1).contains(0)).isTrue();
    assertThat(Interval.closedOpen(0, 1).contains(1)).isFalse();
    assertThat(Interval.REAL.contains(Double.NaN)).isFalse();
    assertThat(Interval.REAL.contains(-1e308)).isTrue();
  }

  @Test
  @DisplayName("a half-open range is not enclosed by an open domain with the same end")
  void enclosure() {
    Interval positive = Interval.open(0, Double.POSITIVE_INFINITY);
    assertThat(positive.encloses(Interval.closedOpen(0, Double.POSITIVE_INFINITY))).isFalse();
    assertThat(positive.encloses(Interval.open(0, 1))).isTrue();
    assertThat(Interval.open(-1, 1).encloses(Interval.open(0, 1))).isTrue();
    assertThat(Interval.closed(0, 1).encloses(Interval.open(0, 1))).isTrue();
    assertThat(Interval.open(0, 1).encloses(Interval.closed(0, 1))).isFalse();
  }

  @Test
  @DisplayName("ends are printed in mathematical notation and checked")
  void printingAndChecks() {
    assertThat(Interval.closedOpen(0, Double.POSITIVE_INFINITY)).hasToString("[0, ∞)");
    assertThat(Interval.REAL).hasToString("ℝ");
    assertThatThrownBy(() -> Interval.open(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Interval.closed(0, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
