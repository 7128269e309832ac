#include "sim/cli/trace_command.h"

#include "sim/cli/input_error.h"
#include "sim/cli/option_checks.h"
#include "sim/io/atomic_file.h"
#include "sim/teaching/counting_trace.h"
#include "sim/teaching/gradient_descent_trace.h"
#include "sim/teaching/html_render.h"
#include "sim/teaching/label_averaging_trace.h"
#include "sim/teaching/perceptron_trace.h"
#include "sim/teaching/text_render.h"
#include "sim/teaching/vector_prompt.h"
#include "sim/transformer/text_prompt.h"

#include <fmt/format.h>

#include <iostream>
#include <limits>
#include <memory>

namespace elicit::cli {
namespace {

using namespace teaching;

constexpr int kMaxSteps = 1000;
constexpr int kMaxUpdates = 100000;

struct TraceOptions {
  std::string construction = "counting";
  std::string prompt;
  bool float_comparison = false;
  bool layout = false;
  std::string html;
  int k = 0;
  int steps = 3;
  std::string eta = "1/2";
  int max_updates = 100;
  // Options that belong to one construction, to refuse them with the others.
  CLI::Option* k_option = nullptr;
  CLI::Option* steps_option = nullptr;
  CLI::Option* eta_option = nullptr;
  CLI::Option* max_updates_option = nullptr;
};

void refuse_unless(const CLI::Option* option, const std::string& name, const std::string& owner,
                   const std::string& construction) {
  if (option->count() > 0 && construction != owner) {
    throw InputError(fmt::format("--{}: only --construction {} uses it (this is {})", name, owner,
                                 construction));
  }
}

void check_range(int value, int low, int high, const std::string& name) {
  if (value < low || value > high) {
    throw InputError(
        fmt::format("--{}: must be between {} and {} (got {})", name, low, high, value));
  }
}

VectorPrompt vector_prompt(const std::string& text) {
  try {
    return parse_vector_prompt(text);
  } catch (const std::invalid_argument& error) {
    throw InputError(fmt::format("--prompt: {}", error.what()));
  }
}

Trace build(const TraceOptions& options) {
  const std::string& construction = options.construction;
  refuse_unless(options.k_option, "k", "label-averaging", construction);
  refuse_unless(options.steps_option, "steps", "gd", construction);
  refuse_unless(options.eta_option, "eta", "gd", construction);
  refuse_unless(options.max_updates_option, "max-updates", "perceptron", construction);
  try {
    if (construction == "counting") {
      return trace_counting(transformer::parse_text_prompt(options.prompt),
                            {options.float_comparison});
    }
    if (construction == "label-averaging") {
      const VectorPrompt prompt = vector_prompt(options.prompt);
      std::optional<int> nearest;
      if (options.k_option->count() > 0) {
        const int n = static_cast<int>(prompt.examples.size());
        if (options.k < 1 || options.k > n) {
          throw InputError(
              fmt::format("--k: must be between 1 and the {} examples of the prompt "
                          "(got {})",
                          n, options.k));
        }
        nearest = options.k;
      }
      return trace_label_averaging(prompt, {nearest, options.float_comparison});
    }
    if (construction == "gd") {
      check_range(options.steps, 1, kMaxSteps, "steps");
      Rational eta;
      try {
        eta = parse_rational(options.eta);
      } catch (const ParseError& error) {
        throw InputError(
            fmt::format("--eta: '{}' is not a number ({})", options.eta, error.what()));
      }
      if (eta <= 0) throw InputError(fmt::format("--eta: must be > 0 (got {})", to_string(eta)));
      return trace_gradient_descent(vector_prompt(options.prompt),
                                    {options.steps, eta, options.float_comparison});
    }
    if (construction == "perceptron") {
      check_range(options.max_updates, 1, kMaxUpdates, "max-updates");
      return trace_perceptron(vector_prompt(options.prompt),
                              {options.max_updates, options.float_comparison});
    }
  } catch (const std::invalid_argument& error) {
    throw InputError(fmt::format("--prompt: {}", error.what()));
  }
  throw InputError(
      fmt::format("--construction: '{}' is not one of: counting, label-averaging, gd, perceptron",
                  construction));
}

void run(const TraceOptions& options) {
  const Trace trace = build(options);
  if (!options.html.empty()) {
    try {
      write_file_atomically(options.html, render_html(trace));
    } catch (const OutputError& error) {
      throw InputError(fmt::format("--html: {}", error.what()));
    }
  }
  std::cout << render_text(trace, {options.layout});
}

constexpr const char* kExamples = R"(Prompts, one syntax per kind of construction:
  counting         words; ';' ends an example; each example is a context word, then its
                   outputs ('|' sets the split: "the cat | sat ; the dog | ran ; the cat")
                     elicit trace --prompt "a x ; a y ; a x ; a"
  label-averaging  numbers; 'x1 x2 : label' per example; the query last, ': ?'
                     elicit trace --construction label-averaging --prompt "1 2 : 1 ; 3 -1 : 0 ; 2 2 : 1 ; 0 1 : ?" --k 2
  gd               the same, labels any number
                     elicit trace --construction gd --prompt "1 0 : 2 ; 0 1 : -1 ; 1 1 : ?" --steps 2 --eta 1/2
  perceptron       the same, labels -1 or +1; a query is optional (classified at the end)
                     elicit trace --construction perceptron --prompt "2 1 : +1 ; 0 -1 : -1 ; -1 1 : -1"
Numbers are exact: 3, -1/3, 0.1 (= 1/10).)";

}  // namespace

void add_trace_command(CLI::App& app) {
  auto options = std::make_shared<TraceOptions>();
  CLI::App* command = app.add_subcommand(
      "trace", "Run an ICL construction on a prompt and explain it layer by layer, exactly");
  command->add_option("--construction", options->construction,
                      "counting (default), label-averaging, gd, perceptron");
  command->add_option("--prompt", options->prompt, "the prompt (syntax below)")->required();
  command->add_flag("--float", options->float_comparison,
                    "also run in double precision and report the first difference");
  command->add_flag("--layout", options->layout,
                    "print the residual stream's named subspaces and their values at the query");
  command
      ->add_option("--html", options->html,
                   "also draw the trace as one self-contained HTML page in this file")
      ->option_text("FILE");
  options->k_option =
      command
          ->add_option("--k", options->k,
                       "label-averaging: keep the k examples nearest the query (exact squared "
                       "distance; ties: the earlier example)")
          ->check(
              integer_between(1, std::numeric_limits<int>::max(),
                              "must be between {low} and the examples of the prompt (got {got})"));
  options->steps_option =
      command->add_option("--steps", options->steps, "gd: K, the number of layers (default 3)")
          ->check(integer_between(1, kMaxSteps, "must be between {low} and {high} (got {got})"));
  options->eta_option =
      command->add_option("--eta", options->eta, "gd: the learning rate η, exact (default 1/2)")
          ->option_text("NUMBER");
  options->max_updates_option =
      command
          ->add_option("--max-updates", options->max_updates,
                       "perceptron: the cap on updates (default 100)")
          ->check(integer_between(1, kMaxUpdates, "must be between {low} and {high} (got {got})"));
  command->footer(kExamples);
  command->callback([options] { run(*options); });
}

}  // namespace elicit::cli
