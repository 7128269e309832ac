#include "sim/cli/trace_command.h"

#include "sim/cli/input_error.h"
#include "sim/transformer/forward.h"
#include "sim/transformer/text_prompt.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace elicit::cli {
namespace {

using namespace transformer;

struct TraceOptions {
  std::string construction = "counting";
  std::string prompt;
  bool float_comparison = false;
};

std::string show_double(double value) { return fmt::format("{:.17g}", value); }

// The first place where the double run is not exactly the rational run.
std::optional<std::string> first_difference(const RunResult<Rational>& exact,
                                            const RunResult<double>& approx,
                                            const TextPrompt& prompt) {
  for (std::size_t r = 0; r < exact.attention.size(); ++r) {
    const auto& e = exact.attention[r];
    const auto& a = approx.attention[r];
    for (std::size_t j = 0; j < e.weights.size(); ++j) {
      const bool exact_zero = e.weights[j] == 0;
      const bool approx_zero = a.weights[j] == 0.0;
      const std::string where = fmt::format("layer {}, head {}, key {} '{}'", e.layer, e.head, j,
                                            prompt.token_name(prompt.tokens[j]));
      if (exact_zero != approx_zero) {
        return fmt::format("{}: a tie broken differently (exact weight {}, double {})", where,
                           to_string(e.weights[j]), show_double(a.weights[j]));
      }
      if (Rational(a.weights[j]) != e.weights[j]) {
        return fmt::format("{}: exact weight {}, double {} ({} is not representable in binary)",
                           where, to_string(e.weights[j]), show_double(a.weights[j]),
                           to_string(e.weights[j]));
      }
    }
  }
  for (std::size_t v = 0; v < exact.output.size(); ++v) {
    if (Rational(approx.output[v]) != exact.output[v]) {
      return fmt::format("output '{}': exact {}, double {}", prompt.output_names[v],
                         to_string(exact.output[v]), show_double(approx.output[v]));
    }
  }
  return std::nullopt;
}

std::string render(const TextPrompt& prompt, const Model& model, const RunResult<Rational>& exact,
                   const std::optional<RunResult<double>>& approx) {
  std::ostringstream out;
  out << fmt::format("construction: {} (m = {} contexts, V = {} outputs, l = {})\n", model.name,
                     prompt.spec.contexts, prompt.spec.outputs, prompt.spec.length);
  out << "tokens:";
  for (std::size_t i = 0; i < prompt.tokens.size(); ++i) {
    out << fmt::format(" {}:{}", i, prompt.token_name(prompt.tokens[i]));
  }
  const std::size_t query = prompt.tokens.size() - 1;
  out << fmt::format(
      "\nresidual stream: {} dimensions; attention shown at the query, position {}\n",
      model.layout.width(), query);
  std::size_t record = 0;
  for (std::size_t l = 0; l < model.layers.size(); ++l) {
    const Layer& layer = model.layers[l];
    out << fmt::format("\nlayer {}\n", l);
    for (const Head& head : layer.heads) {
      const auto& r = exact.attention.at(record++);
      out << fmt::format("  head {} ({} attention)\n", head.name, scoring_name(head.scoring));
      for (std::size_t j = 0; j < r.weights.size(); ++j) {
        if (r.weights[j] == 0) continue;
        out << fmt::format("    key {:>3} {:<4} score {:<6} weight {}\n", j,
                           prompt.token_name(prompt.tokens[j]), to_string(r.scores[j]),
                           to_string(r.weights[j]));
      }
    }
    if (layer.mlp) out << fmt::format("  mlp {}\n", layer.mlp->name);
  }
  out << "\noutput:";
  for (std::size_t v = 0; v < exact.output.size(); ++v) {
    out << fmt::format("{} {}: {}", v ? "," : "", prompt.output_names[v],
                       to_string(exact.output[v]));
  }
  out << "\n";
  if (approx) {
    out << "\ndouble precision, same weights:";
    for (std::size_t v = 0; v < approx->output.size(); ++v) {
      out << fmt::format("{} {}: {}", v ? "," : "", prompt.output_names[v],
                         show_double(approx->output[v]));
    }
    const auto difference = first_difference(exact, *approx, prompt);
    out << "\nfirst difference: "
        << (difference ? *difference : "none, every weight and output is equal") << "\n";
  }
  return out.str();
}

void run(const TraceOptions& options) {
  if (options.construction != "counting") {
    throw InputError(
        fmt::format("--construction: '{}' is not one of: counting", options.construction));
  }
  TextPrompt prompt;
  try {
    prompt = parse_text_prompt(options.prompt);
  } catch (const std::invalid_argument& error) {
    throw InputError(fmt::format("--prompt: {}", error.what()));
  }
  const CountingConstruction construction(prompt.spec);
  const StreamRows rows = construction.embed(prompt.tokens);
  RunOptions run_options;
  run_options.record_attention = true;
  const auto exact = run_exact(construction.model(), rows, run_options);
  std::optional<RunResult<double>> approx;
  if (options.float_comparison) approx = run<double>(construction.model(), rows, run_options);
  std::cout << render(prompt, construction.model(), exact, approx);
}

}  // namespace

void add_trace_command(CLI::App& app) {
  auto options = std::make_shared<TraceOptions>();
  CLI::App* command = app.add_subcommand(
      "trace",
      "Run an ICL construction on a text prompt and print its attention as exact fractions");
  command->add_option("--construction", options->construction, "counting (default)");
  command
      ->add_option("--prompt", options->prompt,
                   "e.g. \"a x ; a y ; a x ; a\" (';' separates examples)")
      ->required();
  command->add_flag("--float", options->float_comparison,
                    "also run in double precision and report the first difference");
  command->callback([options] { run(*options); });
}

}  // namespace elicit::cli
