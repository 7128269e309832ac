#include "sim/teaching/counting_trace.h"

#include "sim/teaching/float_comparison.h"
#include "sim/teaching/roles.h"
#include "sim/teaching/show.h"
#include "sim/teaching/views.h"
#include "sim/transformer/forward.h"

#include <fmt/format.h>

#include <stdexcept>

namespace elicit::teaching {
namespace {

using namespace transformer;

// Symbols of the construction: 0 is any boundary, then contexts, then outputs.
std::string symbol_name(const TextPrompt& prompt, int symbol) {
  if (symbol == 0) return "boundary";
  return prompt.token_name(symbol + 1);
}

// A one-hot subspace as the name of its hot entry; "-" when empty.
std::string one_hot_name(const std::vector<Rational>& values,
                         const std::function<std::string(int)>& name) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == 0) continue;
    const std::string entry = name(static_cast<int>(i));
    out +=
        (out.empty() ? "" : " + ") + (values[i] == 1 ? entry : to_string(values[i]) + "·" + entry);
  }
  return out.empty() ? "-" : out;
}

std::string distribution_text(const TextPrompt& prompt, const std::vector<Rational>& p) {
  std::string out;
  for (std::size_t v = 0; v < p.size(); ++v) {
    out += fmt::format("{}{}: {}", v ? ", " : "", prompt.output_names[v], to_string(p[v]));
  }
  return out;
}

std::string distribution_text(const TextPrompt& prompt, const std::vector<double>& p) {
  std::string out;
  for (std::size_t v = 0; v < p.size(); ++v) {
    out += fmt::format("{}{}: {}", v ? ", " : "", prompt.output_names[v], show_double(p[v]));
  }
  return out;
}

// "p(y2 | c, x)": the conditional a step estimates.
std::string conditional(const TextPrompt& prompt, const CountingQuery& query) {
  std::string given = prompt.context_names[static_cast<std::size_t>(query.context)];
  for (int v : query.prefix) given += ", " + prompt.output_names[static_cast<std::size_t>(v)];
  return fmt::format("p(y{} | {})", query.prefix.size() + 1, given);
}

std::string prefix_words(const TextPrompt& prompt, const CountingQuery& query) {
  std::string words;
  for (int v : query.prefix)
    words += (words.empty() ? "" : " ") + prompt.output_names[static_cast<std::size_t>(v)];
  return words;
}

std::string stream_value(const TextPrompt& prompt, const Subspace& part,
                         const std::vector<Rational>& values) {
  const auto symbol = [&](int s) { return symbol_name(prompt, s); };
  if (part.name == "tok") return one_hot_name(values, [&](int t) { return prompt.token_name(t); });
  if (part.name == "sym" || part.name.rfind("shift", 0) == 0 || part.name.rfind("query", 0) == 0) {
    return one_hot_name(values, symbol);
  }
  if (part.name == "out") return distribution_text(prompt, values);
  return plain_values(part, values);
}

std::vector<PromptToken> prompt_tokens(const TextPrompt& prompt, const std::vector<int>& tokens) {
  std::vector<PromptToken> out;
  for (int t : tokens) {
    std::string kind = "output";
    if (t == CountingTokens::bos || t == CountingTokens::sep) {
      kind = "boundary";
    } else if (t - 2 < prompt.spec.contexts) {
      kind = "context";
    }
    // A context of several words ("the cat", split by '|') is one token: bracket it.
    const std::string name = prompt.token_name(t);
    out.push_back({name.find(' ') == std::string::npos ? name : "[" + name + "]", kind});
  }
  return out;
}

