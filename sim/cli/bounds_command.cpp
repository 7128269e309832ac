#include "sim/cli/bounds_command.h"

#include "sim/cli/input_error.h"
#include "sim/cli/option_checks.h"
#include "sim/io/atomic_file.h"
#include "sim/report/bounds_report.h"
#include "theory/worked_examples.h"

#include <fmt/format.h>

#include <iostream>
#include <map>
#include <memory>

namespace elicit::cli {
namespace {

using theory::Param;

struct BoundsOptions {
  std::string theorem;
  std::map<Param, std::string> values;  // as typed; parsed exactly later
  std::string format = "md";
  std::string out;
};

theory::Parameters parse_parameters(const BoundsOptions& options) {
  theory::Parameters parameters;
  for (const auto& [param, text] : options.values) {
    const std::string key(theory::param_name(param));
    try {
      parameters.set(param, parse_rational(text));
    } catch (const ParseError& error) {
      throw InputError(fmt::format("--{}: {}", key, error.what()));
    } catch (const theory::ParameterError& error) {
      throw InputError(fmt::format("--{}: {}", key, error.what()));
    }
  }
  return parameters;
}

report::BoundsSection evaluate_section(theory::Theorem theorem, std::string origin,
                                       const theory::Parameters& parameters) {
  const theory::Inputs inputs = theory::validate(theorem, parameters);
  return {theorem, std::move(origin), parameters.describe(),
          theory::evaluate_bounds(theorem, inputs)};
}

void run(const BoundsOptions& options) {
  const auto format = report::parse_format(options.format);
  if (!format) {
    throw InputError(
        fmt::format("--format: '{}' is not one of md, csv, json, tex", options.format));
  }
  std::vector<report::BoundsSection> sections;
  if (options.theorem == "all") {
    if (!options.values.empty()) {
      throw InputError(
          "--theorem all prints the worked examples and takes no parameters; "
          "name one theorem (T1..T5) to give parameters");
    }
    for (const auto& example : theory::worked_examples()) {
      sections.push_back(evaluate_section(example.theorem, example.origin, example.parameters));
    }
  } else {
    const auto theorem = theory::parse_theorem(options.theorem);
    if (!theorem) {
      throw InputError(
          fmt::format("--theorem: '{}' is not one of T1, T2, T3, T4, T5, all", options.theorem));
    }
    const theory::Parameters parameters = parse_parameters(options);
    try {
      sections.push_back(evaluate_section(*theorem, "", parameters));
    } catch (const theory::ParameterError& error) {
      throw InputError(fmt::format("--{}: {}", error.key(), error.what()));
    }
  }
  const std::string text = report::render_bounds(sections, *format);
  if (options.out.empty()) {
    std::cout << text;
    return;
  }
  try {
    write_file_atomically(options.out, text);
  } catch (const OutputError& error) {
    throw InputError(error.what());
  }
}

}  // namespace

void add_bounds_command(CLI::App& app) {
  auto options = std::make_shared<BoundsOptions>();
  CLI::App* command = app.add_subcommand(
      "bounds",
      "Print every bound of a theorem (docs/theory.md §3): paper constant 1, paper literal, "
      "rigorous sufficient sizes and lower bounds");
  command->add_option("--theorem", options->theorem, "T1, T2, T3, T4, T5, or all (worked examples)")
      ->required();
  const std::map<Param, std::string> help = {
      {Param::V, "vocabulary size (T1: output alphabet), integer >= 2"},
      {Param::m, "number of contexts, integer >= 1"},
      {Param::l, "output length in tokens (T5), integer >= 1"},
      {Param::d, "input dimension (T3), integer >= 1"},
      {Param::q, "number of test queries for the uniform T4 claim, integer >= 1"},
      {Param::eps, "error tolerance, exact: 0.1 or 1/10"},
      {Param::delta, "failure probability, exact: 0.01 or 1/100"},
  };
  for (const auto& [param, text] : help) {
    const std::string name = "--" + std::string(theory::param_name(param));
    // param = param: an explicit copy, since clang before 16 cannot capture a structured
    // binding (C++20 allows it).
    command->add_option_function<std::string>(
        name,
        [options, param = param](const std::string& value) { options->values[param] = value; },
        text);
  }
  command->add_option("--format", options->format, "md (default), csv, json, tex");
  command->add_option("--out", options->out, "write to this file (atomically) instead of stdout")
      ->check(non_empty_path());
  command->callback([options] { run(*options); });
}

}  // namespace elicit::cli
