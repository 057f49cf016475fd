package io.github.deltapair.nativebackend;

import io.github.deltapair.Loss;

/**
 * One output's loss {@code ℓ(a, y)} and gradient {@code ∂ℓ/∂a}, in float64, for predictions
 * {@code a} inside the loss's domain. Terms {@code y·log(a)} follow the xlogy convention: zero
 * when {@code y = 0}.
 */
final class LossTerms {

  private LossTerms() {}

  /** {@code ℓ(a, y)} for one output. */
  static double loss(Loss loss, double a, double y) {
    return switch (loss) {
      // ½(a − y)²
      case SQUARED_ERROR -> 0.5 * (a - y) * (a - y);
      // −y·log(a) − (1 − y)·log1p(−a)
      case BINARY_CROSS_ENTROPY -> -xLogY(y, a) - xLog1pY(1.0 - y, -a);
      // −y·log(a)
      case CROSS_ENTROPY -> -xLogY(y, a);
      // a − y·log(a)
      case POISSON -> a - xLogY(y, a);
      // −((1 + y)/2)·log((1 + a)/2) − ((1 − y)/2)·log((1 − a)/2)
      case BIPOLAR_CROSS_ENTROPY -> {
        double up = 0.5 * (1.0 + y);
        double down = 0.5 * (1.0 - y);
        yield -(up == 0 ? 0.0 : up * logHalfOfOnePlus(a))
            - (down == 0 ? 0.0 : down * logHalfOfOnePlus(-a));
      }
    };
  }

  /** {@code g = ∂ℓ/∂a} for one output. */
  static double gradient(Loss loss, double a, double y) {
    return switch (loss) {
      case SQUARED_ERROR -> a - y;
      case BINARY_CROSS_ENTROPY -> (a - y) / (a * (1.0 - a));
      case CROSS_ENTROPY -> -y / a;
      case POISSON -> 1.0 - y / a;
      // (a − y)/(1 − a²), with 1 − a² factored for a near ±1
      case BIPOLAR_CROSS_ENTROPY -> (a - y) / ((1.0 - a) * (1.0 + a));
    };
  }

  /** {@code x·log(a)}, 0 when {@code x = 0}. */
  static double xLogY(double x, double a) {
    return x == 0 ? 0.0 : x * Math.log(a);
  }

  /** {@code x·log1p(b)}, 0 when {@code x = 0}. */
  static double xLog1pY(double x, double b) {
    return x == 0 ? 0.0 : x * Math.log1p(b);
  }

  /**
   * {@code log((1 + x)/2)} for {@code x ∈ (−1, 1)}: {@code 1 + x} is exact near −1, and {@code
   * log1p((x − 1)/2)} keeps the small result accurate near 1.
   */
  static double logHalfOfOnePlus(double x) {
    return x < 0 ? Math.log(0.5 * (1.0 + x)) : Math.log1p(0.5 * (x - 1.0));
  }
}