// What a key's score means, for the keys a head attends to at the query row i.
void explain_scores(HeadTrace& head, int i, const std::vector<Rational>& query_row_before,
                    const std::vector<std::vector<Rational>>& stream_before, const Model& model,
                    const TextPrompt& prompt) {
  const auto& scores = head.scores.at(static_cast<std::size_t>(head.focus_row));
  const auto& weights = head.weights.at(static_cast<std::size_t>(head.focus_row));
  const Layout& layout = model.layout;
  for (std::size_t j = 0; j < weights.size(); ++j) {
    if (weights[j] == 0) continue;
    const std::string s = to_string(scores[j]);
    std::string& note = head.key_notes[j];
    if (head.name.rfind("shift", 0) == 0) {
      const int k = std::stoi(head.name.substr(5));
      if (static_cast<int>(j) == i - k) {
        note = fmt::format("{} = {}²: the largest 2(i-{})j - j², at j = i-{} = {}", s, i - k, k, k,
                           i - k);
      }
    } else if (head.name == "boundary") {
      note = fmt::format("{} = ({}+1) + {}: the latest boundary before the query", s, i, j);
    } else if (head.name == "induction") {
      // Count the symbols k = 0..l back on which key j's preceding context agrees
      // with the query's gated prefix (query_k against the key's shift_{k+1}).
      int matches = 0;
      for (int k = 0; k <= prompt.spec.length; ++k) {
        const auto wanted = slice(query_row_before, layout["query" + std::to_string(k)]);
        const auto offered = slice(stream_before[j], layout["shift" + std::to_string(k + 1)]);
        for (std::size_t v = 0; v < wanted.size(); ++v) {
          if (wanted[v] != 0 && offered[v] != 0) ++matches;
        }
      }
      const auto to_match = slice(query_row_before, layout["gate_sum"]).at(0);
      const Rational bonus = scores[j] - 2 * matches;
      if (bonus != 0) {
        note = fmt::format(
            "{} = 2×{} + {}: BOS, whose bonus 2·{} - 3 beats any partial match and loses to a "
            "full one ({})",
            s, matches, to_string(bonus), to_string(to_match), to_string(2 * to_match));
      } else if (matches == to_match) {
        note = fmt::format("{} = 2×{}: all {} symbols match (same context and prefix)", s, matches,
                           matches);
      } else {
        note = fmt::format("{} = 2×{}: {} of {} symbols match", s, matches, matches,
                           to_string(to_match));
      }
    }
  }
}

MlpTrace explain_mlp(const Mlp& mlp, const MlpRecord<Rational>& record, int i,
                     const std::vector<Rational>& after, const Model& model,
                     const TextPrompt& prompt) {
  MlpTrace trace{mlp.name, mlp_role(model.name, mlp.name), {}};
  const Layout& layout = model.layout;
  if (mlp.name == "gates") {
    const Rational boundary = slice(after, layout["sep_pos"]).at(0);
    const Rational offset = Rational(i) - boundary;
    trace.lines.push_back(fmt::format("offset = p - sep_pos = {} - {} = {}", i, to_string(boundary),
                                      to_string(offset)));
    for (int k = 1; k <= prompt.spec.length; ++k) {
      const auto gate = static_cast<std::size_t>(k - 1);  // gate k's two hidden units
      const auto& a = record.pre_activation.at(2 * gate);
      const auto& b = record.pre_activation.at(2 * gate + 1);
      const auto& ra = record.hidden.at(2 * gate);
      const auto& rb = record.hidden.at(2 * gate + 1);
      trace.lines.push_back(fmt::format("gate{} = ReLU({}) - ReLU({}) = {} - {} = {}", k,
                                        to_string(a), to_string(b), to_string(ra), to_string(rb),
                                        to_string(ra - rb)));
    }
  } else {
    std::string written;
    for (int k = 0; k <= prompt.spec.length; ++k) {
      const std::string name = "query" + std::to_string(k);
      written += fmt::format(
          "{} = {}, ", name,
          one_hot_name(slice(after, layout[name]), [&](int s) { return symbol_name(prompt, s); }));
    }
    const auto to_match = slice(after, layout["gate_sum"]).at(0);
    trace.lines.push_back(fmt::format("{}gate_sum = {}: the induction head matches {} symbols",
                                      written, to_string(to_match), to_string(to_match)));
    int active = 0;
    for (const auto& h : record.hidden) active += h != 0 ? 1 : 0;
    trace.lines.push_back(fmt::format("{} of {} hidden units ReLU(shift_k[s] + gate_k - 1) > 0",
                                      active, record.hidden.size()));
  }
  return trace;
}

