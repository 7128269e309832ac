// A stand-in experiment for engine tests: its failures are a fixed function of
// (n, trial), and it records which trials the engine asked for.
#pragma once

#include "sim/engine/experiment.h"

#include <functional>
#include <mutex>
#include <set>

namespace elicit::testing {

class StubExperiment : public engine::Experiment {
 public:
  using Pattern = std::function<engine::TrialFailure(std::int64_t n, std::uint64_t trial)>;
  explicit StubExperiment(Pattern pattern, double slack = 0)
      : pattern_(std::move(pattern)), slack_(slack) {}

  Rational error(std::int64_t n, std::uint64_t trial) const override {
    return pattern_(n, trial).surely ? Rational(1) : Rational(0);
  }
  bool fails(std::int64_t n, std::uint64_t trial, const Rational&) const override {
    return bracketed_failure(n, trial, Rational(0)).surely;
  }
  engine::TrialFailure bracketed_failure(std::int64_t n, std::uint64_t trial,
                                         const Rational&) const override {
    {
      const std::lock_guard<std::mutex> guard(lock_);
      asked_.insert({n, trial});
      ++calls_;
    }
    return pattern_(n, trial);
  }
  double failure_slack() const override { return slack_; }
  engine::ReplayOutcome replay(std::int64_t, std::uint64_t, std::int64_t) const override {
    return {false, "stub"};
  }
  std::string engine() const override { return "stub"; }
  std::string target_description() const override { return "stub"; }
  engine::TargetLaw target_law() const override { return {"stub", {}}; }

  // How many times the engine asked for a trial, and how many distinct ones.
  std::size_t calls() const { return calls_; }
  std::size_t distinct() const { return asked_.size(); }
  bool asked(std::int64_t n, std::uint64_t trial) const { return asked_.count({n, trial}) > 0; }

 private:
  Pattern pattern_;
  double slack_;
  mutable std::mutex lock_;
  mutable std::set<std::pair<std::int64_t, std::uint64_t>> asked_;
  mutable std::size_t calls_ = 0;
};

}  // namespace elicit::testing
