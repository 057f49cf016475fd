package io.github.deltapair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BatchTest {

  @Test
  @DisplayName("wrap views the caller's array without copying, row-major")
  void wrapDoesNotCopy() {
    double[] data = {1, 2, 3, 4, 5, 6};
    Batch batch = Batch.wrap(data, 2, 3);
    assertThat(batch.array()).isSameAs(data);
    assertThat(batch.get(1, 0)).isEqualTo(4.0);
    data[5] = 60;
    assertThat(batch.get(1, 2)).isEqualTo(60.0);
  }

  @Test
  @DisplayName("of copies rows and rejects ragged or empty input, naming the row")
  void ofCopiesAndChecks() {
    double[][] rows = {{1, 2}, {3, 4}};
    Batch batch = Batch.of(rows);
    rows[0][0] = 99;
    assertThat(batch.get(0, 0)).isEqualTo(1.0);
    assertThat(batch.toArray()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
    assertThatThrownBy(() -> Batch.of(new double[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1 has 1 columns but row 0 has 2");
    assertThatThrownBy(() -> Batch.of(new double[0][])).hasMessageContaining("no rows");
    assertThatThrownBy(() -> Batch.of(new double[][] {{}})).hasMessageContaining("column");
  }

  @Test
  @DisplayName("zero dimensions, a wrong array length and rows × cols beyond an int are rejected")
  void shapeChecks() {
    assertThatThrownBy(() -> Batch.zeros(0, 3)).hasMessageContaining("rows = 0");
    assertThatThrownBy(() -> Batch.wrap(new double[5], 2, 3))
        .hasMessageContaining("data has 5 elements but rows × cols = 2 × 3 = 6");
    assertThatThrownBy(() -> Batch.zeros(100_000, 100_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10000000000")
        .hasMessageContaining("exceeds the largest Java array");
    assertThatThrownBy(() -> Batch.zeros(2, 2).get(2, 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  @DisplayName("sameBits compares bit patterns, so −0.0 differs from 0.0")
  void sameBits() {
    Batch a = Batch.of(new double[][] {{0.0, 1.0}});
    Batch b = Batch.of(new double[][] {{-0.0, 1.0}});
    assertThat(a.sameBits(a.copy())).isTrue();
    assertThat(a.sameBits(b)).isFalse();
  }
}
