// The residual stream kept by its non-zero coordinates (internal to forward.cpp).
//
// A long prompt's stream is almost all zeros: a one-hot token, a position and a
// few named subspaces per row, in a width of (l+2)·(m+V) and more. The forward
// pass therefore stores rows, keys and values as sparse vectors, so that memory and
// time follow the non-zeros, not tokens × width:
//   SparseVector  one row being worked on: (coordinate, value), coordinates increasing
//   SparseRows    many finished rows back to back (compressed sparse rows)
//   Accumulator   sums terms into coordinates, touching only those that get one
//   CompiledMatrix  x·M for a sparse x, its terms added in the order of the dense
//                 pass (so that double results stay bit for bit what they were)
//
//   SparseRows<SmallRational> rows;  rows.append(vector);     // row 0
//   matrix.apply(rows[0], accumulator, out);                  // out = row 0 · M
#pragma once

#include "sim/exact/rational.h"
#include "sim/transformer/model.h"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace elicit::transformer::detail {

template <class S>
bool is_zero(const S& value) {
  return value == S(0);
}

// One sparse vector under construction: coordinates increasing, no zero values.
template <class S>
struct SparseVector {
  std::vector<int> cols;
  std::vector<S> values;

  std::size_t size() const { return cols.size(); }
  int col(std::size_t k) const { return cols[k]; }
  const S& value(std::size_t k) const { return values[k]; }
  void clear() {
    cols.clear();
    values.clear();
  }
  // Appends (c, v) after every coordinate already held; zeros are left out.
  void push(int c, S v) {
    if (is_zero(v)) return;
    cols.push_back(c);
    values.push_back(std::move(v));
  }
};

// A read-only view of one row of SparseRows, with SparseVector's interface.
template <class S>
struct RowView {
  const int* cols = nullptr;
  const S* values = nullptr;
  std::size_t count = 0;

  std::size_t size() const { return count; }
  int col(std::size_t k) const { return cols[k]; }
  const S& value(std::size_t k) const { return values[k]; }
};

template <class S>
RowView<S> view_of(const SparseVector<S>& vector) {
  return {vector.cols.data(), vector.values.data(), vector.size()};
}

// Rows appended one after another and read by index; a row costs its non-zeros.
template <class S>
class SparseRows {
 public:
  std::size_t size() const { return starts_.size() - 1; }
  std::size_t non_zeros() const { return cols_.size(); }

  template <class Row>
  void append(const Row& row) {
    for (std::size_t k = 0; k < row.size(); ++k) {
      cols_.push_back(row.col(k));
      values_.push_back(row.value(k));
    }
    starts_.push_back(cols_.size());
  }

  // The storage itself, for loops over every row: row i's entries are
  // [starts()[i], starts()[i + 1]) of cols() and values().
  const std::size_t* starts() const { return starts_.data(); }
  const int* cols() const { return cols_.data(); }
  const S* values() const { return values_.data(); }

  RowView<S> operator[](std::size_t i) const {
    const std::size_t begin = starts_[i];
    return {cols_.data() + begin, values_.data() + begin, starts_[i + 1] - begin};
  }

  // Equal as matrices: both are canonical (coordinates increasing, no zeros).
  friend bool operator==(const SparseRows& a, const SparseRows& b) {
    return a.starts_ == b.starts_ && a.cols_ == b.cols_ && a.values_ == b.values_;
  }

 private:
  std::vector<std::size_t> starts_ = {0};
  std::vector<int> cols_;
  std::vector<S> values_;
};

// The dense row of a sparse one, `width` wide.
template <class S, class Row>
std::vector<S> dense(const Row& row, int width) {
  std::vector<S> out(static_cast<std::size_t>(width), S(0));
  for (std::size_t k = 0; k < row.size(); ++k)
    out[static_cast<std::size_t>(row.col(k))] = row.value(k);
  return out;
}

// Sums terms into coordinates [0, n): each touched coordinate starts at S(0) and
// receives its terms in the order they arrive, as a dense `out[c] += term` would.
template <class S>
class Accumulator {
 public:
  explicit Accumulator(int n)
      : sums_(static_cast<std::size_t>(n), S(0)), used_(static_cast<std::size_t>(n), 0) {}

  void add(int c, const S& term) {
    const auto i = static_cast<std::size_t>(c);
    if (!used_[i]) {
      used_[i] = 1;
      touched_.push_back(c);
      sums_[i] = S(0);
    }
    sums_[i] += term;
  }
  // Multiplies every sum so far by `factor`.
  void scale(const S& factor) {
    for (int c : touched_)
      sums_[static_cast<std::size_t>(c)] = sums_[static_cast<std::size_t>(c)] * factor;
  }
  // Moves the non-zero sums into `out` (cleared first), coordinates increasing, and
  // starts over.
  void take(SparseVector<S>& out) {
    out.clear();
    std::sort(touched_.begin(), touched_.end());
    for (int c : touched_) {
      const auto i = static_cast<std::size_t>(c);
      out.push(c, sums_[i]);
      used_[i] = 0;
    }
    touched_.clear();
  }

 private:
  std::vector<S> sums_;
  std::vector<char> used_;
  std::vector<int> touched_;
};

