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
  const auto [at, added] =
      where_.try_emplace(static_cast<std::int64_t>(row) * cols + col, entries.size());
  if (!added) {
    entries[at->second].value = value;
    return;
  }
  entries.push_back({row, col, value});
}

SparseStreamRows sparse_rows(const StreamRows& rows, int width) {
  SparseStreamRows out;
  out.width = width;
  out.rows.reserve(rows.size());
  for (const auto& row : rows) {
    if (row.size() != static_cast<std::size_t>(width))
      throw std::invalid_argument("sparse_rows: row width mismatch");
    std::vector<SparseStreamRows::Entry> entries;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (row[c] != 0) entries.push_back({static_cast<int>(c), row[c]});
    }
    out.rows.push_back(std::move(entries));
  }
  return out;
}

StreamRows dense_rows(const SparseStreamRows& rows) {
  StreamRows out;
  out.reserve(rows.rows.size());
  for (const auto& entries : rows.rows) {
    std::vector<Rational> row(static_cast<std::size_t>(rows.width), Rational(0));
    for (const auto& [col, value] : entries) {
      if (col < 0 || col >= rows.width)
        throw std::invalid_argument("dense_rows: column " + std::to_string(col) + " out of range");
      row[static_cast<std::size_t>(col)] = value;
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace elicit::transformer
