package io.github.deltapair.cli.compare;

/**
 * One backend's results over one pair's cases.
 *
 * @param maxOracleDeltaError the largest {@code |δ − δ_oracle| / max(1, |δ_oracle|)} on a float64 case
 * @param maxOracleLossError the largest {@code |J − J_oracle| / max(1, |J_oracle|)} on a float64 case
 * @param agreesWithOracle whether every case (float32 ones included) is within tolerance, and
 *     nothing failed
 * @param nanosPerCall mean wall time of one {@code evaluate} call on a float64 case
 * @param calls how many calls were timed
 * @param supported whether the backend computes the pair at all (its {@code supports(Pair)}); when
 *     false every case was skipped for it and the other fields are empty
 */
public record BackendStats(
    double maxOracleDeltaError,
    double maxOracleLossError,
    boolean agreesWithOracle,
    double nanosPerCall,
    long calls,
    boolean supported) {}
