// Runs across MPI ranks (an optional build: CMake finds Open MPI, Debian's
// libopenmpi-dev). Under `mpirun -np R elicit run CASE`, rank 0 is elicit as
// always — it reads the input, owns the results folder and its journal, and
// computes cells with its own threads — while ranks 1..R-1 compute cells it hands
// them, one at a time, and send back each cell's row. A cell's row is a pure
// function of (case, settings, cell), so the results folder is byte for byte what
// one process writes; the manifest says `processes: R`. The unit of work is a
// cell: a case of one cell gains nothing from more ranks.
//
//   auto ranks = parallel::MpiRanks::join(argc, argv);   // null unless under mpirun, R >= 2
//   if (ranks && ranks->is_worker()) return ranks->work();  // ranks 1..R-1: until rank 0 stops
//   run.helpers = ranks.get();                              // rank 0
#pragma once

#include "sim/cases/case_runner.h"
#include "sim/parallel/cell_messages.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace elicit::parallel {

class MpiRanks : public cases::CellHelpers {
 public:
  // Joins the MPI job when this process was started by mpirun with two or more
  // ranks; null otherwise (a plain `elicit` never touches MPI).
  static std::unique_ptr<MpiRanks> join(int& argc, char**& argv);
  ~MpiRanks() override;  // rank 0: tells every worker to stop; then MPI_Finalize

  bool is_worker() const { return rank_ != 0; }
  // Ranks 1..R-1: computes the cells rank 0 hands out, case after case, until rank
  // 0 says stop; returns the exit status.
  int work();

  void serve(const std::vector<cases::HelpedCase>& cases) override;
  int processes() const override { return size_; }

  // "Open MPI v4.1.4" (the library this elicit was built with).
  static std::string library_version();

 private:
  MpiRanks(int rank, int size) : rank_(rank), size_(size) {}
  // The next cell to hand out: from the first case that has one left, at or after
  // next_case_ (a case's cells all go before the next case's).
  std::optional<CellToCompute> next_cell(const std::vector<cases::HelpedCase>& cases);

  int rank_ = 0, size_ = 1;
  std::size_t next_case_ = 0;
};

}  // namespace elicit::parallel
