#!/usr/bin/env python3
"""The coefficients of StraightMath.exp's polynomial, and its error.

StraightMath computes e^x for x <= 0 as (e^u)^1024 with u = x/1024 in [-746/1024, 0], and e^u as
1 + u*q(u). This script interpolates q(u) = (e^u - 1)/u at the Chebyshev nodes of that interval
in 60-digit arithmetic (mpmath), prints the monomial coefficients Q0 ... Q<deg> rounded to double,
and the worst relative error of 1 + u*q(u) (double coefficients, exact arithmetic) against e^u
over 2001 points. Usage: python3 exp_polynomial.py [degree of q, default 11].

Debian: apt-get install python3-mpmath.
"""
import sys

import mpmath as mp

mp.mp.dps = 60
LOW, HIGH = mp.mpf(-746) / 1024, mp.mpf(0)


def q(u):
    return mp.expm1(u) / u if u != 0 else mp.mpf(1)


def main():
    degree = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    n = degree + 1
    nodes = [(LOW + HIGH) / 2 + (HIGH - LOW) / 2 * mp.cos(mp.pi * (k + mp.mpf(1) / 2) / n)
             for k in range(n)]
    vandermonde = mp.matrix([[x ** j for j in range(n)] for x in nodes])
    coefficients = mp.lu_solve(vandermonde, mp.matrix([q(x) for x in nodes]))
    rounded = [float(coefficients[j]) for j in range(n)]
    worst = mp.mpf(0)
    for i in range(2001):
        u = LOW + (HIGH - LOW) * i / 2000
        acc = mp.mpf(0)
        for c in reversed(rounded):
            acc = acc * u + mp.mpf(c)
        worst = max(worst, abs((1 + u * acc) / mp.exp(u) - 1))
    for j, c in enumerate(rounded):
        print("  private static final double Q%d = %r;" % (j, c))
    print("// degree %d polynomial, worst relative error %s" % (degree + 1, mp.nstr(worst, 3)))


if __name__ == "__main__":
    main()
