// A transformer as data: a residual stream of named subspaces, layers of attention
// heads and ReLU MLPs, a readout. Weights are exact Rationals set by hand by the
// constructions (construction_*.h); forward.h runs the same Model in any number
// type (exact SmallRational or Rational, or double for the teaching comparison).
//
// Attention scoring rules (all on raw bilinear scores s_ij = q_i · k_j):
//   unique_hard   the single key with the largest score; ties go to the latest key
//   average_hard  the mean of the values of every key with the largest score
//                 (ties averaged exactly: weight 1/|argmax| each)
//   linear        no softmax: out_i = scale · Σ_j s_ij v_j
#pragma once

#include "sim/exact/rational.h"
#include "sim/util/enum_names.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace elicit::transformer {

// Named, contiguous slices of the residual stream (as tracr lays them out).
struct Subspace {
  std::string name;
  int offset = 0;
  int size = 0;
  int at(int i) const { return offset + i; }
};

class Layout {
 public:
  const Subspace& add(const std::string& name, int size);
  const Subspace& operator[](const std::string& name) const;
  int width() const { return width_; }
  const std::vector<Subspace>& subspaces() const { return subspaces_; }

 private:
  std::vector<Subspace> subspaces_;
  int width_ = 0;
};

// A matrix stored by its non-zero entries: hand-set weights are almost all zero.
struct SparseMatrix {
  int rows = 0;
  int cols = 0;
  struct Entry {
    int row;
    int col;
    Rational value;
  };
  std::vector<Entry> entries;

  SparseMatrix() = default;
  SparseMatrix(int rows_, int cols_) : rows(rows_), cols(cols_) {}
  // Checks bounds; replaces an entry already set. O(1): a long text prompt gives
  // matrices of 10^5 entries and more, set one at a time.
  void set(int row, int col, const Rational& value);

 private:
  std::unordered_map<std::int64_t, std::size_t> where_;  // row·cols + col -> entry
};

enum class Scoring { unique_hard, average_hard, linear };
inline constexpr EnumNames<Scoring, 3> kScoringNames = {{{Scoring::unique_hard, "unique hard"},
                                                         {Scoring::average_hard, "averaging hard"},
                                                         {Scoring::linear, "linear"}}};
inline std::string_view scoring_name(Scoring scoring) { return name_of(kScoringNames, scoring); }

struct Head {
  std::string name;
  Scoring scoring = Scoring::unique_hard;
  bool causal = true;   // keys j <= i only
  SparseMatrix query;   // width -> head dim
  SparseMatrix key;     // width -> head dim
  SparseMatrix value;   // width -> value dim
  SparseMatrix output;  // value dim -> width (added to the stream)
  Rational scale = 1;   // linear attention only
};

struct Mlp {
  std::string name;
  SparseMatrix hidden;  // width -> hidden
  std::vector<Rational> hidden_bias;
  SparseMatrix output;  // hidden -> width (added to the stream)
  std::vector<Rational> output_bias;
};

// Heads read the stream as it was before the layer and their outputs are added
// together; then the MLP, if any. A looped layer repeats until the stream stops
// changing (a fixed point) or max_loops runs are done.
struct Layer {
  std::vector<Head> heads;
  std::optional<Mlp> mlp;
  int max_loops = 1;
};

struct Model {
  std::string name;
  Layout layout;
  std::vector<Layer> layers;
  std::string readout;   // subspace read at the readout row
  int readout_row = -1;  // -1: the last row (the query); otherwise this row
};

// The embedded prompt: one row of the residual stream per token.
using StreamRows = std::vector<std::vector<Rational>>;

// The same prompt by its non-zero coordinates. A long prompt's rows are one-hot
// tokens and a few positions in a width of thousands, so this is what the Monte
// Carlo replays build: its memory is that of the non-zeros, not tokens × width.
struct SparseStreamRows {
  struct Entry {
    int col;
    Rational value;
  };
  int width = 0;
  std::vector<std::vector<Entry>> rows;  // each row's entries: columns increasing
};

// Conversions between the two forms (zeros are left out of the sparse one).
SparseStreamRows sparse_rows(const StreamRows& rows, int width);
StreamRows dense_rows(const SparseStreamRows& rows);

}  // namespace elicit::transformer