struct Step {
  CountingQuery query;
  std::vector<int> tokens;
  StreamRows rows;
  RunResult<Rational> exact;
  std::optional<RunResult<double>> approx;
};

PassTrace trace_pass(const Step& step, int index, int steps, const TextPrompt& prompt,
                     const Model& model) {
  PassTrace pass;
  pass.id = fmt::format("step{}", index + 1);
  pass.title = fmt::format("step {} of {}: {}", index + 1, steps, conditional(prompt, step.query));
  pass.tokens = prompt_tokens(prompt, step.tokens);
  const int i = static_cast<int>(step.tokens.size()) - 1;
  pass.query_row = i;
  std::vector<std::string> labels;
  for (const auto& token : pass.tokens) labels.push_back(token.text);
  for (std::size_t l = 0; l < model.layers.size(); ++l) {
    const int layer = static_cast<int>(l);
    const Layer& layer_model = model.layers[l];
    LayerTrace view{fmt::format("layer {}", l), {}, std::nullopt, {}, {}};
    const auto& before = l == 0 ? step.rows : stream_after(step.exact, layer - 1);
    for (const Head& head : layer_model.heads) {
      HeadTrace map = head_map(step.exact, layer, 0, head.name, labels, i,
                               fmt::format("{}-layer{}-{}", pass.id, l, head.name));
      map.role = head_role(model.name, head.name);
      explain_scores(map, i, before.at(static_cast<std::size_t>(i)), before, model, prompt);
      view.heads.push_back(std::move(map));
    }
    if (layer_model.mlp) {
      view.mlp = explain_mlp(*layer_model.mlp, *mlp_record(step.exact, layer, 0), i,
                             stream_after(step.exact, layer).at(static_cast<std::size_t>(i)), model,
                             prompt);
    }
    pass.layers.push_back(std::move(view));
  }
  pass.stream =
      stream_at(model, step.rows, step.exact, i, fmt::format("the query row, position {}", i),
                [&](const Subspace& part, const std::vector<Rational>& values) {
                  return stream_value(prompt, part, values);
                });
  return pass;
}

// Examples with the query's context and prefix, and how often each output follows.
std::pair<int, std::vector<int>> counts(const TextPrompt& prompt, const CountingQuery& query) {
  std::vector<int> next(static_cast<std::size_t>(prompt.spec.outputs), 0);
  int total = 0;
  for (const auto& example : prompt.data) {
    if (example.context != query.context) continue;
    if (!std::equal(query.prefix.begin(), query.prefix.end(), example.outputs.begin())) continue;
    ++next[static_cast<std::size_t>(example.outputs[query.prefix.size()])];
    ++total;
  }
  return {total, next};
}

