// What a teaching trace says, apart from how it is shown. A builder per
// construction (counting_trace.h, label_averaging_trace.h, gradient_descent_trace.h,
// perceptron_trace.h) runs the exact transformer, checks it against the
// construction's reference algorithm and fills a Trace; text_render.h prints it for
// a terminal and html_render.h draws it as one self-contained page.
//
//   Trace trace = trace_counting(parse_text_prompt("a x ; a y ; a x ; a"), {});
//   std::cout << render_text(trace, {});
//   write_file_atomically("trace.html", render_html(trace));
#pragma once

#include "sim/exact/rational.h"

#include <optional>
#include <string>
#include <vector>

namespace elicit::teaching {

// One row of a prompt as a student reads it: a word, a ';', a vector or a label.
struct PromptToken {
  std::string text;  // "a", ";", "BOS", "(1, 2)", "y = 1"
  std::string kind;  // boundary, context, output, input, label, query, weights
};

// A table of text cells: a retrieval ranking, the GD steps, the perceptron's loops.
struct Table {
  std::string id;  // unique in the trace (an HTML id)
  std::string caption;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// One attention head at work. Its map has a row per query row the head ran at (or
// per loop, for a looped layer) and a column per key; the focus row is the query's,
// whose keys the text lists with what their scores mean.
struct HeadTrace {
  std::string id;  // unique in the trace: "step1-layer0-shift1"
  std::string name;
  std::string scoring;  // "unique hard", "averaging hard", "linear"
  std::string role;     // one line: what the head is for
  std::vector<std::string> row_labels;
  std::vector<std::string> key_labels;
  std::vector<std::vector<Rational>> scores;   // [row][key]; a causal row stops at itself
  std::vector<std::vector<Rational>> weights;  // the weight each key's value receives
  int focus_row = -1;                          // -1: no key list (a table tells the story)
  std::vector<std::string> key_notes;          // focus row: what a key's score means, or ""
  std::vector<std::string> notes;              // lines under the key list
};

// An MLP at the query row: its role and its values.
struct MlpTrace {
  std::string name;
  std::string role;
  std::vector<std::string> lines;
};

struct LayerTrace {
  std::string title;  // "layer 0", "layer 1 = GD step 2"
  std::vector<HeadTrace> heads;
  std::optional<MlpTrace> mlp;
  std::vector<std::string> notes;  // after the layer: what it changed
  std::vector<Table> tables;
};

// The residual stream's named subspaces and their values at one row, stage by
// stage (as embedded, then after each layer).
struct StreamTrace {
  struct Subspace {
    std::string name;
    int offset = 0;
    int size = 0;
    std::string meaning;
    std::vector<std::string> values;  // one per stage
  };
  std::string row;  // which row, in words
  int width = 0;
  std::vector<std::string> stages;
  std::vector<Subspace> subspaces;
};

// One forward pass (the counting trace runs one per generated token).
struct PassTrace {
  std::string id;  // "step1": prefixes the ids of its heads
  std::string title;
  std::vector<PromptToken> tokens;
  int query_row = 0;  // the row attention is listed at
  std::string query_row_name = "the query row";
  std::vector<LayerTrace> layers;
  std::vector<Table> tables;  // after the layers: a summary of them
  StreamTrace stream;
  std::vector<std::string> result;  // what the pass computed
};

// Where double precision first leaves the exact run, and the double outputs.
struct FloatTrace {
  std::vector<std::string> lines;
  std::string first_difference;  // "none, …" when the two runs are equal
  bool departs = false;          // whether the runs differ at all
  // The attention map cell to highlight, when the difference is an attention value.
  std::string head_id;
  int row = -1;
  int key = -1;
};

struct Trace {
  std::string construction;          // counting, label-averaging, gd, perceptron
  std::vector<std::string> summary;  // how the prompt was read, first line first
  std::vector<Table> tables;         // before the passes (the retrieval ranking)
  std::vector<PassTrace> passes;
  std::vector<std::string> output;
  // The exact answer of each pass as the trace states it (p̂ of a step, the mean
  // label, the prediction, (w, b)): what tests compare with the references.
  std::vector<std::vector<Rational>> answers;
  std::vector<std::string> checks;  // the reference algorithm the output equals
  std::optional<FloatTrace> float_comparison;
};

}  // namespace elicit::teaching
