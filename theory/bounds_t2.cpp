// T2: m contexts, next-token distributions over V symbols, sup over contexts of the
// L1 error ≤ ε with probability ≥ 1 − δ (docs/theory.md §3.1). Every row is a total
// |D'| = m · n_i with the per-context n_i beside it; δ_i = δ/m by the union bound.
#include "theory/detail/bounds_lists.h"
#include "theory/detail/formula_helpers.h"

namespace elicit::theory::detail {
namespace {

Evaluation per_context(const Inputs& in, SampleSize n_i, std::string note = {}) {
  // A plain product while it fits, so that m times an integer n_i prints as an integer.
  const SampleSize total = n_i.fits_double() ? SampleSize::from_value(in.m * n_i.value())
                                             : SampleSize::from_log(std::log(in.m) + n_i.ln());
  return Evaluation{total, n_i, std::move(note)};
}

double ln_m_over_delta(const Inputs& in) { return std::log(in.m / in.delta); }

}  // namespace

std::vector<Bound> t2_bounds() {
  const std::string reading = "T2/L1";
  return {
      {"T2/paper", Theorem::T2, reading, BoundKind::paper, "m * V/eps^2 * ln(m/delta)",
       "paper Thm 2 with constant 1 (matches its A.2 example); docs/theory.md §3.1", true, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         return per_context(in,
                            SampleSize::from_value(in.V / (in.eps * in.eps) * ln_m_over_delta(in)));
       }},
      {"T2/paper-a2-literal", Theorem::T2, reading, BoundKind::paper_literal,
       "m * V^2/(2 eps^2) * ln(2 V m/delta)",
       "paper A.2: per-token Hoeffding at eps/V, union over V*m events; docs/theory.md §3.1", true,
       true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         return per_context(in, SampleSize::from_value(in.V * in.V / (2 * in.eps * in.eps) *
                                                       std::log(2 * in.V * in.m / in.delta)));
       }},
      {"T2/weissman", Theorem::T2, reading, BoundKind::sufficient,
       "m * ceil(2/eps^2 * (ln(2^V - 2) + ln(m/delta)))",
       "Weissman et al. 2003, P(L1 >= eps) <= (2^V-2) e^{-n eps^2/2}; docs/theory.md §3.1", true,
       true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         // ln(2^V − 2) = V ln 2 + log1p(−2^{1−V}), finite for every V ≥ 2.
         const double ln_sets = in.V * std::numbers::ln2 + std::log1p(-std::exp2(1 - in.V));
         return per_context(
             in, SampleSize::ceil_of(2 / (in.eps * in.eps) * (ln_sets + ln_m_over_delta(in))));
       }},
      {"T2/mcdiarmid", Theorem::T2, reading, BoundKind::sufficient,
       "m * ceil((sqrt(V-1) + sqrt(2 ln(m/delta)))^2 / eps^2)",
       "McDiarmid, E L1 <= sqrt((V-1)/n), differences 2/n; docs/theory.md §3.1", true, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         const double ln_n = ln_mcdiarmid_l1(std::log(in.V), in.eps, ln_m_over_delta(in));
         return per_context(in, SampleSize::ceil_of(std::exp(ln_n)));
       }},
      {"T2/expected-l1-lower", Theorem::T2, reading, BoundKind::lower_asymptotic,
       "m * 2 (V-1)/(pi eps^2)",
       "expected L1 of the empirical estimator at uniform p, sqrt(2(V-1)/(pi n)) "
       "(normal approximation, derived); minimax claim of Kamath et al. 2015 not verified; "
       "docs/theory.md §3.1",
       false, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         // Where the mean error equals ε: a reference for the (1 − δ)-quantile only while
         // δ < 1/2 (at δ >= 1/2 the median is below the mean and n* can be far
         // smaller: V = 8, ε = 0.4, δ = 0.8 has exact n* 15–18 against 27.9).
         if (in.delta_exact >= Rational(1, 2)) return std::nullopt;
         return per_context(
             in, SampleSize::from_value(2 * (in.V - 1) / (std::numbers::pi * in.eps * in.eps)),
             "at this n the empirical estimator's mean L1 error at uniform p is about eps "
             "(a reference for delta < 1/2, not a rigorous bound)");
       }},
  };
}

}  // namespace elicit::theory::detail