// The summary lines: how the prompt was read, its vocabulary, the query.
void add_summary(Trace& trace, const TextPrompt& prompt, const std::string& context,
                 int to_generate) {
  const CountingSpec& spec = prompt.spec;
  const std::string outputs_word = spec.length == 1 ? "output word" : "output words";
  trace.summary.push_back(
      prompt.split_marked
          ? fmt::format("counting: {} examples, each 'context | {} {}' as marked by '|'; "
                        "query: context '{}', generate {}",
                        prompt.data.size(), spec.length, outputs_word, context, to_generate)
          : fmt::format("counting: {} examples, each a context word then l = {} {} (write "
                        "'context | outputs' to split elsewhere); query: context '{}', generate {}",
                        prompt.data.size(), spec.length, outputs_word, context, to_generate));
  std::string contexts, outputs;
  for (const auto& c : prompt.context_names) contexts += (contexts.empty() ? "" : ", ") + c;
  for (const auto& v : prompt.output_names) outputs += (outputs.empty() ? "" : ", ") + v;
  trace.summary.push_back(fmt::format("vocabulary: m = {} context{} ({}), V = {} outputs ({})",
                                      spec.contexts, spec.contexts == 1 ? "" : "s", contexts,
                                      spec.outputs, outputs));
  if (!prompt.query.prefix.empty()) {
    std::string given;
    for (int v : prompt.query.prefix)
      given += (given.empty() ? "" : " ") + prompt.output_names[static_cast<std::size_t>(v)];
    trace.summary.push_back(fmt::format("the query already has {} output{}: {}",
                                        prompt.query.prefix.size(),
                                        prompt.query.prefix.size() == 1 ? "" : "s", given));
  }
  trace.summary.push_back(
      "generation: each step runs the transformer on the prompt so far and appends the most "
      "probable word (ties: the word seen first)");
}

// The result of a step no example matches: nothing to count, no estimate.
void explain_unseen(PassTrace& pass, const std::string& estimate, const TextPrompt& prompt,
                    const CountingQuery& query, const std::string& context, bool last) {
  pass.result.push_back(estimate);
  pass.result.push_back(fmt::format(
      "unseen: no example {}. No key matches the query's whole prefix, so the induction "
      "head's best key is BOS (its bonus beats every partial match) and BOS's value is "
      "zero: every probability is 0, there is no estimate without data.",
      query.prefix.empty()
          ? fmt::format("has context '{}'", context)
          : fmt::format("of context '{}' starts with '{}'", context, prefix_words(prompt, query))));
  if (!last) pass.result.push_back("generation stops here");
}

// The result of a step with matching examples: their tally, and the word generated (the
// most probable, the first seen among ties), which it returns.
std::size_t explain_pick(PassTrace& pass, const std::string& estimate, const TextPrompt& prompt,
                         int total, const std::vector<int>& next,
                         const std::vector<Rational>& reference) {
  std::string tally;
  for (std::size_t v = 0; v < next.size(); ++v) {
    if (next[v] > 0) tally += fmt::format(", {} {}", prompt.output_names[v], next[v]);
  }
  pass.result.push_back(fmt::format("{}   (of {} example{} with this context and prefix: {})",
                                    estimate, total, total == 1 ? "" : "s", tally.substr(2)));
  std::size_t pick = 0;
  for (std::size_t v = 1; v < reference.size(); ++v) {
    if (reference[v] > reference[pick]) pick = v;
  }
  int tied = 0;
  for (const auto& p : reference) tied += p == reference[pick] ? 1 : 0;
  pass.result.push_back(
      fmt::format("generated: {}{}", prompt.output_names[pick],
                  tied > 1 ? fmt::format(" (a tie of {}: the word seen first)", tied) : ""));
  return pick;
}

// The step run again in double precision: its output line, and where it first leaves the
// exact run unless an earlier step already did.
void compare_float(Step& step, const PassTrace& pass, int index, int to_generate,
                   const TextPrompt& prompt, const Model& model,
                   std::vector<std::string>& float_lines, std::optional<Departure>& departure) {
  step.approx = run<double>(model, step.rows, trace_run_options());
  float_lines.push_back(fmt::format("double precision, same weights, {}: {}",
                                    conditional(prompt, step.query),
                                    distribution_text(prompt, step.approx->output)));
  if (departure) return;
  std::vector<std::string> labels;
  for (const auto& token : pass.tokens) labels.push_back(token.text);
  const std::string pass_id = pass.id;
  departure = first_departure(model, step.rows, step.exact, *step.approx,
                              static_cast<int>(step.tokens.size()) - 1, labels,
                              {[pass_id](int layer, int, const std::string& head) {
                                 return fmt::format("{}-layer{}-{}", pass_id, layer, head);
                               },
                               [](int, int, int row) { return row; }});
  if (departure && to_generate > 1)
    departure->text = fmt::format("step {}, {}", index + 1, departure->text);
}

}  // namespace

