#include "sim/transformer/model.h"

#include <stdexcept>

namespace elicit::transformer {

const Subspace& Layout::add(const std::string& name, int size) {
  for (const auto& s : subspaces_) {
    if (s.name == name) throw std::logic_error("subspace '" + name + "' added twice");
  }
  subspaces_.push_back({name, width_, size});
  width_ += size;
  return subspaces_.back();
}

const Subspace& Layout::operator[](const std::string& name) const {
  for (const auto& s : subspaces_) {
    if (s.name == name) return s;
  }
  throw std::logic_error("no subspace '" + name + "'");
}

void SparseMatrix::set(int row, int col, const Rational& value) {
  if (row < 0 || row >= rows || col < 0 || col >= cols) {
    throw std::logic_error("SparseMatrix::set out of range");
  }
  for (auto& e : entries) {
    if (e.row == row && e.col == col) {
      e.value = value;
      return;
    }
  }
  entries.push_back({row, col, value});
}

}  // namespace elicit::transformer
