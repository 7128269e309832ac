// Where a double-precision run of the same weights first leaves the exact run.
// Values are compared in the order the forward pass computes them: the embedded
// prompt, then each layer pass (its heads' scores and weights row by row, its MLP,
// the stream after it), then the number of loops and the output. Every double is
// compared exactly (as the rational it is), so the first difference is the first
// rounding that shows.
//
//   auto departure = first_departure(model, rows, exact, approx, row_labels, id_of);
//   departure->text  // "layer 2, head induction, row 10 'a', key 2 'x': exact weight 1/3, …"
#pragma once

#include "sim/teaching/trace.h"
#include "sim/transformer/forward.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace elicit::teaching {

struct Departure {
  std::string text;
  // Set when the departure is an attention value: the cell of the head's map.
  std::string head_id;
  int map_row = -1;
  int key = -1;
};

// `head_id(layer, loop, head)` names the HeadTrace a departure in that head belongs
// to ("" when the trace draws no map for it); `map_row_of(layer, row, loop)` gives
// the row of that map (a prompt row, or a loop for a looped head).
struct MapNaming {
  std::function<std::string(int layer, int loop, const std::string& head)> head_id;
  std::function<int(int layer, int loop, int row)> map_row;
};

// The last layer feeds only the readout row (`readout_row`), so its other rows,
// which a plain run does not even compute, are not compared.
std::optional<Departure> first_departure(
    const transformer::Model& model, const transformer::StreamRows& input,
    const transformer::RunResult<Rational>& exact, const transformer::RunResult<double>& approx,
    int readout_row, const std::vector<std::string>& row_labels, const MapNaming& naming);

// The FloatTrace of one pass: its double output lines and first departure.
FloatTrace float_trace(const std::vector<std::string>& lines,
                       const std::optional<Departure>& departure);

}  // namespace elicit::teaching