TraceSize counting_trace_size(const TextPrompt& prompt) {
  const CountingSpec& spec = prompt.spec;
  const double l = spec.length, outputs = spec.outputs;
  const double tokens = 2.0 + spec.contexts + outputs;  // BOS, SEP, contexts, outputs
  const double symbols = tokens - 1;                    // symbol 0: any boundary
  const double to_generate = l - static_cast<double>(prompt.query.prefix.size());
  TraceSize size;
  size.passes = to_generate;
  size.maps = l + 3;  // l + 1 shift heads and the boundary head; the induction head
  size.layer_runs = 3;
  size.rows = static_cast<double>(prompt.tokens.size()) + to_generate - 1;
  // tok, sym, pos, shift1..l+1, sep_pos, gate, query0..l, gate_sum, out
  size.width = tokens + symbols + 3 + (l + 1) * symbols + 1 + l + (l + 1) * symbols + 1 + outputs;
  return size;
}

Trace trace_counting(const TextPrompt& prompt, const CountingTraceOptions& options) {
  const CountingSpec& spec = prompt.spec;
  check_trace_size(counting_trace_size(prompt), "fewer examples or fewer outputs per example");
  const CountingConstruction construction(spec);
  const Model& model = construction.model();
  const auto& context = prompt.context_names[static_cast<std::size_t>(prompt.query.context)];
  const int to_generate = spec.length - static_cast<int>(prompt.query.prefix.size());

  Trace trace;
  trace.construction = "counting";
  add_summary(trace, prompt, context, to_generate);

  CountingQuery query = prompt.query;
  std::string generated = context;
  for (int v : query.prefix) generated += " " + prompt.output_names[static_cast<std::size_t>(v)];
  std::optional<Departure> departure;
  std::vector<std::string> float_lines;
  for (int index = 0; index < to_generate; ++index) {
    Step step;
    step.query = query;
    step.tokens = construction.prompt(prompt.data, query);
    step.rows = construction.embed(step.tokens);
    step.exact = run_exact(model, step.rows, trace_run_options());
    const auto reference = empirical_next_token(spec, prompt.data, query);
    if (step.exact.output != reference) {
      throw std::logic_error("the counting transformer disagrees with empirical_next_token at " +
                             conditional(prompt, query));
    }
    PassTrace pass = trace_pass(step, index, to_generate, prompt, model);
    const auto [total, next] = counts(prompt, query);
    const std::string estimate =
        fmt::format("{} = {}", conditional(prompt, query), distribution_text(prompt, reference));
    trace.output.push_back(estimate);
    trace.answers.push_back(step.exact.output);
    if (total == 0) {
      explain_unseen(pass, estimate, prompt, query, context, index + 1 >= to_generate);
    } else {
      const std::size_t pick = explain_pick(pass, estimate, prompt, total, next, reference);
      generated += " " + prompt.output_names[pick];
      query.prefix.push_back(static_cast<int>(pick));
    }
    if (options.compare_float) {
      compare_float(step, pass, index, to_generate, prompt, model, float_lines, departure);
    }
    trace.passes.push_back(std::move(pass));
    if (total == 0) break;
  }
  trace.output.push_back("generated: " + generated);
  trace.checks.push_back(fmt::format(
      "every step equals empirical_next_token, the count-based reference ({} step{} checked)",
      trace.passes.size(), trace.passes.size() == 1 ? "" : "s"));
  if (options.compare_float) trace.float_comparison = float_trace(float_lines, departure);
  return trace;
}

}  // namespace elicit::teaching