// row + addition, coordinate by coordinate (row[c] += addition[c]); sums that
// cancel to zero leave the row.
template <class S, class Row>
void add_into(SparseVector<S>& row, const Row& addition, SparseVector<S>& scratch) {
  if (addition.size() == 0) return;
  scratch.clear();
  std::size_t a = 0, b = 0;
  while (a < row.size() || b < addition.size()) {
    if (b == addition.size() || (a < row.size() && row.col(a) < addition.col(b))) {
      scratch.push(row.col(a), row.values[a]);
      ++a;
    } else if (a == row.size() || addition.col(b) < row.col(a)) {
      S sum(0);  // a dense row held 0 here: 0 + term, as the dense pass computed it
      sum += addition.value(b);
      scratch.push(addition.col(b), std::move(sum));
      ++b;
    } else {
      S sum = row.values[a];
      sum += addition.value(b);
      scratch.push(row.col(a), std::move(sum));
      ++a;
      ++b;
    }
  }
  std::swap(row, scratch);
}

// A SparseMatrix with its entries converted to S once, stored by input row so that
// x·M costs the entries of x's non-zero rows only.
//
// A dense pass summed each output coordinate's terms in the order the entries were
// set. Visiting x's coordinates in increasing order gives the same order whenever
// every column's entries were set in increasing row order (true of almost every
// hand-set matrix); otherwise, and only for double, where the order of a sum can
// change its rounding, the terms are sorted back into the order they were set.
template <class S>
class CompiledMatrix {
 public:
  template <class Convert>
  CompiledMatrix(const SparseMatrix& m, Convert convert) : rows_(m.rows), cols_(m.cols) {
    std::vector<std::size_t> order(m.entries.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return m.entries[a].row < m.entries[b].row;
    });
    starts_.assign(static_cast<std::size_t>(rows_) + 1, 0);
    for (const auto& e : m.entries) ++starts_[static_cast<std::size_t>(e.row) + 1];
    for (std::size_t r = 0; r < static_cast<std::size_t>(rows_); ++r) starts_[r + 1] += starts_[r];
    for (std::size_t k : order) {
      const auto& e = m.entries[k];
      entries_.push_back({e.col, k, convert(e.value)});
    }
    std::vector<int> last_row(static_cast<std::size_t>(cols_), -1);
    bool row_ordered = true;
    for (const auto& e : m.entries) {
      int& last = last_row[static_cast<std::size_t>(e.col)];
      if (e.row < last) row_ordered = false;
      last = e.row;
    }
    keep_set_order_ = std::is_floating_point_v<S> && !row_ordered;
  }

  int cols() const { return cols_; }

  // out = x · M (+ bias, added to each coordinate after its terms), out cleared
  // first. `sums` must be at least cols() wide and empty.
  template <class Row>
  void apply(const Row& x, Accumulator<S>& sums, SparseVector<S>& out,
             const SparseVector<S>* bias = nullptr) const {
    if (keep_set_order_) {
      apply_in_set_order(x, out, bias);
      return;
    }
    for (std::size_t k = 0; k < x.size(); ++k) {
      const auto r = static_cast<std::size_t>(x.col(k));
      if (r >= static_cast<std::size_t>(rows_)) continue;
      for (std::size_t e = starts_[r]; e < starts_[r + 1]; ++e)
        sums.add(entries_[e].col, x.value(k) * entries_[e].value);
    }
    if (bias) {
      for (std::size_t k = 0; k < bias->size(); ++k) sums.add(bias->col(k), bias->value(k));
    }
    sums.take(out);
  }

 private:
  struct Entry {
    int col;
    std::size_t set_order;  // position among the entries as they were set
    S value;
  };

  template <class Row>
  void apply_in_set_order(const Row& x, SparseVector<S>& out, const SparseVector<S>* bias) const {
    std::vector<std::tuple<int, std::size_t, S>> terms;
    for (std::size_t k = 0; k < x.size(); ++k) {
      const auto r = static_cast<std::size_t>(x.col(k));
      if (r >= static_cast<std::size_t>(rows_)) continue;
      for (std::size_t e = starts_[r]; e < starts_[r + 1]; ++e)
        terms.emplace_back(entries_[e].col, entries_[e].set_order, x.value(k) * entries_[e].value);
    }
    if (bias) {  // after every term of its coordinate
      for (std::size_t k = 0; k < bias->size(); ++k)
        terms.emplace_back(bias->col(k), entries_.size(), bias->value(k));
    }
    std::sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) {
      return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });
    out.clear();
    for (std::size_t t = 0; t < terms.size();) {
      const int c = std::get<0>(terms[t]);
      S sum(0);
      for (; t < terms.size() && std::get<0>(terms[t]) == c; ++t) sum += std::get<2>(terms[t]);
      out.push(c, std::move(sum));
    }
  }

  int rows_ = 0;
  int cols_ = 0;
  std::vector<std::size_t> starts_;  // entries of input row r: [starts_[r], starts_[r+1])
  std::vector<Entry> entries_;
  bool keep_set_order_ = false;
};

}  // namespace elicit::transformer::detail
